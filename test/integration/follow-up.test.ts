import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setToday } from '../../shared/clock.js';
import {
  DISTRICT,
  OTHER_DISTRICT,
  OTHER_VILLAGE,
  OTHER_VILLAGE_SAME_DISTRICT,
  registration,
  VILLAGE,
} from '../support/candidates.js';
import { seededRandom, testSeed } from '../support/random.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * Follow-up visits (pendampingan) through the API: recording visits, due dates that move
 * with visits and status changes on the right day in Brebes, the due lists, the drop-out
 * flag and the offer to mark a learner ACTIVE, the address, and the follow-up report against
 * a recount of the records.
 */

type FollowUp = { lastVisit: string | null; nextDue: string; overdue: boolean } | null;
type Candidate = {
  id: string;
  year: number;
  villageCode: string;
  status: string;
  version: number;
  flags: string[];
  address: { dusun: string | null; rt: string | null; rw: string | null } | null;
  followUp: FollowUp;
};
type Visit = {
  id: string;
  date: string;
  kind: string;
  outcome: string;
  note: string | null;
  actor: { id: string; role: string };
  at: string;
  suggestion?: string | null;
};
type ErrorBody = { error: { code: string; details: { field: string; message: string }[] } };
type Report = {
  year: number;
  district: string | null;
  rows: { code: string; name: string; learners: number; monitored: number; overdue: number }[];
  totals: { learners: number; monitored: number; overdue: number };
};

