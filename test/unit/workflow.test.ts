import { describe, expect, it } from 'vitest';
import { STATUSES, type Status } from '../../shared/domain/candidate.js';
import { normaliseNpsn, transitionVerdict } from '../../shared/domain/workflow.js';
import { ROLES, type Role } from '../../shared/principal.js';

/** The programme's workflow (docs/rules.md), written out by hand (not derived from the code under test). */
const ALLOWED = new Set([
  'IDENTIFIED>VERIFIED',
  'IDENTIFIED>INELIGIBLE',
  'IDENTIFIED>WITHDRAWN',
  'VERIFIED>ENROLLED',
  'VERIFIED>INELIGIBLE',
  'VERIFIED>WITHDRAWN',
  'ENROLLED>ACTIVE',
  'ENROLLED>DROPPED_OUT',
  'ACTIVE>COMPLETED',
  'ACTIVE>DROPPED_OUT',
  'DROPPED_OUT>ENROLLED',
]);

function expected(role: Role, from: Status, to: Status): string {
  const inWorkflow = ALLOWED.has(`${from}>${to}`);
  if (role === 'bappeda_staff') return 'forbidden';
  if (role === 'village_official') {
    if (to !== 'WITHDRAWN') return 'forbidden';
    if (['ENROLLED', 'ACTIVE', 'COMPLETED', 'DROPPED_OUT'].includes(from)) return 'forbidden';
  }
  return inWorkflow ? 'allowed' : 'invalid';
}

const cases = ROLES.flatMap((role) =>
  STATUSES.flatMap((from) => STATUSES.map((to) => [role, from, to, expected(role, from, to)] as const)),
);

describe('transitionVerdict, every (role, from, to)', () => {
  it('covers 3 roles × 8 × 8 statuses', () => expect(cases).toHaveLength(192));

  it.each(cases)('%s: %s → %s is %s', (role, from, to, verdict) => {
    expect(transitionVerdict(role, from, to)).toBe(verdict);
  });

  it('lets volunteers make exactly the 11 moves of the workflow', () => {
    const allowed = cases.filter(([role, , , v]) => role === 'fmpp_volunteer' && v === 'allowed');
    expect(allowed.map(([, from, to]) => `${from}>${to}`).sort()).toEqual([...ALLOWED].sort());
  });

  it('lets officials only withdraw before enrolment', () => {
    const allowed = cases.filter(([role, , , v]) => role === 'village_official' && v === 'allowed');
    expect(allowed.map(([, from, to]) => `${from}>${to}`)).toEqual([
      'IDENTIFIED>WITHDRAWN',
      'VERIFIED>WITHDRAWN',
    ]);
  });
});

describe("normaliseNpsn: the national school register's formats", () => {
  it.each([
    ['20325671', '20325671'],
    ['2032 5671', '20325671'],
    ['P9997333', 'P9997333'],
    ['p9997333', 'P9997333'],
    ['K5660123', 'K5660123'],
  ])('accepts %s as %s', (text, npsn) => expect(normaliseNpsn(text)).toBe(npsn));

  it.each(['1234', '203256712', 'P999733', 'P99973331', 'X9997333', 'PP997333', '2032567a', '', 'P 9997 33'])(
    'refuses %j',
    (text) => expect(normaliseNpsn(text)).toBeUndefined(),
  );
});
