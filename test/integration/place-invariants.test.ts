import { beforeAll, describe, expect, it } from 'vitest';
import { registration } from '../support/candidates.js';
import { seededRandom, testSeed } from '../support/random.js';
import { listEveryCandidate, startTestSystem, type TestSystem } from '../support/system.js';

/**
 * Random concurrent mixes of registrations, withdrawals, verifications and ineligibility
 * rulings in one village, with a small quota so that places are released and taken often.
 * After every round: places held = min(quota, active), waitlist positions 1..n without gaps,
 * the village's counts equal a recount, and each history ends in the candidate's status.
 */
type Candidate = {
  id: string;
  status: string;
  version: number;
  funding: { village: string; waitlistPosition: number | null };
};

const YEAR = 2027;
const QUOTA = 4;
const VILLAGE = '33.29.03.2001';
const ACTIVE = ['IDENTIFIED', 'VERIFIED'];

let sys: TestSystem;
let official: string;
let volunteer: string;

beforeAll(async () => {
  sys = await startTestSystem();
  official = await sys.token('village_official', VILLAGE);
  volunteer = await sys.token('fmpp_volunteer', '33.29.03');
  const put = await sys.request('PUT', `/programs/${YEAR}`, {
    token: await sys.token('bappeda_staff'),
    body: { villageQuota: QUOTA },
  });
  expect(put.status).toBe(200);
});

const everyCandidate = () => listEveryCandidate<Candidate>(sys, volunteer, `year=${YEAR}&village=${VILLAGE}`);

async function checkInvariants(context: string): Promise<Candidate[]> {
  const all = await everyCandidate();
  const active = all.filter((c) => ACTIVE.includes(c.status));
  const funded = all.filter((c) => c.funding.village === 'FUNDED');
  const waitlisted = all.filter((c) => c.funding.village === 'WAITLISTED');
  expect(funded.length, context).toBe(Math.min(QUOTA, active.length));
  expect(
    funded.every((c) => ACTIVE.includes(c.status)),
    context,
  ).toBe(true);
  expect(
    waitlisted.every((c) => ACTIVE.includes(c.status)),
    context,
  ).toBe(true);
  expect(funded.length + waitlisted.length, context).toBe(active.length);
  expect(
    waitlisted.map((c) => c.funding.waitlistPosition).sort((a, b) => (a ?? 0) - (b ?? 0)),
    context,
  ).toEqual(waitlisted.map((_, i) => i + 1));
  const summary = await sys.request<{ funded: number; waitlisted: number; byStatus: Record<string, number> }>(
    'GET',
    `/villages/${VILLAGE}?year=${YEAR}`,
    { token: volunteer },
  );
  const recount: Record<string, number> = {};
  for (const status of Object.keys(summary.body.byStatus))
    recount[status] = all.filter((c) => c.status === status).length;
  expect(summary.body, context).toMatchObject({
    funded: funded.length,
    waitlisted: waitlisted.length,
    byStatus: recount,
  });
  return all;
}

describe('village places under random concurrent traffic', () => {
  it('always hold min(quota, active) with a gapless waitlist and exact counts', async () => {
    const seed = testSeed();
    const random = seededRandom(seed);
    let serial = 1;
    let known: Candidate[] = [];
    for (let round = 0; round < 12; round++) {
      const operations = Array.from({ length: random.int(3, 8) }, () => {
        const roll = random.next();
        const target = random.pick(known.filter((c) => ACTIVE.includes(c.status)));
        if (roll < 0.45 || !target) {
          return sys.request('POST', '/candidates', {
            token: official,
            body: registration(serial++, { year: YEAR, villageCode: VILLAGE }),
          });
        }
        const [to, token] =
          roll < 0.65
            ? ['WITHDRAWN', official]
            : roll < 0.85
              ? ['INELIGIBLE', volunteer]
              : ['VERIFIED', volunteer];
        return sys.request('POST', `/candidates/${target.id}/transitions`, {
          token,
          body: { to },
          headers: { 'if-match': `"${target.version}"` },
        });
      });
      const results = await Promise.all(operations);
      for (const r of results)
        expect([200, 201, 409, 412], `seed ${seed}, round ${round}: ${r.text}`).toContain(r.status);
      known = await checkInvariants(`seed ${seed}, round ${round}`);
    }
    for (const c of known) {
      const history = await sys.request<{ to: string }[]>('GET', `/candidates/${c.id}/history`, {
        token: volunteer,
      });
      expect(history.body.at(-1)?.to, `seed ${seed}`).toBe(c.status);
    }
    expect(known.length).toBeGreaterThan(QUOTA);
  });
});
