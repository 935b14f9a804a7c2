import { describe, expect, it } from 'vitest';
import {
  type BudgetFacts,
  committedTo,
  contributionOf,
  counterChanges,
  normaliseReference,
  paymentProblems,
} from '../../shared/domain/budget.js';

const base: BudgetFacts = {
  status: 'IDENTIFIED',
  villageFunding: 'FUNDED',
  villageAmount: 1_500_000,
  apbd: null,
  disbursed: { APBDES: 0, APBD: 0 },
  track: 'ATS',
  sex: 'F',
  reasonCode: 1,
  school: null,
};

describe('a candidate in the village totals', () => {
  it('reserves a village place before enrolment and commits it after', () => {
    expect(contributionOf(base)).toMatchObject({
      registered: 1,
      funded: 1,
      apbdesReserved: 1_500_000,
      apbdesCommitted: 0,
    });
    for (const status of ['ENROLLED', 'ACTIVE', 'COMPLETED', 'DROPPED_OUT'] as const) {
      expect(contributionOf({ ...base, status })).toMatchObject({
        apbdesReserved: 0,
        apbdesCommitted: 1_500_000,
      });
    }
  });

  it('counts a waitlisted or departed candidate without money', () => {
    const waitlisted = contributionOf({ ...base, villageFunding: 'WAITLISTED', villageAmount: null });
    expect(waitlisted).toMatchObject({ funded: 0, apbdesReserved: 0, count_IDENTIFIED: 1 });
    const left = contributionOf({
      ...base,
      status: 'WITHDRAWN',
      villageFunding: 'NONE',
      villageAmount: null,
    });
    expect(left).toMatchObject({ funded: 0, apbdesReserved: 0, count_WITHDRAWN: 1, count_IDENTIFIED: 0 });
  });

  it('counts APBD places and their money apart', () => {
    const apbd = {
      ...base,
      villageFunding: 'NONE' as const,
      villageAmount: null,
      apbd: { amount: 1_666_667 },
    };
    expect(contributionOf(apbd)).toMatchObject({
      funded: 0,
      apbdPlaces: 1,
      apbdReserved: 1_666_667,
      apbdesReserved: 0,
    });
    expect(contributionOf({ ...apbd, status: 'ENROLLED' })).toMatchObject({
      apbdReserved: 0,
      apbdCommitted: 1_666_667,
    });
  });

  it('moves money from reserved to committed on enrolment and nothing on re-enrolment', () => {
    expect(counterChanges({ ...base, status: 'VERIFIED' }, { ...base, status: 'ENROLLED' })).toMatchObject({
      apbdesReserved: -1_500_000,
      apbdesCommitted: 1_500_000,
      count_VERIFIED: -1,
      count_ENROLLED: 1,
      registered: 0,
      funded: 0,
    });
    const again = counterChanges({ ...base, status: 'DROPPED_OUT' }, { ...base, status: 'ENROLLED' });
    expect(again).toMatchObject({ apbdesReserved: 0, apbdesCommitted: 0 });
  });

  it('counts a new candidate whole', () => {
    expect(counterChanges(undefined, base)).toEqual(contributionOf(base));
  });

  it('commits to a candidate only what an enrolled holder has', () => {
    expect(committedTo(base, 'APBDES')).toBe(0);
    expect(committedTo({ ...base, status: 'ACTIVE' }, 'APBDES')).toBe(1_500_000);
    expect(committedTo({ ...base, status: 'ACTIVE' }, 'APBD')).toBe(0);
  });
});

describe('the rules of a payment (one payment and every row of a payment sheet)', () => {
  const enrolled = {
    ...base,
    status: 'ENROLLED' as const,
    year: 2026,
    disbursed: { APBDES: 1_000_000, APBD: 0 },
  };
  const today = { year: 2026, month: 12, day: 3 };
  const pay = (
    change: Partial<{ source: 'APBD' | 'APBDES'; amount: number; paidAt: string; reference: string }>,
  ) =>
    paymentProblems(
      enrolled,
      { source: 'APBDES', amount: 500_000, paidAt: '2026-08-01', reference: 'SP2D/001', ...change },
      today,
    );

  it('takes a payment up to what is left of the commitment, paid between the start of the year and today', () => {
    expect(pay({})).toEqual({ problems: [] });
    expect(pay({ paidAt: '2026-01-01' })).toEqual({ problems: [] });
    expect(pay({ paidAt: '2026-12-03' })).toEqual({ problems: [] });
  });

  it('refuses a date outside the year and today, or no date, and a reference of the wrong form', () => {
    expect(pay({ paidAt: '2025-12-31' }).problems).toEqual([{ field: 'paidAt', key: 'disbursement.paidAt' }]);
    expect(pay({ paidAt: '2026-12-04' }).problems).toEqual([{ field: 'paidAt', key: 'disbursement.paidAt' }]);
    expect(pay({ paidAt: '2026-02-30' }).problems).toEqual([{ field: 'paidAt', key: 'date.invalid' }]);
    expect(pay({ paidAt: '1/8/2026' }).problems).toEqual([{ field: 'paidAt', key: 'date.format' }]);
    expect(pay({ reference: '<b>' }).problems).toEqual([
      { field: 'reference', key: 'disbursement.reference' },
    ]);
    expect(pay({ reference: 'x'.repeat(65) }).problems).toHaveLength(1);
    // The form first: an amount beyond the commitment is not looked at on a malformed payment.
    expect(pay({ reference: '', amount: 9_999_999 }).ceiling).toBeUndefined();
  });

  it('refuses an amount beyond what is left, naming it, and a source with nothing committed', () => {
    expect(pay({ amount: 500_001 }).ceiling).toEqual({
      field: 'amount',
      key: 'disbursement.overCommitment',
      params: { left: 'Rp 500.000' },
    });
    expect(pay({ source: 'APBD', amount: 1 }).ceiling).toMatchObject({ key: 'disbursement.noCommitment' });
    expect(
      paymentProblems(
        { ...enrolled, status: 'VERIFIED' },
        { source: 'APBDES', amount: 1, paidAt: '2026-08-01', reference: 'A' },
        today,
      ).ceiling?.key,
    ).toBe('disbursement.noCommitment');
  });

  it('normalises a reference as it is stored', () => {
    expect(normaliseReference('  SP2D   /001 ')).toBe('SP2D /001');
  });
});
