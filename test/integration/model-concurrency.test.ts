import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { setToday } from '../../shared/clock.js';
import { listEveryCandidate, startTestSystem, type TestSystem } from '../support/system.js';

/**
 * A model-based test (fast-check commands): random sequences of concurrent bursts of
 * registrations (some with a NIK already used, in the same year or the other; some of one NIK
 * into both years at once), corrections, transitions, withdrawals, carry-overs into the second
 * year, school changes, APBD assignments and payments over three villages, each sequence in
 * two fresh programme years. After every burst, in each year: village places ≤ quota,
 * waitlist positions 1..n, one NIK once a year, APBD places and money within the ceiling,
 * paid ≤ committed, every aggregate equal to a recount, each history ending in the
 * candidate's status; across the years: one open record per NIK, and every carry-over linked
 * both ways.
 */
const VILLAGES = [
  { code: '33.29.04.2001', district: '33.29.04' },
  { code: '33.29.04.2002', district: '33.29.04' },
  { code: '33.29.05.2001', district: '33.29.05' },
];
const QUOTA = 2;
const APBD_PLACES = 3;
const CEILING = 5_000_000;
const COMMITTED = ['ENROLLED', 'ACTIVE', 'COMPLETED', 'DROPPED_OUT'];
const NEXT: Record<string, string[]> = {
  IDENTIFIED: ['VERIFIED', 'INELIGIBLE'],
  VERIFIED: ['ENROLLED', 'INELIGIBLE'],
  ENROLLED: ['ACTIVE', 'DROPPED_OUT'],
  ACTIVE: ['COMPLETED', 'DROPPED_OUT'],
  DROPPED_OUT: ['ENROLLED'],
};

type Candidate = {
  id: string;
  year: number;
  nik?: string;
  nikMasked: string;
  status: string;
  version: number;
  villageCode: string;
  carriedFrom: { id: string; year: number } | null;
  carriedTo: { id: string; year: number } | null;
  funding: {
    village: string;
    waitlistPosition: number | null;
    apbd: { amount: number; disbursed: number } | null;
    apbdes: { amount: number; disbursed: number } | null;
  };
};

let sys: TestSystem;
let bappeda: string;
let year = 2040;
const outcomes = new Map<string, number>();
let serial = 1;

beforeAll(async () => {
  sys = await startTestSystem();
  bappeda = await sys.token('bappeda_staff');
});

interface World {
  /** The two programme years of this sequence: records are registered in both, carried from the first. */
  years: [number, number];
  known: Candidate[];
  usedNiks: string[];
}

const everyCandidate = (y: number) => listEveryCandidate<Candidate>(sys, bappeda, `year=${y}`);
const OPEN = ['IDENTIFIED', 'VERIFIED', 'ENROLLED', 'ACTIVE', 'DROPPED_OUT'];

async function checkInvariants(world: World) {
  const [first, second] = await Promise.all(world.years.map(everyCandidate));
  world.known = [...(first ?? []), ...(second ?? [])];
  for (const [i, year] of world.years.entries())
    await checkYear(year, i === 0 ? (first ?? []) : (second ?? []));
  // Across the years: a NIK (its last four digits are unique in this test) open once at most.
  const open = world.known.filter((c) => OPEN.includes(c.status)).map((c) => c.nikMasked);
  expect(new Set(open).size).toBe(open.length);
  const byId = new Map(world.known.map((c) => [c.id, c]));
  for (const c of world.known.filter((c) => c.carriedTo)) {
    expect(c.status).toBe('WITHDRAWN');
    expect(byId.get(c.carriedTo?.id ?? '')?.carriedFrom).toEqual({ id: c.id, year: c.year });
  }
}

async function checkYear(year: number, all: Candidate[]) {
  const report = await sys.request<{
    totals: { apbd: { placesUsed: number; reserved: number; committed: number } };
    rows: {
      code: string;
      registered: number;
      funded: number;
      waitlisted: number;
      byStatus: Record<string, number>;
    }[];
  }>('GET', `/reports/budget?year=${year}&by=village`, { token: bappeda });
  for (const v of VILLAGES) {
    const mine = all.filter((c) => c.villageCode === v.code);
    const funded = mine.filter((c) => c.funding.village === 'FUNDED');
    const waiting = mine.filter((c) => c.funding.village === 'WAITLISTED');
    expect(funded.length).toBeLessThanOrEqual(QUOTA);
    expect(funded.every((c) => c.status !== 'INELIGIBLE' && c.status !== 'WITHDRAWN')).toBe(true);
    expect(waiting.map((c) => c.funding.waitlistPosition).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      waiting.map((_, i) => i + 1),
    );
    const row = report.body.rows.find((r) => r.code === v.code);
    expect(row?.registered).toBe(mine.length);
    expect(row?.funded).toBe(funded.length);
    expect(row?.waitlisted).toBe(waiting.length);
    for (const status of Object.keys(row?.byStatus ?? {}))
      expect(row?.byStatus[status]).toBe(mine.filter((c) => c.status === status).length);
    // A village with a free place has nobody waiting (active candidates without APBD funding).
    if (funded.length < QUOTA) expect(waiting.length).toBe(0);
  }
  const masked = all.map((c) => c.nikMasked);
  expect(new Set(masked).size).toBe(masked.length);
  const apbd = all.filter((c) => c.funding.apbd);
  const money = apbd.reduce((s, c) => s + (c.funding.apbd?.amount ?? 0), 0);
  expect(apbd.length).toBeLessThanOrEqual(APBD_PLACES);
  expect(money).toBeLessThanOrEqual(CEILING);
  expect(report.body.totals.apbd.placesUsed).toBe(apbd.length);
  expect(report.body.totals.apbd.reserved + report.body.totals.apbd.committed).toBe(money);
  for (const c of all) {
    for (const f of [c.funding.apbd, c.funding.apbdes]) {
      if (f) expect(f.disbursed).toBeLessThanOrEqual(COMMITTED.includes(c.status) ? f.amount : 0);
    }
  }
  for (const c of all.slice(0, 12)) {
    const history = await sys.request<{ to: string }[]>('GET', `/candidates/${c.id}/history`, {
      token: bappeda,
    });
    expect(history.body.at(-1)?.to).toBe(c.status);
  }
}

