import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setToday } from '../../shared/clock.js';
import { db } from '../../shared/db/client.js';
import { keyedHash } from '../../shared/db/nik-hash.js';
import { keys } from '../../shared/db/table.js';
import { DISTRICT, registration } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { getPage, signIn } from '../support/web.js';

/**
 * Learners across programme years (cohorts): one open record per person, lists across
 * cohorts, carry-over of a record never enrolled, school changes, and per-cohort budgets.
 */

type Link = { id: string; year: number } | null;
type Candidate = {
  id: string;
  year: number;
  villageCode: string;
  status: string;
  version: number;
  funding: { village: string; waitlistPosition: number | null };
  school: { npsn: string; name: string; level: string } | null;
  warnings: { field: string; code: string }[];
  previous: { id: string; year: number; status: string; villageCode: string }[];
  carriedFrom: Link;
  carriedTo: Link;
};
type ErrorBody = {
  error: { code: string; details: { field: string; message: string; [k: string]: unknown }[] };
};
type History = {
  from: string | null;
  to: string;
  note: string | null;
  school?: unknown;
  previousSchool?: unknown;
}[];

let sys: TestSystem;
let bappeda: string;
let volunteer: string;
let serial = 100;
const SCHOOL_A = { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' };
const SCHOOL_B = { npsn: 'P9997333', name: 'PKBM Harapan Bangsa', level: 'PAKET_B' };

beforeAll(async () => {
  sys = await startTestSystem();
  bappeda = await sys.token('bappeda_staff');
  volunteer = await sys.token('fmpp_volunteer', DISTRICT);
  for (const year of [2026, 2027]) {
    const res = await sys.request('PUT', `/programs/${year}`, { token: bappeda, body: { villageQuota: 2 } });
    expect(res.status).toBe(200);
  }
});

afterEach(() => setToday(undefined));

const official = (village: string) => sys.token('village_official', village);

async function register(village: string, year: number, overrides: Record<string, unknown> = {}) {
  return sys.request<Candidate & ErrorBody>('POST', '/candidates', {
    token: await official(village),
    body: registration(serial++, { villageCode: village, year, ...overrides }),
  });
}

async function registered(village: string, year: number, overrides: Record<string, unknown> = {}) {
  const res = await register(village, year, overrides);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function move(c: { id: string; version: number }, to: string, extra: Record<string, unknown> = {}) {
  const res = await sys.request<Candidate & ErrorBody>('POST', `/candidates/${c.id}/transitions`, {
    token: volunteer,
    body: { to, ...extra },
    headers: { 'if-match': `"${c.version}"` },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const enrolled = async (c: Candidate) => move(await move(c, 'VERIFIED'), 'ENROLLED', { school: SCHOOL_A });

const get = async (id: string) =>
  (await sys.request<Candidate>('GET', `/candidates/${id}`, { token: bappeda })).body;
const history = async (id: string) =>
  (await sys.request<History>('GET', `/candidates/${id}/history`, { token: bappeda })).body;

async function carry(
  c: { id: string; version: number },
  year: number,
  token = bappeda,
  ifMatch = `"${c.version}"`,
) {
  return sys.request<Candidate & ErrorBody>('POST', `/candidates/${c.id}/carry-over`, {
    token,
    body: { year },
    headers: ifMatch ? { 'if-match': ifMatch } : {},
  });
}

const village = async (code: string, year: number) =>
  (
    await sys.request<{ funded: number; waitlisted: number; byStatus: Record<string, number> }>(
      'GET',
      `/villages/${code}?year=${year}`,
      { token: bappeda },
    )
  ).body;

describe('one open record per person', () => {
  it('lists a 2026 learner with no year, follows them in 2027, and refuses their NIK in 2027 (409 naming 2026)', async () => {
    const v = '33.29.01.2003';
    const learner = await enrolled(await registered(v, 2026));
    setToday('2027-01-15');

    const all = await sys.request<{ items: Candidate[] }>('GET', `/candidates?village=${v}`, {
      token: volunteer,
    });
    expect(all.body.items.map((c) => [c.id, c.year])).toContainEqual([learner.id, 2026]);
    const only2027 = await sys.request<{ items: Candidate[] }>('GET', `/candidates?village=${v}&year=2027`, {
      token: volunteer,
    });
    expect(only2027.body.items.map((c) => c.id)).not.toContain(learner.id);
    // The volunteer's worklist in 2027: the 2026 learner is to follow up (a visit is due).
    const cookie = await signIn(sys, 'fmpp-salem');
    expect((await getPage(sys, '/', cookie)).headers.location).toBe('/kerja');
    const worklist = (await getPage(sys, '/kerja', cookie)).body.toString();
    expect(worklist).toContain(`/calon/${learner.id}/kunjungan`);

    const nik = registration(serial - 1).nik;
    const again = await sys.request<ErrorBody>('POST', '/candidates', {
      token: await official(v),
      body: registration(serial - 1, { villageCode: v, year: 2027 }),
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_IN_PROGRAMME');
    expect(again.body.error.details[0]).toMatchObject({
      field: 'nik',
      candidateId: learner.id,
      year: 2026,
      status: 'ENROLLED',
      villageCode: v,
    });
    expect(again.body.error.details[0]?.message).toContain('2026');
    expect(JSON.stringify(again.body)).not.toContain(nik);
    // The same cohort stays DUPLICATE_NIK.
    const same = await sys.request<ErrorBody>('POST', '/candidates', {
      token: await official(v),
      body: registration(serial - 1, { villageCode: v, year: 2026 }),
    });
    expect(same.body.error.code).toBe('DUPLICATE_NIK');
    // Nothing was written in 2027.
    expect((await village(v, 2027)).byStatus.IDENTIFIED).toBe(0);
  });

  it('registers a NIK whose records are all closed, with PREVIOUSLY_IN_PROGRAMME and the earlier records', async () => {
    const v = '33.29.01.2004';
    const first = await registered(v, 2026);
    const completed = await move(await move(await enrolled(first), 'ACTIVE'), 'COMPLETED');
    const s = serial - 1;
    const res = await sys.request<Candidate>('POST', '/candidates', {
      token: await official(v),
      body: registration(s, { villageCode: v, year: 2027 }),
    });
    expect(res.status).toBe(201);
    expect(res.body.warnings.map((w) => w.code)).toContain('PREVIOUSLY_IN_PROGRAMME');
    expect(res.body.previous).toEqual([{ id: first.id, year: 2026, status: 'COMPLETED', villageCode: v }]);
    // The 2026 record is as it was.
    expect(await get(first.id)).toMatchObject({ status: 'COMPLETED', version: completed.version });
    // And now the 2027 record is the open one: a third registration is refused.
    const third = await sys.request<ErrorBody>('POST', '/candidates', {
      token: await official('33.29.01.2005'),
      body: registration(s, { villageCode: '33.29.01.2005', year: 2026 }),
    });
    expect(third.body.error.code).toBe('DUPLICATE_NIK');
  });

  it('lets exactly one of two concurrent registrations of one NIK into two years win', async () => {
    const v = '33.29.01.2006';
    const pairs = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const s = serial++;
        return Promise.all(
          [2026, 2027].map(async (year) =>
            sys.request<Candidate & ErrorBody>('POST', '/candidates', {
              token: await official(v),
              body: registration(s, { villageCode: v, year }),
            }),
          ),
        );
      }),
    );
    for (const pair of pairs) {
      expect(pair.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(pair.find((r) => r.status === 409)?.body.error.code).toBe('ALREADY_IN_PROGRAMME');
    }
    const [a, b] = [await village(v, 2026), await village(v, 2027)];
    expect((a.byStatus.IDENTIFIED ?? 0) + (b.byStatus.IDENTIFIED ?? 0)).toBe(6);
  });

  it('keeps the NIK refused in every year after its open record is anonymised, and forgets the record', async () => {
    const v = '33.29.01.2007';
    const c = await registered(v, 2026);
    const s = serial - 1;
    const res = await sys.request('POST', `/candidates/${c.id}/anonymise`, {
      token: bappeda,
      body: { reason: 'Permintaan penghapusan oleh wali' },
      headers: { 'if-match': `"${c.version}"` },
    });
    expect(res.status).toBe(200);
    const again = await sys.request<ErrorBody>('POST', '/candidates', {
      token: await official(v),
      body: registration(s, { villageCode: v, year: 2027 }),
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_IN_PROGRAMME');
    expect(again.body.error.details[0]?.candidateId).toBeUndefined();
    const { Item } = await db().send(
      new GetCommand({
        TableName: sys.tableName,
        Key: keys.person(await keyedHash(`nik:${registration(s).nik}`)),
      }),
    );
    expect(Item?.open).toBe('ANONYMISED');
    expect(JSON.stringify(Item)).not.toContain(c.id);
  });
});

describe('carry-over of a record never enrolled', () => {
  it('withdraws a waitlisted 2026 record, moves the 2026 waitlist up and funds the person in 2027', async () => {
    const v = '33.29.01.2008';
    const [r1, r2, r3, r4] = [
      await registered(v, 2026),
      await registered(v, 2026),
      await registered(v, 2026),
      await registered(v, 2026),
    ];
    expect(r3?.funding).toMatchObject({ village: 'WAITLISTED', waitlistPosition: 1 });
    if (!r1 || !r2 || !r3 || !r4) throw new Error('four registrations');

    const carried = await carry(r3, 2027, await official(v));
    expect(carried.status).toBe(201);
    expect(carried.headers.location).toBe(`/candidates/${carried.body.id}`);
    expect(carried.body).toMatchObject({
      year: 2027,
      villageCode: v,
      status: 'IDENTIFIED',
      funding: { village: 'FUNDED', waitlistPosition: null },
      carriedFrom: { id: r3.id, year: 2026 },
      carriedTo: null,
    });
    expect(await get(r3.id)).toMatchObject({
      status: 'WITHDRAWN',
      funding: { village: 'NONE', waitlistPosition: null },
      carriedTo: { id: carried.body.id, year: 2026 + 1 },
    });
    expect((await history(r3.id)).at(-1)).toMatchObject({
      from: 'IDENTIFIED',
      to: 'WITHDRAWN',
      note: 'Dibawa ke tahun 2027.',
    });
    expect((await history(carried.body.id))[0]).toMatchObject({
      from: null,
      to: 'IDENTIFIED',
      note: 'Dibawa dari tahun 2026.',
    });
    expect((await get(r4.id)).funding).toMatchObject({ village: 'WAITLISTED', waitlistPosition: 1 });

    // 2027's places fill up; a funded 2026 record carried over gives its 2026 place to the
    // head of the 2026 waitlist and waits in 2027.
    await registered(v, 2027);
    const second = await carry(await move(r1, 'VERIFIED'), 2027);
    expect(second.status).toBe(201);
    expect(second.body.funding).toMatchObject({ village: 'WAITLISTED', waitlistPosition: 1 });
    expect((await get(r4.id)).funding).toMatchObject({ village: 'FUNDED', waitlistPosition: null });
    expect(await village(v, 2026)).toMatchObject({ funded: 2, waitlisted: 0, byStatus: { WITHDRAWN: 2 } });
    expect(await village(v, 2027)).toMatchObject({ funded: 2, waitlisted: 1, byStatus: { IDENTIFIED: 3 } });
  });

  it('refuses what it cannot carry, with a clear error, writing nothing', async () => {
    const v = '33.29.01.2010';
    const c = await registered(v, 2026);
    const before = await village(v, 2027);
    expect((await carry(c, 2027, bappeda, '')).status).toBe(428);
    expect((await carry(c, 2027, bappeda, '"99"')).body.error.code).toBe('VERSION_MISMATCH');
    const same = await carry(c, 2026);
    expect(same.status).toBe(400);
    expect(same.body.error.details[0]?.field).toBe('year');
    expect((await carry(c, 2028)).body.error.code).toBe('PROGRAM_NOT_CONFIGURED');
    expect((await carry(c, 2027, volunteer)).status).toBe(403);
    expect((await carry(c, 2027, await official('33.29.01.2011'))).status).toBe(404);
    const bad = await sys.request<ErrorBody>('POST', `/candidates/${c.id}/carry-over`, {
      token: bappeda,
      body: { year: 2027, villageCode: v },
      headers: { 'if-match': `"${c.version}"` },
    });
    expect(bad.status).toBe(400);

    // 18 on 1 July 2026 (ATS), 19 on 1 July 2027: too old for the track in 2027.
    const old = await registered(v, 2026, {
      nik: `3329014103080${String(serial).slice(-3)}`,
      birthDate: '2008-03-01',
    });
    const tooOld = await carry(old, 2027);
    expect(tooOld.status).toBe(400);
    expect(tooOld.body.error.details[0]).toMatchObject({ field: 'birthDate' });
    expect(tooOld.body.error.details[0]?.message).toContain('2027-07-01');

    const learner = await enrolled(await registered('33.29.01.2011', 2026));
    const notCarriable = await carry(learner, 2027);
    expect(notCarriable.status).toBe(409);
    expect(notCarriable.body.error.code).toBe('INVALID_TRANSITION');

    expect(await get(c.id)).toMatchObject({ status: 'IDENTIFIED', version: c.version, carriedTo: null });
    expect(await get(old.id)).toMatchObject({ status: 'IDENTIFIED', version: old.version });
    expect(await village(v, 2027)).toEqual(before);
  });
});

describe('school change', () => {
  it('moves a learner to another school with the old one in the history, money and place unchanged', async () => {
    const v = '33.29.01.2012';
    const learner = await enrolled(await registered(v, 2026));
    const budget = async () =>
      (
        await sys.request<Record<string, unknown>>('GET', '/reports/budget?year=2026&by=village', {
          token: bappeda,
        })
      ).body;
    const before = await budget();
    const change = (c: { id: string; version: number }, body: unknown, token = volunteer) =>
      sys.request<Candidate & ErrorBody>('POST', `/candidates/${c.id}/school`, {
        token,
        body,
        headers: { 'if-match': `"${c.version}"` },
      });

    const moved = await change(learner, { school: SCHOOL_B, note: 'Pindah ikut orang tua' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      status: 'ENROLLED',
      version: learner.version + 1,
      school: SCHOOL_B,
      funding: learner.funding,
    });
    expect((await history(learner.id)).at(-1)).toMatchObject({
      from: 'ENROLLED',
      to: 'ENROLLED',
      note: 'Pindah ikut orang tua',
      school: SCHOOL_B,
      previousSchool: SCHOOL_A,
    });
    expect(await budget()).toEqual(before);

    expect((await change(moved.body, { school: SCHOOL_B })).body.error.details[0]?.field).toBe('school.npsn');
    expect((await change(moved.body, { school: { ...SCHOOL_A, npsn: '123' } })).status).toBe(400);
    expect((await change(moved.body, { school: SCHOOL_A }, await official(v))).status).toBe(403);
    expect((await change(learner, { school: SCHOOL_A })).body.error.code).toBe('VERSION_MISMATCH');
    const notYet = await change(await registered(v, 2026), { school: SCHOOL_A });
    expect(notYet.status).toBe(409);
    expect(notYet.body.error.code).toBe('INVALID_TRANSITION');
    expect((await get(learner.id)).version).toBe(learner.version + 1);
  });
});

describe('reports stay per cohort', () => {
  it('leaves the 2026 budget report as it was, whatever happens in 2027', async () => {
    const v = '33.29.01.2013';
    const learner = await move(await enrolled(await registered(v, 2026)), 'ACTIVE');
    const report = async (year: number) =>
      (
        await sys.request<Record<string, unknown>>('GET', `/reports/budget?year=${year}&by=village`, {
          token: bappeda,
        })
      ).body;
    const before2026 = await report(2026);
    setToday('2027-02-01');
    const newcomer = await enrolled(await registered(v, 2027));
    const paid = await sys.request('POST', `/candidates/${newcomer.id}/disbursements`, {
      token: bappeda,
      body: { source: 'APBDES', amount: 500_000, paidAt: '2027-02-01', reference: 'SP2D/2027/1' },
      headers: { 'if-match': `"${newcomer.version}"` },
    });
    expect(paid.status).toBe(201);
    const moved = await sys.request('POST', `/candidates/${learner.id}/school`, {
      token: volunteer,
      body: { school: SCHOOL_B },
      headers: { 'if-match': `"${learner.version}"` },
    });
    expect(moved.status).toBe(200);
    expect(await report(2026)).toEqual(before2026);
    expect(await report(2027)).not.toEqual(before2026);
  });
});
