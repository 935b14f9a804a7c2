import { describe, expect, it } from 'vitest';
import { type BudgetFacts, committedTo, contributionOf, counterChanges } from '../../shared/domain/budget.js';

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