const SCHOOL = { npsn: '20325671', name: 'SMP Negeri 1', level: 'SMP' };
const OTHER_SCHOOL = { npsn: 'P9997333', name: 'PKBM Harapan Bangsa', level: 'PAKET_B' };
const statusOk = (status: number) => expect([200, 201, 400, 409, 412]).toContain(status);

/** A registration body of the model: an adult (DTS) of 50 on the year's reference date. */
function registrationBody(year: number, village: string, nik: string, s: string) {
  return {
    year,
    villageCode: village,
    nik,
    kk: `33290101019${s}0`.slice(0, 16),
    fullName: `Warga Model ${s.replace(/\d/g, (d) => 'ABCDEFGHIJ'[Number(d)] ?? 'A')}`,
    birthDate: `${year - 50}-03-12`,
    sex: 'M',
    track: 'DTS',
    outOfSchoolType: 'NOT_CONTINUED',
    lastLevel: 'SMP',
    reasonCode: 3,
    consent: { given: true, by: 'SELF', name: 'Warga Model' },
  };
}

/** Moves a funded candidate to ENROLLED, one step after the other. */
async function enrol(c: Candidate) {
  const token = await sys.token('fmpp_volunteer', VILLAGES.find((v) => v.code === c.villageCode)?.district);
  let version = c.version;
  for (const [to, extra] of [
    ['VERIFIED', {}],
    ['ENROLLED', { school: SCHOOL }],
  ] as const) {
    const res = await sys.request<Candidate>('POST', `/candidates/${c.id}/transitions`, {
      token,
      body: { to, ...extra },
      headers: { 'if-match': `"${version}"` },
    });
    expect(res.status).toBe(200);
    version = res.body.version;
  }
}

