import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { listEveryCandidate, startTestSystem, type TestSystem } from '../support/system.js';

/**
 * A model-based test (fast-check commands): random sequences of concurrent bursts of
 * registrations (some with a NIK already used elsewhere), corrections, transitions,
 * withdrawals, APBD assignments and payments over three villages, each sequence in a fresh
 * programme year. After every burst: village places ≤ quota, waitlist positions 1..n, one NIK
 * once a year, APBD places and money within the ceiling, paid ≤ committed, every aggregate
 * equal to a recount, and each history ending in the candidate's status.
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
  nik?: string;
  nikMasked: string;
  status: string;
  version: number;
  villageCode: string;
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
let serial = 1;

beforeAll(async () => {
  sys = await startTestSystem();
  bappeda = await sys.token('bappeda_staff');
});

interface World {
  year: number;
  known: Candidate[];
  usedNiks: string[];
}

const everyCandidate = (y: number) => listEveryCandidate<Candidate>(sys, bappeda, `year=${y}`);

async function checkInvariants(world: World) {
  const all = await everyCandidate(world.year);
  world.known = all;
  const report = await sys.request<{
    totals: { apbd: { placesUsed: number; reserved: number; committed: number } };
    rows: {
      code: string;
      registered: number;
      funded: number;
      waitlisted: number;
      byStatus: Record<string, number>;
    }[];
  }>('GET', `/reports/budget?year=${world.year}&by=village`, { token: bappeda });
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
  const masked = all.map((c) => c.nikMasked + c.villageCode);
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
const statusOk = (status: number) => expect([200, 201, 400, 409, 412]).toContain(status);

/** A burst of `n` concurrent operations of one kind, on candidates picked by `pick`. */
class Burst implements fc.AsyncCommand<object, World> {
  constructor(
    readonly kind: 'register' | 'duplicate' | 'transition' | 'withdraw' | 'apbd' | 'pay' | 'correct',
    readonly n: number,
    readonly pick: number,
  ) {}
  check = () => true;
  async run(_: object, world: World) {
    const pickFrom = <T>(items: T[], i: number) => items[(this.pick + i) % Math.max(1, items.length)];
    const ops = Array.from({ length: this.n }, async (_, i) => {
      const c = pickFrom(world.known, i);
      const ifMatch: Record<string, string> = c ? { 'if-match': `"${c.version}"` } : {};
      if (this.kind === 'register' || this.kind === 'duplicate' || !c) {
        const village = VILLAGES[(this.pick + i) % VILLAGES.length] ?? VILLAGES[0];
        const reuse = this.kind === 'duplicate' ? pickFrom(world.usedNiks, i) : undefined;
        const s = String(serial++).padStart(4, '0');
        const nik = reuse ?? `332901120390${s}`;
        world.usedNiks.push(nik);
        return sys.request('POST', '/candidates', {
          token: await sys.token('village_official', village?.code ?? ''),
          body: {
            year: world.year,
            villageCode: village?.code,
            nik,
            kk: `33290101019${s}0`.slice(0, 16),
            fullName: `Warga Model ${s.replace(/\d/g, (d) => 'ABCDEFGHIJ'[Number(d)] ?? 'A')}`,
            birthDate: '1990-03-12',
            sex: 'M',
            track: 'DTS',
            outOfSchoolType: 'NOT_CONTINUED',
            lastLevel: 'SMP',
            reasonCode: 3,
            consent: { given: true, by: 'SELF', name: 'Warga Model' },
          },
        });
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
          paidAt: '2026-09-01',
          reference: `R${serial++}`,
        },
      });
    });
    for (const res of await Promise.all(ops)) if (res) statusOk(res.status);
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
          'transition',
          'transition',
          'withdraw',
          'withdraw',
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
        year++;
        const put = await sys.request('PUT', `/programs/${year}`, {
          token: bappeda,
          body: { villageQuota: QUOTA, apbdPlaces: APBD_PLACES, apbdCeiling: CEILING },
        });
        expect(put.status).toBe(200);
        // Every village starts with more candidates than places, so that leaving promotes someone.
        const world: World = { year, known: [], usedNiks: [] };
        await new Burst('register', 4 * VILLAGES.length, 0).run({}, world);
        await fc.asyncModelRun(() => ({ model: {}, real: world }), commands);
      }),
      { numRuns: 15 },
    );
  }, 240_000);
});
