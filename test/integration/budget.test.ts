import { beforeAll, describe, expect, it } from 'vitest';
import { villages } from '../../shared/domain/regions.js';
import { inBatches } from '../support/bulk.js';
import { registration } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

type Funding = {
  village: string;
  waitlistPosition: number | null;
  apbd: { amount: number; place: number; disbursed: number } | null;
  apbdes: { amount: number; disbursed: number } | null;
};
type Candidate = {
  id: string;
  year: number;
  status: string;
  version: number;
  villageCode: string;
  funding: Funding;
};
type ErrorBody = { error: { code: string; message: string; details: { field: string; message: string }[] } };
type Money = { reserved: number; committed: number; disbursed: number };
type Report = {
  year: number;
  totals: {
    registered: number;
    funded: number;
    waitlisted: number;
    apbdes: Money;
    apbd: Money & { ceiling: number; places: number; placesUsed: number };
  };
  rows: { code: string; registered: number; apbdes: Money; apbd: Money & { places: number } }[];
};

let sys: TestSystem;
let bappeda: string;
let serial = 1;
const SCHOOL = { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' };

beforeAll(async () => {
  sys = await startTestSystem();
  bappeda = await sys.token('bappeda_staff');
});

async function setYear(year: number, body: Record<string, unknown>) {
  const res = await sys.request('PUT', `/programs/${year}`, { token: bappeda, body });
  expect(res.status).toBe(200);
}

async function register(year: number, village: string): Promise<Candidate> {
  const res = await sys.request<Candidate>('POST', '/candidates', {
    token: await sys.token('village_official', village),
    body: registration(serial++, { year, villageCode: village }),
  });
  expect(res.status).toBe(201);
  return res.body;
}

const act = <T = Candidate & ErrorBody>(
  c: { id: string; version: number },
  path: string,
  body?: unknown,
  token = bappeda,
) =>
  sys.request<T>('POST', `/candidates/${c.id}${path}`, {
    token,
    body: body ?? {},
    headers: { 'if-match': `"${c.version}"` },
  });

async function move(c: Candidate, to: string, extra: Record<string, unknown> = {}): Promise<Candidate> {
  const district = villages.find((v) => v.code === c.villageCode)?.districtCode ?? '';
  const res = await act(c, '/transitions', { to, ...extra }, await sys.token('fmpp_volunteer', district));
  expect(res.status, `${c.status} → ${to}`).toBe(200);
  return res.body;
}

const report = async (year: number, by = 'district') =>
  (await sys.request<Report>('GET', `/reports/budget?year=${year}&by=${by}`, { token: bappeda })).body;

describe('APBD places', () => {
  it('hands out 300 places adding up to the ceiling, then refuses the 301st (409 CEILING_EXCEEDED)', async () => {
    const year = 2026;
    await setYear(year, { villageQuota: 1 });
    // One funded and two waitlisted candidates in 151 villages: 302 waiting for APBD.
    const chosen = villages.slice(0, 151).flatMap((v) => [v.code, v.code, v.code]);
    const registered = await inBatches(chosen, 12, (code) => register(year, code));
    const waiting = registered.filter((c) => c.funding.village === 'WAITLISTED');
    expect(waiting).toHaveLength(302);
    const assigned = await inBatches(waiting.slice(0, 300), 4, (c) => act(c, '/apbd-place'));
    expect(assigned.map((r) => r.status).every((s) => s === 200)).toBe(true);
    const amounts = assigned.map((r) => r.body.funding.apbd?.amount ?? 0);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(500_000_000);
    expect(amounts.filter((a) => a === 1_666_667)).toHaveLength(200);
    expect(amounts.filter((a) => a === 1_666_666)).toHaveLength(100);
    expect(new Set(assigned.map((r) => r.body.funding.apbd?.place)).size).toBe(300);
    // Place numbers fix amounts: the first 200 places carry the extra rupiah.
    for (const r of assigned) {
      const apbd = r.body.funding.apbd;
      expect(apbd?.amount).toBe((apbd?.place ?? 0) <= 200 ? 1_666_667 : 1_666_666);
    }
    expect(assigned[0]?.body.funding.village).toBe('NONE');

    const refused = await act<ErrorBody>(waiting[300] as Candidate, '/apbd-place');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CEILING_EXCEEDED');
    const totals = (await report(year)).totals;
    expect(totals.apbd).toEqual({
      ceiling: 500_000_000,
      places: 300,
      placesUsed: 300,
      reserved: 500_000_000,
      committed: 0,
      disbursed: 0,
    });
    // APBD holders left their village's waitlist; one is still waiting in 2 villages... and the rest moved up.
    expect(totals.waitlisted).toBe(2);
    expect(totals.apbdes.reserved).toBe(151 * 1_500_000);
  }, 120_000);

  it('gives exactly 5 of 20 concurrent requests the last 5 places', async () => {
    const year = 2027;
    await setYear(year, { villageQuota: 1, apbdPlaces: 25, apbdCeiling: 10_000_000 });
    const codes = villages.slice(0, 41).map((v) => v.code);
    const all = await inBatches([...codes, ...codes], 8, (code) => register(year, code));
    const waiting = all.filter((c) => c.funding.village === 'WAITLISTED');
    expect(waiting.length).toBe(41);
    for (const c of waiting.slice(0, 20)) expect((await act(c, '/apbd-place')).status).toBe(200);
    const race = await Promise.all(waiting.slice(20, 40).map((c) => act(c, '/apbd-place')));
    expect(race.filter((r) => r.status === 200)).toHaveLength(5);
    expect(race.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(
      Array(15).fill('CEILING_EXCEEDED'),
    );
    const totals = (await report(year)).totals.apbd;
    expect(totals).toMatchObject({ placesUsed: 25, reserved: 10_000_000 });
  }, 60_000);

  it('returns a released place to the pool with its own amount, and hands it out again first', async () => {
    const year = 2028;
    await setYear(year, { villageQuota: 1, apbdPlaces: 3, apbdCeiling: 1_000_000 });
    const code = '33.29.05.2001';
    await register(year, code);
    const [a, b, c, d] = [
      await register(year, code),
      await register(year, code),
      await register(year, code),
      await register(year, code),
    ];
    const places = [];
    for (const x of [a, b, c] as Candidate[]) places.push((await act(x, '/apbd-place')).body.funding.apbd);
    expect(places).toEqual([
      { place: 1, amount: 333_334, disbursed: 0 },
      { place: 2, amount: 333_333, disbursed: 0 },
      { place: 3, amount: 333_333, disbursed: 0 },
    ]);
    const first = (await sys.request<Candidate>('GET', `/candidates/${a?.id}`, { token: bappeda })).body;
    const withdrawn = await act(
      first,
      '/transitions',
      { to: 'WITHDRAWN' },
      await sys.token('village_official', code),
    );
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.funding.apbd).toBeNull();
    expect((await report(year)).totals.apbd).toMatchObject({ placesUsed: 2, reserved: 666_666 });
    const reused = await act(d as Candidate, '/apbd-place');
    expect(reused.body.funding.apbd).toEqual({ place: 1, amount: 333_334, disbursed: 0 });
    expect((await report(year)).totals.apbd).toMatchObject({ placesUsed: 3, reserved: 1_000_000 });
  });

  it('is for waitlisted candidates, by Bappeda, with If-Match', async () => {
    const year = 2028;
    const code = '33.29.05.2002';
    const funded = await register(year, code);
    const notEligible = await act(funded, '/apbd-place');
    expect(notEligible.status).toBe(409);
    expect(notEligible.body.error.code).toBe('INVALID_TRANSITION');
    const waiting = await register(year, code);
    expect((await act(waiting, '/apbd-place', {}, await sys.token('village_official', code))).status).toBe(
      403,
    );
    const noIfMatch = await sys.request('POST', `/candidates/${waiting.id}/apbd-place`, { token: bappeda });
    expect(noIfMatch.status).toBe(428);
    expect((await act({ ...waiting, version: 9 }, '/apbd-place')).status).toBe(412);
  });
});

describe('commitments and disbursements', () => {
  const year = 2025;
  const code = '33.29.06.2001';

  it('commits on enrolment, once, through a drop-out and re-enrolment', async () => {
    await setYear(year, {});
    let c = await register(year, code);
    expect((await report(year, 'village')).rows.find((r) => r.code === code)?.apbdes).toEqual({
      reserved: 1_500_000,
      committed: 0,
      disbursed: 0,
    });
    c = await move(c, 'VERIFIED');
    c = await move(c, 'ENROLLED', { school: SCHOOL });
    c = await move(c, 'DROPPED_OUT');
    c = await move(c, 'ENROLLED', { school: SCHOOL });
    const row = (await report(year, 'village')).rows.find((r) => r.code === code);
    expect(row?.apbdes).toEqual({ reserved: 0, committed: 1_500_000, disbursed: 0 });
  });

  it('pays up to the commitment and no further', async () => {
    let c = await register(year, code);
    const early = await act(c, '/disbursements', {
      source: 'APBDES',
      amount: 100,
      paidAt: '2025-08-01',
      reference: 'SP2D/001',
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('CEILING_EXCEEDED');
    c = await move(await move(c, 'VERIFIED'), 'ENROLLED', { school: SCHOOL });
    const pay = (amount: number, reference: string, source = 'APBDES') =>
      act<{ amount: number } & ErrorBody>(c, '/disbursements', {
        source,
        amount,
        paidAt: '2025-08-01',
        reference,
      });
    const first = await pay(1_000_000, 'SP2D/002');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ amount: 1_000_000, source: 'APBDES', reference: 'SP2D/002' });
    c = { ...c, version: Number(first.headers.etag?.replaceAll('"', '')) };
    const over = await pay(600_000, 'SP2D/003');
    expect(over.status).toBe(409);
    expect(over.body.error.details[0]?.message).toContain('Rp 500.000');
    expect((await pay(100, 'SP2D/004', 'APBD')).status).toBe(409);
    const duplicate = await pay(100_000, 'SP2D/002');
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.details[0]?.field).toBe('reference');
    expect((await pay(500_000, 'SP2D/005')).status).toBe(201);
    const got = (await sys.request<Candidate>('GET', `/candidates/${c.id}`, { token: bappeda })).body;
    expect(got.funding.apbdes).toEqual({ amount: 1_500_000, disbursed: 1_500_000 });
  });

  it('lets only one of two concurrent payments on one version through', async () => {
    let c = await register(year, code);
    c = await move(await move(c, 'VERIFIED'), 'ENROLLED', { school: SCHOOL });
    const results = await Promise.all(
      ['A', 'B'].map((ref) =>
        act(c, '/disbursements', {
          source: 'APBDES',
          amount: 1_000_000,
          paidAt: '2025-09-01',
          reference: `SP2D/${ref}`,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 412]);
  });

  it('voids a payment by a reversal: totals drop, the reference is free again, a second void is 409', async () => {
    let c = await register(year, code);
    c = await move(await move(c, 'VERIFIED'), 'ENROLLED', { school: SCHOOL });
    const before = (await report(year, 'village')).rows.find((r) => r.code === code)?.apbdes.disbursed ?? 0;
    const paid = await act<{ id: string }>(c, '/disbursements', {
      source: 'APBDES',
      amount: 1_200_000,
      paidAt: '2025-08-01',
      reference: 'SP2D/VOID-1',
    });
    expect(paid.status).toBe(201);
    c = { ...c, version: Number(paid.headers.etag?.replaceAll('"', '')) };
    const voidIt = (reason: string, at = c) => act(at, `/disbursements/${paid.body.id}/void`, { reason });

    expect((await voidIt('  ')).body.error.details.map((d) => d.field)).toEqual(['reason']);
    const stale = await voidIt('Jumlah salah ketik', { ...c, version: c.version - 1 });
    expect(stale.status).toBe(412);
    const voided = await voidIt('Jumlah salah ketik');
    expect(voided.status).toBe(200);
    expect(voided.body.funding.apbdes).toEqual({ amount: 1_500_000, disbursed: 0 });
    expect(voided.headers.etag).toBe(`"${c.version + 1}"`);
    const row = (await report(year, 'village')).rows.find((r) => r.code === code);
    expect(row?.apbdes.disbursed).toBe(before);

    const again = await voidIt('lagi', voided.body);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_VOIDED');
    // The payment stays, with its reversal; the right payment goes in under the same reference.
    const listed = await sys.request<{ id: string; amount: number; voided: { reason: string } | null }[]>(
      'GET',
      `/candidates/${c.id}/disbursements`,
      { token: bappeda },
    );
    expect(listed.body).toEqual([
      {
        id: paid.body.id,
        source: 'APBDES',
        amount: 1_200_000,
        paidAt: '2025-08-01',
        reference: 'SP2D/VOID-1',
        voided: { at: expect.any(String), actor: expect.any(String), reason: 'Jumlah salah ketik' },
      },
    ]);
    const repaid = await act(voided.body, '/disbursements', {
      source: 'APBDES',
      amount: 1_500_000,
      paidAt: '2025-08-02',
      reference: 'SP2D/VOID-1',
    });
    expect(repaid.status).toBe(201);
    expect(
      (await act(voided.body, `/disbursements/01ARZ3NDEKTSV4RRFFQ69G5FAV/void`, { reason: 'x y z' })).status,
    ).toBe(404);
    const official = await sys.request('GET', `/candidates/${c.id}/disbursements`, {
      token: await sys.token('village_official', code),
    });
    expect(official.status).toBe(403);
  });

  it.each([
    ['amount', { amount: 0 }],
    ['amount', { amount: 1.5 }],
    ['source', { source: 'BOS' }],
    ['paidAt', { paidAt: '2025-02-30' }],
    ['paidAt', { paidAt: '2099-01-01' }],
    ['reference', { reference: '<script>' }],
    ['note', { note: 'extra field' }],
  ])('refuses a bad %s with 400', async (field, change) => {
    const c = await register(year, code);
    const res = await act<ErrorBody>(c, '/disbursements', {
      source: 'APBDES',
      amount: 1,
      paidAt: '2025-08-01',
      reference: 'X1',
      ...change,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d) => d.field)).toContain(field);
  });
});

describe('programme limits', () => {
  it('refuses to lower APBD places or ceiling below what is handed out', async () => {
    const year = 2024;
    await setYear(year, { villageQuota: 1, apbdPlaces: 4, apbdCeiling: 4_000_000 });
    const code = '33.29.07.2001';
    await register(year, code);
    for (let i = 0; i < 2; i++)
      expect((await act(await register(year, code), '/apbd-place')).status).toBe(200);
    const fewer = await sys.request<ErrorBody>('PUT', `/programs/${year}`, {
      token: bappeda,
      body: { apbdPlaces: 1 },
    });
    expect(fewer.status).toBe(409);
    expect(fewer.body.error.details[0]?.field).toBe('apbdPlaces');
    const poorer = await sys.request<ErrorBody>('PUT', `/programs/${year}`, {
      token: bappeda,
      body: { apbdCeiling: 1_999_999 },
    });
    expect(poorer.status).toBe(409);
    expect(poorer.body.error.details[0]?.field).toBe('apbdCeiling');
    expect((await sys.request('GET', `/programs/${year}`, { token: bappeda })).body).toMatchObject({
      apbdPlaces: 4,
      apbdCeiling: 4_000_000,
    });
    // Two places left, Rp 2,000,000 between them; a new ceiling is shared over what is left.
    await setYear(year, { apbdCeiling: 5_000_000 });
    const next = await act(await register(year, code), '/apbd-place');
    expect(next.body.funding.apbd).toEqual({ place: 3, amount: 1_500_000, disbursed: 0 });
  });

  it('gives new places to the waitlist at once when the quota is raised', async () => {
    const year = 2023;
    await setYear(year, { villageQuota: 1 });
    const code = '33.29.08.2001';
    const [, second, third] = [
      await register(year, code),
      await register(year, code),
      await register(year, code),
    ];
    expect(second?.funding.village).toBe('WAITLISTED');
    await setYear(year, { villageQuota: 2 });
    const got = (await sys.request<Candidate>('GET', `/candidates/${second?.id}`, { token: bappeda })).body;
    expect(got.funding).toMatchObject({ village: 'FUNDED', apbdes: { amount: 1_500_000, disbursed: 0 } });
    const still = (await sys.request<Candidate>('GET', `/candidates/${third?.id}`, { token: bappeda })).body;
    expect(still.funding).toMatchObject({ village: 'WAITLISTED', waitlistPosition: 1 });
  });
});