/** A burst of `n` concurrent operations of one kind, on candidates picked by `pick`. */
class Burst implements fc.AsyncCommand<object, World> {
  constructor(
    readonly kind:
      | 'register'
      | 'duplicate'
      | 'bothYears'
      | 'transition'
      | 'withdraw'
      | 'carry'
      | 'school'
      | 'apbd'
      | 'pay'
      | 'correct',
    readonly n: number,
    readonly pick: number,
  ) {}
  check = () => true;
  async run(_: object, world: World) {
    const pickFrom = <T>(items: T[], i: number) => items[(this.pick + i) % Math.max(1, items.length)];
    // Each kind picks among the records it applies to (when there are any), so that bursts
    // often meet on one record.
    const applies: Partial<Record<Burst['kind'], (c: Candidate) => boolean>> = {
      carry: (c) => c.year === world.years[0] && ['IDENTIFIED', 'VERIFIED'].includes(c.status),
      school: (c) => ['ENROLLED', 'ACTIVE'].includes(c.status),
      pay: (c) => COMMITTED.includes(c.status),
      transition: (c) =>
        OPEN.includes(c.status) && (c.status !== 'VERIFIED' || c.funding.village === 'FUNDED'),
    };
    const fits = world.known.filter(applies[this.kind] ?? (() => true));
    const pool = fits.length > 0 ? fits : world.known;
    const ops = Array.from({ length: this.n }, async (_, i) => {
      const c = pickFrom(pool, i);
      const ifMatch: Record<string, string> = c ? { 'if-match': `"${c.version}"` } : {};
      if (this.kind === 'register' || this.kind === 'duplicate' || this.kind === 'bothYears' || !c) {
        const village = VILLAGES[(this.pick + i) % VILLAGES.length]?.code ?? '';
        const reuse = this.kind === 'duplicate' ? pickFrom(world.usedNiks, i) : undefined;
        const s = String(serial++).padStart(4, '0');
        const nik = reuse ?? `332901120390${s}`;
        world.usedNiks.push(nik);
        const token = await sys.token('village_official', village);
        const register = (year: number) =>
          sys.request('POST', '/candidates', { token, body: registrationBody(year, village, nik, s) });
        if (this.kind === 'bothYears') {
          // One NIK into both years at once: exactly one wins.
          const both = await Promise.all(world.years.map(register));
          expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
          return undefined;
        }
        return register(world.years[(this.pick + i) % 2] ?? world.years[0]);
      }
      const district = VILLAGES.find((v) => v.code === c.villageCode)?.district ?? '';
      if (this.kind === 'transition') {
        const to = pickFrom(NEXT[c.status] ?? [], i);
        if (!to) return undefined;
        return sys.request('POST', `/candidates/${c.id}/transitions`, {
          token: await sys.token('fmpp_volunteer', district),
          body: { to, ...(to === 'ENROLLED' ? { school: SCHOOL } : {}) },
          headers: ifMatch,
        });
      }
      if (this.kind === 'withdraw') {
        const res = await sys.request('POST', `/candidates/${c.id}/transitions`, {
          token: await sys.token('village_official', c.villageCode),
          body: { to: 'WITHDRAWN' },
          headers: ifMatch,
        });
        // Past enrolment an official may no longer withdraw anyone (the workflow's rule, not a
        // race: nothing in a withdrawal burst enrols anyone): exactly 403.
        if (!COMMITTED.includes(c.status)) return res;
        expect(res.status).toBe(403);
        return undefined;
      }
      if (this.kind === 'carry') {
        return sys.request('POST', `/candidates/${c.id}/carry-over`, {
          token: await sys.token('village_official', c.villageCode),
          body: { year: world.years[1] },
          headers: ifMatch,
        });
      }
      if (this.kind === 'school') {
        return sys.request('POST', `/candidates/${c.id}/school`, {
          token: await sys.token('fmpp_volunteer', district),
          body: { school: (this.pick + i) % 2 === 0 ? OTHER_SCHOOL : SCHOOL, note: 'pindah' },
          headers: ifMatch,
        });
      }
      if (this.kind === 'correct') {
        return sys.request('PATCH', `/candidates/${c.id}`, {
          token: await sys.token('village_official', c.villageCode),
          body: { phone: `0812345678${String(i).padStart(2, '0')}` },
          headers: ifMatch,
        });
      }
      if (this.kind === 'apbd')
        return sys.request('POST', `/candidates/${c.id}/apbd-place`, { token: bappeda, headers: ifMatch });
      return sys.request('POST', `/candidates/${c.id}/disbursements`, {
        token: bappeda,
        headers: ifMatch,
        body: {
          source: c.funding.apbd ? 'APBD' : 'APBDES',
          amount: 700_000,
          paidAt: `${c.year}-09-01`,
          reference: `R${serial++}`,
        },
      });
    });
    for (const res of await Promise.all(ops)) {
      if (!res) continue;
      statusOk(res.status);
      const key = `${this.kind} ${res.status}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    await checkInvariants(world);
  }
  toString = () => `${this.kind}×${this.n}@${this.pick}`;
}

describe('model-based concurrency', () => {
  it('keeps every invariant under random concurrent bursts', async () => {
    const burst = fc
      .tuple(
        fc.constantFrom(
          'register',
          'duplicate',
          'bothYears',
          'transition',
          'transition',
          'withdraw',
          'carry',
          'carry',
          'school',
          'apbd',
          'pay',
          'correct' as const,
        ),
        fc.integer({ min: 1, max: 5 }),
        fc.nat(50),
      )
      .map(([kind, n, pick]) => new Burst(kind as Burst['kind'], n, pick));
    await fc.assert(
      fc.asyncProperty(fc.commands([burst], { maxCommands: 10 }), async (commands) => {
        year += 2;
        const years: [number, number] = [year, year + 1];
        for (const y of years) {
          const put = await sys.request('PUT', `/programs/${y}`, {
            token: bappeda,
            body: { villageQuota: QUOTA, apbdPlaces: APBD_PLACES, apbdCeiling: CEILING },
          });
          expect(put.status).toBe(200);
        }
        // Every village starts with more candidates than places (in both years, as the
        // registrations alternate), so that leaving promotes someone.
        const world: World = { years, known: [], usedNiks: [] };
        // Late in the second year: payments of both years can be dated in their year.
        setToday(`${years[1]}-12-01`);
        try {
          await new Burst('register', 6 * VILLAGES.length, 0).run({}, world);
          // A few learners at school already, for school changes and payments to act on.
          for (const c of world.known.filter((c) => c.funding.village === 'FUNDED').slice(0, 3))
            await enrol(c);
          await checkInvariants(world);
          await fc.asyncModelRun(() => ({ model: {}, real: world }), commands);
        } finally {
          setToday(undefined);
        }
      }),
      { numRuns: 15 },
    );
    console.info(
      [...outcomes]
        .sort()
        .map(([k, n]) => `${k}: ${n}`)
        .join(', '),
    );
  }, 240_000);
});