const YEAR = 2026;
const SCHOOL = { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' };

let sys: TestSystem;
let bappeda: string;
let volunteer: string;
let official: string;
let serial = 1;

beforeAll(async () => {
  sys = await startTestSystem();
  bappeda = await sys.token('bappeda_staff');
  volunteer = await sys.token('fmpp_volunteer', DISTRICT);
  official = await sys.token('village_official', VILLAGE);
  const res = await sys.request('PUT', `/programs/${YEAR}`, { token: bappeda, body: { villageQuota: 300 } });
  expect(res.status).toBe(200);
});

afterEach(() => setToday(undefined));

async function register(village = VILLAGE, overrides: Record<string, unknown> = {}): Promise<Candidate> {
  const res = await sys.request<Candidate>('POST', '/candidates', {
    token: await sys.token('village_official', village),
    body: registration(serial++, { villageCode: village, year: YEAR, ...overrides }),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function move(c: Candidate, to: string): Promise<Candidate> {
  const res = await sys.request<Candidate>('POST', `/candidates/${c.id}/transitions`, {
    token: volunteer,
    body: { to, ...(to === 'ENROLLED' ? { school: SCHOOL } : {}) },
    headers: { 'if-match': `"${c.version}"` },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const visit = (id: string, body: Record<string, unknown>, token = volunteer) =>
  sys.request<Visit & ErrorBody>('POST', `/candidates/${id}/visits`, { token, body });

const candidate = async (id: string) =>
  (await sys.request<Candidate>('GET', `/candidates/${id}`, { token: bappeda })).body;

async function dueList(due: string, token = volunteer, query = ''): Promise<Candidate[]> {
  const all: Candidate[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: { items: Candidate[]; nextCursor: string | null } } =
      await sys.request('GET', `/candidates?due=${due}&limit=3${query}${cursor ? `&cursor=${cursor}` : ''}`, {
        token,
      });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    all.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return all;
}

describe('recording a visit', () => {
  it('is a volunteer of the kecamatan: 201, listed newest first with who made it', async () => {
    setToday('2026-08-01');
    const c = await register();
    setToday('2026-08-05');
    const first = await visit(c.id, { date: '2026-08-03', kind: 'HOME', outcome: 'NOT_MET' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ date: '2026-08-03', kind: 'HOME', outcome: 'NOT_MET', note: null });
    const second = await visit(c.id, { kind: 'PHONE', outcome: 'ATTENDING', note: 'Ibunya setuju' });
    expect(second.status).toBe(201);
    expect(second.body.date).toBe('2026-08-05');
    const listed = await sys.request<Visit[]>('GET', `/candidates/${c.id}/visits`, { token: official });
    expect(listed.status).toBe(200);
    expect(listed.body.map((v) => [v.date, v.kind, v.note])).toEqual([
      ['2026-08-05', 'PHONE', 'Ibunya setuju'],
      ['2026-08-03', 'HOME', null],
    ]);
    expect(listed.body[0]?.actor.role).toBe('fmpp_volunteer');
    const after = await candidate(c.id);
    expect(after.followUp).toEqual({
      lastVisit: '2026-08-05',
      nextDue: '2026-08-19',
      overdue: false,
      daysOverdue: 0,
    });
    expect(after.version).toBe(c.version + 2);
  });

  it('refuses a date in the future or before the registration (400, naming the date), writing nothing', async () => {
    setToday('2026-08-10');
    const c = await register();
    for (const date of ['2026-08-11', '2026-08-09', '2026-02-30', '10/08/2026']) {
      const res = await visit(c.id, { date, kind: 'HOME', outcome: 'ATTENDING' });
      expect(res.status, date).toBe(400);
      expect(res.body.error.details.map((d) => d.field)).toEqual(['date']);
    }
    expect(
      (await sys.request<Visit[]>('GET', `/candidates/${c.id}/visits`, { token: volunteer })).body,
    ).toEqual([]);
    expect((await candidate(c.id)).version).toBe(c.version);
  });

  it('refuses unknown fields, kinds and findings, and a closed record', async () => {
    const c = await register();
    expect((await visit(c.id, { kind: 'HOME', outcome: 'ATTENDING', actor: 'x' })).status).toBe(400);
    expect((await visit(c.id, { kind: 'VISIT', outcome: 'ATTENDING' })).body.error.details[0]?.field).toBe(
      'kind',
    );
    expect((await visit(c.id, { kind: 'HOME' })).body.error.details[0]?.field).toBe('outcome');
    const withdrawn = await move(c, 'WITHDRAWN');
    const res = await visit(withdrawn.id, { kind: 'HOME', outcome: 'NOT_MET' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_TRANSITION');
    expect((await candidate(c.id)).followUp).toBeNull();
  });

  it('is refused to officials and Bappeda (403) and outside the kecamatan (404)', async () => {
    const c = await register();
    expect((await visit(c.id, { kind: 'HOME', outcome: 'ATTENDING' }, official)).status).toBe(403);
    expect((await visit(c.id, { kind: 'HOME', outcome: 'ATTENDING' }, bappeda)).status).toBe(403);
    const stranger = await sys.token('fmpp_volunteer', OTHER_DISTRICT);
    expect((await visit(c.id, { kind: 'HOME', outcome: 'ATTENDING' }, stranger)).status).toBe(404);
    expect((await sys.request('GET', `/candidates/${c.id}/visits`, { token: stranger })).status).toBe(404);
    const elsewhere = await sys.token('village_official', OTHER_VILLAGE_SAME_DISTRICT);
    expect((await sys.request('GET', `/candidates/${c.id}/visits`, { token: elsewhere })).status).toBe(404);
    expect((await sys.request('GET', '/candidates/nope/visits', { token: volunteer })).status).toBe(404);
  });
});

describe('due dates on the right day', () => {
  it('make a record overdue the day after it is due, and a visit takes it off the overdue list', async () => {
    setToday('2026-09-01');
    const c = await register(OTHER_VILLAGE_SAME_DISTRICT);
    expect(c.followUp).toMatchObject({ nextDue: '2026-09-15', overdue: false });
    setToday('2026-09-15');
    expect((await dueList('overdue')).map((x) => x.id)).not.toContain(c.id);
    expect((await dueList('week')).map((x) => x.id)).toContain(c.id);
    setToday('2026-09-16');
    const overdue = await dueList('overdue');
    expect(overdue.map((x) => x.id)).toContain(c.id);
    expect(overdue.find((x) => x.id === c.id)?.followUp).toMatchObject({ overdue: true, daysOverdue: 1 });
    expect((await visit(c.id, { kind: 'HOME', outcome: 'ATTENDING' })).status).toBe(201);
    expect((await dueList('overdue')).map((x) => x.id)).not.toContain(c.id);
    expect((await candidate(c.id)).followUp?.nextDue).toBe('2026-09-30');
  });

  it('start again from a status change, by the status' + "'s interval", async () => {
    setToday('2026-10-01');
    const c = await register();
    setToday('2026-10-10');
    const verified = await move(c, 'VERIFIED');
    expect(verified.followUp?.nextDue).toBe('2026-10-24');
    const enrolled = await move(verified, 'ENROLLED');
    expect(enrolled.followUp?.nextDue).toBe('2026-11-09');
    setToday('2026-11-20');
    const dropped = await move(enrolled, 'DROPPED_OUT');
    expect(dropped.followUp?.nextDue).toBe('2026-11-27');
    const back = await move(dropped, 'ENROLLED');
    const active = await move(back, 'ACTIVE');
    const done = await move(active, 'COMPLETED');
    expect(done.followUp).toBeNull();
    expect((await dueList('week')).map((x) => x.id)).not.toContain(c.id);
  });

  it('lists overdue records in due order, across villages, each once over its pages, in scope', async () => {
    setToday('2027-01-01');
    const ids: string[] = [];
    for (const village of [VILLAGE, OTHER_VILLAGE_SAME_DISTRICT, VILLAGE, OTHER_VILLAGE_SAME_DISTRICT])
      ids.push((await register(village)).id);
    const far = await register(OTHER_VILLAGE);
    setToday('2027-02-01');
    const listed = await dueList('overdue');
    expect(new Set(listed.map((x) => x.id)).size).toBe(listed.length);
    for (const id of ids) expect(listed.map((x) => x.id)).toContain(id);
    expect(listed.map((x) => x.id)).not.toContain(far.id);
    const dues = listed.map((x) => x.followUp?.nextDue ?? '');
    expect([...dues].sort()).toEqual(dues);
    // The official sees their village only; Bappeda the regency (the other kecamatan too).
    const village = await dueList('overdue', official);
    expect(village.length).toBeGreaterThan(0);
    expect(village.every((x) => x.villageCode === VILLAGE)).toBe(true);
    expect((await dueList('overdue', bappeda)).map((x) => x.id)).toContain(far.id);
    expect((await dueList('overdue', bappeda, `&district=${OTHER_DISTRICT}`)).map((x) => x.id)).toEqual([
      far.id,
    ]);
    expect(
      (await sys.request('GET', `/candidates?due=overdue&district=${OTHER_DISTRICT}`, { token: volunteer }))
        .status,
    ).toBe(404);
  });

  it('refuses a due window it does not know and a cursor it did not make', async () => {
    expect((await sys.request('GET', '/candidates?due=month', { token: volunteer })).status).toBe(400);
    for (const cursor of [
      'x',
      Buffer.from(JSON.stringify({ after: '2026-01-01#33.29.02.2001#01J0000000000000000000000' })).toString(
        'base64url',
      ),
    ]) {
      const res = await sys.request<ErrorBody>('GET', `/candidates?due=overdue&cursor=${cursor}`, {
        token: volunteer,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0]?.field).toBe('cursor');
    }
  });
});

describe('what a visit suggests', () => {
  it('offers to mark an attending ENROLLED learner ACTIVE, and flags an ACTIVE one absent twice in a row', async () => {
    setToday('2026-08-01');
    const c = await move(await move(await register(), 'VERIFIED'), 'ENROLLED');
    const attending = await visit(c.id, { kind: 'SCHOOL', outcome: 'ATTENDING' });
    expect(attending.body.suggestion).toBe('MARK_ACTIVE');
    expect((await candidate(c.id)).status).toBe('ENROLLED');
    const active = await move(await candidate(c.id), 'ACTIVE');
    expect((await visit(active.id, { kind: 'HOME', outcome: 'NOT_ATTENDING' })).body.suggestion).toBeNull();
    const twice = await visit(active.id, { kind: 'HOME', outcome: 'NOT_ATTENDING' });
    expect(twice.body.suggestion).toBe('DROP_OUT_DECISION');
    const flagged = await candidate(c.id);
    expect(flagged.status).toBe('ACTIVE');
    expect(flagged.flags).toContain('DROP_OUT_DECISION');
    const listed = await sys.request<{ items: Candidate[] }>('GET', '/candidates?flag=dropOutDecision', {
      token: volunteer,
    });
    expect(listed.body.items.map((x) => x.id)).toEqual([c.id]);
    // The volunteer decides: the status changes only when they move it, and the flag goes.
    const dropped = await move(flagged, 'DROPPED_OUT');
    expect(dropped.flags).not.toContain('DROP_OUT_DECISION');
  });
});

describe('the address in the village', () => {
  it('is kept from registration, corrected, shown to those who see the record', async () => {
    const c = await register(VILLAGE, { address: { dusun: 'Krajan', rt: '3', rw: '01' } });
    expect(c.address).toEqual({ dusun: 'Krajan', rt: '003', rw: '001' });
    const res = await sys.request<Candidate>('PATCH', `/candidates/${c.id}`, {
      token: official,
      body: { address: { dusun: 'Karanganyar', rt: '12', rw: null } },
      headers: { 'if-match': `"${c.version}"` },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.address).toEqual({ dusun: 'Karanganyar', rt: '012', rw: null });
    const listed = await sys.request<{ items: Candidate[] }>(
      'GET',
      `/candidates?village=${VILLAGE}&limit=100`,
      {
        token: volunteer,
      },
    );
    expect(listed.body.items.find((x) => x.id === c.id)?.address?.dusun).toBe('Karanganyar');
  });

  it('names a wrong RT or RW and registers nothing', async () => {
    const res = await sys.request<ErrorBody>('POST', '/candidates', {
      token: official,
      body: registration(serial++, { year: YEAR, address: { rt: '1000', rw: 'dua' } }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d) => d.field).sort()).toEqual(['address.rt', 'address.rw']);
  });
});

describe('the follow-up report', () => {
  it('equals a recount of the records after a random mix of visits and transitions', async () => {
    const seed = testSeed();
    const random = seededRandom(seed);
    setToday('2027-03-01');
    const year = 2027;
    expect(
      (await sys.request('PUT', `/programs/${year}`, { token: bappeda, body: { villageQuota: 300 } })).status,
    ).toBe(200);
    const villages = [VILLAGE, OTHER_VILLAGE_SAME_DISTRICT];
    const records: Candidate[] = [];
    for (let i = 0; i < 12; i++) records.push(await registerIn(year, villages[i % 2] ?? VILLAGE));
    // Learners in both villages from the start, so that every figure has something to count.
    for (const i of [0, 1, 2, 3])
      records[i] = await move(await move(records[i] as Candidate, 'VERIFIED'), 'ENROLLED');
    const next: Record<string, string[]> = {
      IDENTIFIED: ['VERIFIED', 'WITHDRAWN'],
      VERIFIED: ['ENROLLED'],
      ENROLLED: ['ACTIVE', 'DROPPED_OUT'],
      ACTIVE: ['COMPLETED', 'DROPPED_OUT'],
      DROPPED_OUT: ['ENROLLED'],
    };
    let day = new Date('2027-03-01T00:00:00Z');
    for (let step = 0; step < 60; step++) {
      day = new Date(day.getTime() + Math.floor(random.next() * 4) * 86_400_000);
      setToday(day.toISOString().slice(0, 10));
      const i = Math.floor(random.next() * records.length);
      const c = await candidate(records[i]?.id ?? '');
      const moves = next[c.status];
      if (!moves) continue;
      if (random.next() < 0.5) {
        const outcome = ['ATTENDING', 'NOT_ATTENDING', 'NOT_MET'][Math.floor(random.next() * 3)];
        expect((await visit(c.id, { kind: 'HOME', outcome })).status).toBe(201);
      } else records[i] = await move(c, moves[Math.floor(random.next() * moves.length)] ?? 'VERIFIED');
    }
    for (const later of [0, 10, 45]) {
      setToday(new Date(day.getTime() + later * 86_400_000).toISOString().slice(0, 10));
      const report = await sys.request<Report>('GET', `/reports/follow-up?year=${year}`, {
        token: volunteer,
      });
      expect(report.status).toBe(200);
      const today = new Date(day.getTime() + later * 86_400_000).toISOString().slice(0, 10);
      const monitoredSince = new Date(day.getTime() + (later - 29) * 86_400_000).toISOString().slice(0, 10);
      const now = await Promise.all(records.map((r) => candidate(r.id)));
      for (const village of villages) {
        const mine = now.filter((x) => x.villageCode === village);
        const learners = mine.filter((x) => x.status === 'ENROLLED' || x.status === 'ACTIVE');
        const recount = {
          learners: learners.length,
          monitored: learners.filter(
            (x) => (x.followUp?.lastVisit ?? '') >= monitoredSince && (x.followUp?.lastVisit ?? '') <= today,
          ).length,
          overdue: mine.filter((x) => x.followUp !== null && (x.followUp?.nextDue ?? '') < today).length,
        };
        expect(
          report.body.rows.find((r) => r.code === village),
          `${village} +${later}`,
        ).toMatchObject(recount);
      }
      const sum = (k: 'learners' | 'monitored' | 'overdue') => report.body.rows.reduce((n, r) => n + r[k], 0);
      expect(report.body.totals).toEqual({
        learners: sum('learners'),
        monitored: sum('monitored'),
        overdue: sum('overdue'),
      });
    }
  });

  it('is the volunteer' + "'s kecamatan and Bappeda's, per village; refused to officials", async () => {
    const own = await sys.request<Report>('GET', `/reports/follow-up?year=${YEAR}`, { token: volunteer });
    expect(own.status).toBe(200);
    expect(own.body.district).toBe(DISTRICT);
    expect(own.body.rows.every((r) => r.code.startsWith(`${DISTRICT}.`))).toBe(true);
    expect(
      (
        await sys.request('GET', `/reports/follow-up?year=${YEAR}&district=${OTHER_DISTRICT}`, {
          token: volunteer,
        })
      ).status,
    ).toBe(404);
    expect((await sys.request('GET', `/reports/follow-up?year=${YEAR}`, { token: official })).status).toBe(
      403,
    );
    const regency = await sys.request<Report>('GET', `/reports/follow-up?year=${YEAR}`, { token: bappeda });
    expect(regency.body.district).toBeNull();
    expect(regency.body.rows.length).toBeGreaterThan(own.body.rows.length);
    const one = await sys.request<Report>('GET', `/reports/follow-up?year=${YEAR}&district=${DISTRICT}`, {
      token: bappeda,
    });
    expect(one.body.rows).toEqual(own.body.rows);
    expect((await sys.request('GET', '/reports/follow-up?year=2031', { token: bappeda })).status).toBe(409);
    expect(
      (await sys.request('GET', `/reports/follow-up?year=${YEAR}&village=x`, { token: bappeda })).status,
    ).toBe(400);
  });
});

async function registerIn(year: number, village: string): Promise<Candidate> {
  const res = await sys.request<Candidate>('POST', '/candidates', {
    token: await sys.token('village_official', village),
    body: registration(serial++, { villageCode: village, year }),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
