import { beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT, OTHER_VILLAGE, registration, VILLAGE } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

type Candidate = {
  id: string;
  nik: string;
  fullName: string;
  phone: string | null;
  version: number;
  warnings: unknown[];
};
type ErrorBody = { error: { code: string; details: { field: string }[] } };

let sys: TestSystem;
let official: string;
let nextSerial = 100;

beforeAll(async () => {
  sys = await startTestSystem();
  official = await sys.token('village_official', VILLAGE);
  await sys.request('PUT', '/programs/2026', { token: await sys.token('bappeda_staff'), body: {} });
});

async function register(serial: number): Promise<Candidate> {
  const res = await sys.request<Candidate>('POST', '/candidates', {
    token: official,
    body: registration(serial),
  });
  expect(res.status).toBe(201);
  return res.body;
}

const patch = (id: string, body: unknown, ifMatch?: string, token = official) =>
  sys.request<Candidate & ErrorBody>('PATCH', `/candidates/${id}`, {
    token,
    body,
    headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
  });

describe('correcting a registration', () => {
  it('applies a correction with If-Match and bumps the version', async () => {
    const c = await register(1);
    const res = await patch(c.id, { fullName: 'Siti  Aminah Rahayu', phone: '+62 812 1111 2222' }, '"1"');
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toMatchObject({ fullName: 'Siti Aminah Rahayu', phone: '+6281211112222', version: 2 });
  });

  it('requires If-Match (428) and refuses a stale one (412), changing nothing', async () => {
    const c = await register(2);
    const missing = await patch(c.id, { fullName: 'Budi' });
    expect(missing.status).toBe(428);
    expect(missing.body.error.code).toBe('PRECONDITION_REQUIRED');
    expect((await patch(c.id, { fullName: 'Budi' }, '"1"')).status).toBe(200);
    const stale = await patch(c.id, { fullName: 'Ani' }, '"1"');
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('VERSION_MISMATCH');
    const got = await sys.request<Candidate>('GET', `/candidates/${c.id}`, { token: official });
    expect(got.body).toMatchObject({ fullName: 'Budi', version: 2 });
  });

  it('lets exactly one of two concurrent corrections of one version succeed', async () => {
    const c = await register(3);
    const results = await Promise.all([
      patch(c.id, { fullName: 'Satu' }, '"1"'),
      patch(c.id, { fullName: 'Dua' }, '"1"'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
  });

  it('moves the NIK guard when the NIK is corrected', async () => {
    const c = await register(4);
    const moved = await patch(c.id, { nik: '3329014507100044' }, '"1"');
    expect(moved.status).toBe(200);
    expect((moved.body as unknown as { nikMasked: string }).nikMasked).toBe('************0044');
    // The old NIK is free again; the new one is taken.
    expect(
      (await sys.request('POST', '/candidates', { token: official, body: registration(4) })).status,
    ).toBe(201);
    const again = await sys.request<ErrorBody>('POST', '/candidates', {
      token: official,
      body: registration(44),
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DUPLICATE_NIK');
  });

  it("refuses a correction to another candidate's NIK (409) and changes nothing", async () => {
    const c = await register(5);
    const res = await patch(c.id, { nik: '3329014507100001' }, '"1"');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('DUPLICATE_NIK');
    const got = await sys.request<Candidate>('GET', `/candidates/${c.id}`, { token: official });
    expect(got.body).toMatchObject({ nik: '3329014507100005', version: 1 });
  });

  it.each([
    ['villageCode', { villageCode: OTHER_VILLAGE }],
    ['year', { year: 2027 }],
    ['status', { status: 'ENROLLED' }],
    ['version', { version: 9 }],
    ['nik', { nik: '12' }],
    ['birthDate', { birthDate: '1980-01-01' }],
  ])('refuses a correction of %s with 400 and changes nothing', async (field, body) => {
    const c = await register(nextSerial++);
    const res = await patch(c.id, body, '"1"');
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d) => d.field)).toContain(field);
    const got = await sys.request<Candidate>('GET', `/candidates/${c.id}`, { token: official });
    expect(got.body.version).toBe(1);
  });

  it('is for the own village official only', async () => {
    const c = await register(6);
    expect(
      (await patch(c.id, { fullName: 'X' }, '"1"', await sys.token('fmpp_volunteer', DISTRICT))).status,
    ).toBe(403);
    expect((await patch(c.id, { fullName: 'X' }, '"1"', await sys.token('bappeda_staff'))).status).toBe(403);
    expect(
      (await patch(c.id, { fullName: 'X' }, '"1"', await sys.token('village_official', OTHER_VILLAGE)))
        .status,
    ).toBe(404);
    expect((await patch('01ARZ3NDEKTSV4RRFFQ69G5FAV', { fullName: 'X' }, '"1"')).status).toBe(404);
  });
});
