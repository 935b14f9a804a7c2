import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../shared/domain/candidate.js';
import {
  addDays,
  dayInBrebes,
  daysOverdue,
  isMonitored,
  nextVisitDue,
} from '../../shared/domain/follow-up.js';

const day = (iso: string) => {
  const [year, month, d] = iso.split('-').map(Number);
  return { year: year ?? 0, month: month ?? 0, day: d ?? 0 };
};

describe('the next visit due, by status', () => {
  it.each([
    ['IDENTIFIED', '2026-03-15'],
    ['VERIFIED', '2026-03-15'],
    ['ENROLLED', '2026-03-31'],
    ['ACTIVE', '2026-03-31'],
    ['DROPPED_OUT', '2026-03-08'],
    ['COMPLETED', null],
    ['INELIGIBLE', null],
    ['WITHDRAWN', null],
  ] as const)('%s changed on 1 March: due %s', (status, due) => {
    expect(nextVisitDue(status, '2026-03-01T03:00:00.000Z')).toBe(due);
  });

  it('covers every status', () => {
    for (const status of STATUSES)
      expect(() => nextVisitDue(status, '2026-03-01T03:00:00.000Z')).not.toThrow();
  });
});

describe('the later of the last visit and the last status change', () => {
  it('counts from a visit after the status change', () => {
    expect(nextVisitDue('ENROLLED', '2026-03-01T03:00:00.000Z', '2026-03-10')).toBe('2026-04-09');
  });
  it('counts from a status change after the visit', () => {
    expect(nextVisitDue('ENROLLED', '2026-03-20T03:00:00.000Z', '2026-03-10')).toBe('2026-04-19');
  });
  it('counts from either when both fall on the same day', () => {
    expect(nextVisitDue('DROPPED_OUT', '2026-03-10T23:00:00.000Z', '2026-03-11')).toBe('2026-03-18');
  });
});

describe('calendar ends', () => {
  it.each([
    ['2026-01-31', 30, '2026-03-02'],
    ['2028-01-31', 30, '2028-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2026-12-25', 14, '2027-01-08'],
  ])('%s plus %i days is %s', (from, days, to) => {
    const d = addDays(day(from), days);
    expect(`${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`).toBe(to);
  });

  it('gives a learner enrolled on 29 February 2028 a visit on 30 March', () => {
    expect(nextVisitDue('ENROLLED', '2028-02-29T02:00:00.000Z')).toBe('2028-03-30');
  });
});

describe('days in Asia/Jakarta, not UTC', () => {
  it('takes 16:59 UTC as the same day in Brebes and 17:00 UTC as the next', () => {
    expect(dayInBrebes('2026-03-01T16:59:59.999Z')).toEqual(day('2026-03-01'));
    expect(dayInBrebes('2026-03-01T17:00:00.000Z')).toEqual(day('2026-03-02'));
  });

  it('moves the due date with the day in Brebes', () => {
    expect(nextVisitDue('IDENTIFIED', '2026-03-01T16:59:00.000Z')).toBe('2026-03-15');
    expect(nextVisitDue('IDENTIFIED', '2026-03-01T17:00:00.000Z')).toBe('2026-03-16');
  });
});

describe('overdue and monitored', () => {
  it('is not overdue on the day it is due, one day overdue the day after', () => {
    expect(daysOverdue('2026-03-15', day('2026-03-14'))).toBe(0);
    expect(daysOverdue('2026-03-15', day('2026-03-15'))).toBe(0);
    expect(daysOverdue('2026-03-15', day('2026-03-16'))).toBe(1);
    expect(daysOverdue('2026-02-28', day('2026-03-31'))).toBe(31);
  });

  it('counts a learner visited in the last 30 days (today and the 29 before) as monitored', () => {
    expect(isMonitored('2026-03-31', day('2026-03-31'))).toBe(true);
    expect(isMonitored('2026-03-02', day('2026-03-31'))).toBe(true);
    expect(isMonitored('2026-03-01', day('2026-03-31'))).toBe(false);
    expect(isMonitored(null, day('2026-03-31'))).toBe(false);
    expect(isMonitored('2026-04-01', day('2026-03-31'))).toBe(false);
  });
});
