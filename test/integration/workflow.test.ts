import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../shared/api/routes.js';
import { db } from '../../shared/db/client.js';
import { appendHistory } from '../../shared/db/history.js';
import { DISTRICT, OTHER_DISTRICT, registration } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

type Funding = { village: string; waitlistPosition: number | null };
type Candidate = { id: string; status: string; version: number; funding: Funding; school: unknown };
type ErrorBody = { error: { code: string; details: { field: string }[] } };
type History = {
  at: string;
  actor: { id: string; role: string };
  from: string | null;
  to: string;
  note: string | null;
}[];

let sys: TestSystem;
let volunteer: string;
let serial = 1;
const SCHOOL_A = { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' };
const SCHOOL_B = { npsn: '69950011', name: 'PKBM Harapan Bangsa', level: 'PAKET_B' };

beforeAll(async () => {
  sys = await startTestSystem();
  volunteer = await sys.token('fmpp_volunteer', DISTRICT);
  await sys.request('PUT', '/programs/2026', { token: await sys.token('bappeda_staff'), body: {} });
});

async function register(village: string): Promise<Candidate> {
  const res = await sys.request<Candidate>('POST', '/candidates', {
    token: await sys.token('village_official', village),
    body: registration(serial++, { villageCode: village }),
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function move(
  c: { id: string; version: number },
  to: string,
  extra: Record<string, unknown> = {},
  token = volunteer,
) {
  return sys.request<Candidate & ErrorBody>('POST', `/candidates/${c.id}/transitions`, {
    token,
    body: { to, ...extra },
    headers: { 'if-match': `"${c.version}"` },
  });
}

async function get(id: string): Promise<Candidate> {
  return (await sys.request<Candidate>('GET', `/candidates/${id}`, { token: volunteer })).body;
}

const summary = async (village: string) =>
  (
    await sys.request<{ funded: number; waitlisted: number; byStatus: Record<string, number> }>(
      'GET',
      `/villages/${village}`,
      {
        token: volunteer,
      },
    )
  ).body;

describe('the workflow', () => {
  it('goes from registration to COMPLETED through a drop-out and re-enrolment, all in the history', async () => {
    let c = await register('33.29.01.2001');
    const path: [string, Record<string, unknown>][] = [
      ['VERIFIED', { note: 'Kunjungan rumah: ingin kembali sekolah' }],
      ['ENROLLED', { school: SCHOOL_A }],
      ['ACTIVE', {}],
      ['DROPPED_OUT', { note: 'Tidak hadir tiga minggu' }],
      ['ENROLLED', { school: SCHOOL_B }],
      ['ACTIVE', {}],
      ['COMPLETED', {}],
    ];
    for (const [to, extra] of path) {
      const res = await move(c, to, extra);
      expect(res.status, `${c.status} → ${to}`).toBe(200);
      expect(res.headers.etag).toBe(`"${c.version + 1}"`);
      c = res.body;
      expect(c.status).toBe(to);
      expect(c.funding.village).toBe('FUNDED');
    }
    expect(c.school).toEqual(SCHOOL_B);
    const history = await sys.request<History>('GET', `/candidates/${c.id}/history`, { token: volunteer });
    expect(history.status).toBe(200);
    expect(history.body.map((h) => [h.from, h.to])).toEqual([
      [null, 'IDENTIFIED'],
      ['IDENTIFIED', 'VERIFIED'],
      ['VERIFIED', 'ENROLLED'],
      ['ENROLLED', 'ACTIVE'],
      ['ACTIVE', 'DROPPED_OUT'],
      ['DROPPED_OUT', 'ENROLLED'],
      ['ENROLLED', 'ACTIVE'],
      ['ACTIVE', 'COMPLETED'],
    ]);
    expect(history.body[0]?.actor.role).toBe('village_official');
    expect(history.body[1]).toMatchObject({
      actor: { role: 'fmpp_volunteer' },
      note: 'Kunjungan rumah: ingin kembali sekolah',
    });
    const times = history.body.map((h) => h.at);
    expect([...times].sort()).toEqual(times);
    const counts = await summary('33.29.01.2001');
    expect(counts.byStatus).toMatchObject({
      COMPLETED: 1,
      IDENTIFIED: 0,
      ENROLLED: 0,
      ACTIVE: 0,
      DROPPED_OUT: 0,
    });
    expect(counts.funded).toBe(1);

    const final = await move(c, 'DROPPED_OUT');
    expect(final.status).toBe(409);
    expect(final.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('refuses moves the workflow lacks (409) and writes nothing', async () => {
    const c = await register('33.29.01.2001');
    for (const to of ['ENROLLED', 'ACTIVE', 'COMPLETED', 'DROPPED_OUT', 'IDENTIFIED']) {
      const res = await move(c, to, to === 'ENROLLED' ? { school: SCHOOL_A } : {});
      expect(res.status, to).toBe(409);
      expect(res.body.error.code).toBe('INVALID_TRANSITION');
    }
    expect((await get(c.id)).version).toBe(1);
  });

  it('requires If-Match (428) and refuses a stale one (412)', async () => {
    const c = await register('33.29.01.2001');
    const missing = await sys.request<ErrorBody>('POST', `/candidates/${c.id}/transitions`, {
      token: volunteer,
      body: { to: 'VERIFIED' },
    });
    expect(missing.status).toBe(428);
    expect(missing.body.error.code).toBe('PRECONDITION_REQUIRED');
    expect((await move(c, 'VERIFIED')).status).toBe(200);
    const stale = await move(c, 'INELIGIBLE');
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('VERSION_MISMATCH');
    expect((await get(c.id)).status).toBe('VERIFIED');
  });

  it('lets exactly one of two volunteers acting on the same version succeed', async () => {
    const c = await register('33.29.01.2001');
    const other = await sys.token('fmpp_volunteer', DISTRICT, { sub: 'another-volunteer' });
    const results = await Promise.all([move(c, 'VERIFIED'), move(c, 'INELIGIBLE', {}, other)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const history = await sys.request<History>('GET', `/candidates/${c.id}/history`, { token: volunteer });
    expect(history.body).toHaveLength(2);
  });

  it('enrols at a PKBM or course provider by its P or K NPSN, the usual route for adults', async () => {
    for (const school of [
      { npsn: 'P9997333', name: 'PKBM Harapan Bangsa', level: 'PAKET_C' },
      { npsn: 'k5660123', name: 'LKP Terampil', level: 'COURSE' },
    ]) {
      const c = (await move(await register('33.29.01.2001'), 'VERIFIED')).body;
      const enrolled = await move(c, 'ENROLLED', { school });
      expect(enrolled.status, school.npsn).toBe(200);
      expect(enrolled.body.school).toEqual({ ...school, npsn: school.npsn.toUpperCase() });
    }
  });

  it('needs a school with an NPSN of the register on enrolment, and no school otherwise', async () => {
    let c = await register('33.29.01.2001');
    const noSchool = await move(c, 'VERIFIED', { school: SCHOOL_A });
    expect(noSchool.status).toBe(400);
    expect(noSchool.body.error.details[0]?.field).toBe('school');
    c = (await move(c, 'VERIFIED')).body;
    const missing = await move(c, 'ENROLLED');
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0]?.field).toBe('school');
    for (const npsn of ['1234', 'X9997333', 'P999733']) {
      const badNpsn = await move(c, 'ENROLLED', { school: { ...SCHOOL_A, npsn } });
      expect(badNpsn.status, npsn).toBe(400);
      expect(badNpsn.body.error.details[0]?.field).toBe('school.npsn');
    }
    const badLevel = await move(c, 'ENROLLED', { school: { ...SCHOOL_A, level: 'UNIVERSITY' } });
    expect(badLevel.status).toBe(400);
    expect((await get(c.id)).status).toBe('VERIFIED');
  });
});

describe('who may move a candidate', () => {
  it('hides candidates of another kecamatan from a volunteer (404)', async () => {
    const c = await register('33.29.01.2001');
    const res = await move(c, 'VERIFIED', {}, await sys.token('fmpp_volunteer', OTHER_DISTRICT));
    expect(res.status).toBe(404);
    const history = await sys.request('GET', `/candidates/${c.id}/history`, {
      token: await sys.token('fmpp_volunteer', OTHER_DISTRICT),
    });
    expect(history.status).toBe(404);
  });

  it('lets a village official withdraw before enrolment only, and nothing else (403)', async () => {
    const village = '33.29.01.2001';
    const official = await sys.token('village_official', village);
    const c = await register(village);
    expect((await move(c, 'VERIFIED', {}, official)).status).toBe(403);
    expect((await move(c, 'INELIGIBLE', {}, official)).status).toBe(403);
    const withdrawn = await move(c, 'WITHDRAWN', { note: 'Pindah ke Jakarta' }, official);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.funding.village).toBe('NONE');

    let enrolled = (await move(await register(village), 'VERIFIED')).body;
    enrolled = (await move(enrolled, 'ENROLLED', { school: SCHOOL_A })).body;
    expect((await move(enrolled, 'WITHDRAWN', {}, official)).status).toBe(403);
    const other = await register('33.29.01.2002');
    expect((await move(other, 'WITHDRAWN', {}, official)).status).toBe(404);
  });

  it('gives Bappeda no transitions (403)', async () => {
    const c = await register('33.29.01.2001');
    expect((await move(c, 'VERIFIED', {}, await sys.token('bappeda_staff'))).status).toBe(403);
  });
});

describe('places released and promoted', () => {
  it('promotes the first waitlisted when a place holder withdraws, and renumbers the rest', async () => {
    const village = '33.29.01.2003';
    const all: Candidate[] = [];
    for (let i = 0; i < 13; i++) all.push(await register(village));
    expect(all.slice(10).map((c) => c.funding)).toEqual([
      { village: 'WAITLISTED', waitlistPosition: 1, apbd: null, apbdes: null },
      { village: 'WAITLISTED', waitlistPosition: 2, apbd: null, apbdes: null },
      { village: 'WAITLISTED', waitlistPosition: 3, apbd: null, apbdes: null },
    ]);
    const [first, , , , , , , , , , w1, w2, w3] = all as [Candidate, ...Candidate[]];
    const left = await move(first, 'WITHDRAWN', {}, await sys.token('village_official', village));
    expect(left.status).toBe(200);
    expect(left.body.funding).toMatchObject({ village: 'NONE', waitlistPosition: null });
    const promoted = await get(w1?.id ?? '');
    expect(promoted.funding).toMatchObject({ village: 'FUNDED', waitlistPosition: null });
    expect(promoted.version).toBe(2);
    expect((await get(w2?.id ?? '')).funding).toMatchObject({ village: 'WAITLISTED', waitlistPosition: 1 });
    expect((await get(w3?.id ?? '')).funding).toMatchObject({ village: 'WAITLISTED', waitlistPosition: 2 });
    expect(await summary(village)).toMatchObject({
      funded: 10,
      waitlisted: 2,
      byStatus: { IDENTIFIED: 12, WITHDRAWN: 1 },
    });

    // A waitlisted candidate found ineligible leaves the queue; the one behind moves up.
    const ruled = await move(await get(w2?.id ?? ''), 'INELIGIBLE', {
      note: 'Sudah terdaftar di sekolah lain',
    });
    expect(ruled.status).toBe(200);
    expect((await get(w3?.id ?? '')).funding.waitlistPosition).toBe(1);
    expect(await summary(village)).toMatchObject({ funded: 10, waitlisted: 1 });
  });

  it('refuses to enrol a candidate without a place: 409 NOT_FUNDED', async () => {
    const village = '33.29.01.2004';
    const all: Candidate[] = [];
    for (let i = 0; i < 11; i++) all.push(await register(village));
    const waitlisted = all[10] as Candidate;
    const verified = (await move(waitlisted, 'VERIFIED')).body;
    const res = await move(verified, 'ENROLLED', { school: SCHOOL_A });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('NOT_FUNDED');
    expect((await get(waitlisted.id)).status).toBe('VERIFIED');
  });

  it('frees the place when a holder leaves and nobody waits', async () => {
    const village = '33.29.01.2005';
    const c = await register(village);
    expect((await move(c, 'INELIGIBLE')).status).toBe(200);
    expect(await summary(village)).toMatchObject({
      funded: 0,
      waitlisted: 0,
      byStatus: { INELIGIBLE: 1, IDENTIFIED: 0 },
    });
  });

  it('lists by status across the kecamatan', async () => {
    const res = await sys.request<{ items: Candidate[] }>('GET', '/candidates?status=INELIGIBLE&limit=100', {
      token: volunteer,
    });
    expect(res.body.items.length).toBeGreaterThanOrEqual(2);
    expect(res.body.items.every((c) => c.status === 'INELIGIBLE')).toBe(true);
  });
});

describe('history is append-only', () => {
  it('has no route that writes it, and the store refuses to overwrite an entry', async () => {
    expect(routes.filter((r) => r.path.includes('history')).map((r) => r.method)).toEqual(['GET']);
    const c = await register('33.29.01.2001');
    const forged = appendHistory(c.id, 1, {
      at: new Date().toISOString(),
      actor: { id: 'intruder', role: 'bappeda_staff' },
      from: null,
      to: 'COMPLETED',
      note: 'rewritten',
    });
    await expect(db().send(new TransactWriteCommand({ TransactItems: [forged] }))).rejects.toThrow(
      /ConditionalCheckFailed/,
    );
    const history = await sys.request<History>('GET', `/candidates/${c.id}/history`, { token: volunteer });
    expect(history.body).toEqual([expect.objectContaining({ from: null, to: 'IDENTIFIED', note: null })]);
  });
});
