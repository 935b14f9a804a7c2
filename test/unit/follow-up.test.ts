import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATUSES, type Status } from '../../shared/domain/candidate.js';
import {
  addDays,
  afterStatusChange,
  afterVisit,
  checkVisitDate,
  DROP_OUT_DECISION,
  dayInBrebes,
  daysBetween,
  daysOverdue,
  type FollowUpFields,
  followUpCounterChanges,
  followUpFigures,
  followUpOf,
  isMonitored,
  nextVisitDue,
  VISIT_FINDINGS,
  visitSuggestion,
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

const record = (overrides: Partial<FollowUpFields> = {}): FollowUpFields => ({
  status: 'ACTIVE',
  createdAt: '2026-01-10T02:00:00.000Z',
  statusAt: '2026-03-01T02:00:00.000Z',
  lastVisit: null,
  notAttending: 0,
  flags: [],
  ...overrides,
});

describe('a record as shown', () => {
  it('says when the next visit is due and how late it is', () => {
    expect(followUpOf(record(), day('2026-04-02'))).toEqual({
      lastVisit: null,
      nextDue: '2026-03-31',
      overdue: true,
      daysOverdue: 2,
    });
    expect(followUpOf(record({ status: 'COMPLETED' }), day('2026-04-02'))).toBeNull();
  });

  it('takes the registration for the last status change of records written before follow-up', () => {
    const older = record({ status: 'IDENTIFIED', statusAt: undefined });
    expect(followUpOf(older, day('2026-01-10'))?.nextDue).toBe('2026-01-24');
  });
});

describe('a visit', () => {
  const today = day('2026-03-20');
  it('is dated today when no date is given', () => {
    expect(checkVisitDate(undefined, '2026-01-10T02:00:00.000Z', today)).toEqual({ date: '2026-03-20' });
    expect(checkVisitDate('  ', '2026-01-10T02:00:00.000Z', today)).toEqual({ date: '2026-03-20' });
  });

  it('may be dated today or on the day of registration, in Brebes', () => {
    expect(checkVisitDate('2026-03-20', '2026-01-10T02:00:00.000Z', today)).toEqual({ date: '2026-03-20' });
    // Registered at 23:30 WIB on 10 January (16:30 UTC): a visit that day is fine.
    expect(checkVisitDate('2026-01-10', '2026-01-10T16:30:00.000Z', today)).toEqual({ date: '2026-01-10' });
  });

  it('is refused in the future, before the registration, or on a day that does not exist', () => {
    const key = (raw: string, at = '2026-01-10T02:00:00.000Z') => {
      const r = checkVisitDate(raw, at, today);
      return 'problem' in r ? r.problem.key : 'ok';
    };
    expect(key('2026-03-21')).toBe('visit.future');
    expect(key('2026-01-09')).toBe('visit.beforeRegistration');
    // 17:00 UTC on 10 January is 11 January in Brebes: the 10th is before it.
    expect(key('2026-01-10', '2026-01-10T17:00:00.000Z')).toBe('visit.beforeRegistration');
    expect(key('2026-02-30')).toBe('date.invalid');
    expect(key('20/03/2026')).toBe('date.format');
  });

  it('moves the last visit forward only', () => {
    expect(afterVisit(record({ lastVisit: '2026-03-10' }), '2026-03-12', 'ATTENDING').lastVisit).toBe(
      '2026-03-12',
    );
    expect(afterVisit(record({ lastVisit: '2026-03-10' }), '2026-03-05', 'ATTENDING').lastVisit).toBe(
      '2026-03-10',
    );
  });

  it('flags an ACTIVE learner not attending twice in a row, a visit that met nobody between them', () => {
    const once = afterVisit(record(), '2026-03-05', 'NOT_ATTENDING');
    expect(once.flags).toEqual([]);
    const notMet = afterVisit(once, '2026-03-08', 'NOT_MET');
    expect(notMet.flags).toEqual([]);
    const twice = afterVisit(notMet, '2026-03-10', 'NOT_ATTENDING');
    expect(twice.flags).toEqual([DROP_OUT_DECISION]);
    expect(visitSuggestion(twice, 'NOT_ATTENDING')).toBe('DROP_OUT_DECISION');
    // A third absence keeps one flag; attending clears it.
    expect(afterVisit(twice, '2026-03-12', 'NOT_ATTENDING').flags).toEqual([DROP_OUT_DECISION]);
    expect(afterVisit(twice, '2026-03-12', 'ATTENDING').flags).toEqual([]);
  });

  it('does not flag an ENROLLED learner, and offers to mark one found attending ACTIVE', () => {
    const enrolled = record({ status: 'ENROLLED' });
    const twice = afterVisit(
      afterVisit(enrolled, '2026-03-05', 'NOT_ATTENDING'),
      '2026-03-06',
      'NOT_ATTENDING',
    );
    expect(twice.flags).toEqual([]);
    expect(visitSuggestion(twice, 'NOT_ATTENDING')).toBeNull();
    expect(visitSuggestion(afterVisit(enrolled, '2026-03-05', 'ATTENDING'), 'ATTENDING')).toBe('MARK_ACTIVE');
    expect(visitSuggestion(afterVisit(record(), '2026-03-05', 'ATTENDING'), 'ATTENDING')).toBeNull();
  });

  it('starts over after a status change: the run of absences and the flag go', () => {
    const flagged = record({ notAttending: 2, flags: ['POSSIBLE_DUPLICATE', DROP_OUT_DECISION] });
    const changed = afterStatusChange(flagged, '2026-03-15T01:00:00.000Z');
    expect(changed).toMatchObject({
      statusAt: '2026-03-15T01:00:00.000Z',
      notAttending: 0,
      flags: ['POSSIBLE_DUPLICATE'],
    });
  });
});

describe('the follow-up counters', () => {
  it('move a record from its old due day to its new one, and its last visit with it', () => {
    const before = record({ lastVisit: '2026-03-02' });
    const after = afterVisit(before, '2026-03-20', 'ATTENDING');
    expect(followUpCounterChanges(before, after)).toEqual({
      'due_2026-04-01': -1,
      'due_2026-04-19': 1,
      'seen_2026-03-02': -1,
      'seen_2026-03-20': 1,
    });
  });

  it('count a new record, and take a closed one out', () => {
    const identified = record({ status: 'IDENTIFIED', statusAt: undefined });
    expect(followUpCounterChanges(undefined, identified)).toEqual({ 'due_2026-01-24': 1 });
    const completed = { ...record({ lastVisit: '2026-03-02' }), status: 'COMPLETED' as const };
    expect(followUpCounterChanges(record({ lastVisit: '2026-03-02' }), completed)).toEqual({
      'due_2026-04-01': -1,
      learners: -1,
      'seen_2026-03-02': -1,
    });
  });

  it('give overdue before today, due soon up to 7 days ahead, monitored in the last 30 days', () => {
    const counters = {
      learners: 5,
      'due_2026-03-19': 2,
      'due_2026-03-20': 1,
      'due_2026-03-27': 4,
      'due_2026-03-28': 8,
      'seen_2026-02-18': 1,
      'seen_2026-02-19': 2,
      'seen_2026-03-20': 1,
      villageCode: '33.29.01.2001',
    };
    expect(followUpFigures(counters, day('2026-03-20'))).toEqual({
      learners: 5,
      overdue: 2,
      dueSoon: 5,
      monitored: 3,
    });
  });

  it('equal a recount of the records after any mix of visits and status changes', () => {
    const statuses: Status[] = ['IDENTIFIED', 'VERIFIED', 'ENROLLED', 'ACTIVE', 'DROPPED_OUT', 'COMPLETED'];
    const step = fc.record({
      who: fc.nat(4),
      kind: fc.constantFrom('visit', 'status'),
      days: fc.nat(20),
      status: fc.constantFrom(...statuses),
      outcome: fc.constantFrom(...VISIT_FINDINGS),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.nat(120), (steps, todayOffset) => {
        let date = day('2026-01-10');
        const records = Array.from({ length: 5 }, () =>
          record({ status: 'IDENTIFIED', statusAt: undefined }),
        );
        const counters: Record<string, number> = {};
        const apply = (changes: Record<string, number>) => {
          for (const [k, v] of Object.entries(changes)) counters[k] = (counters[k] ?? 0) + v;
        };
        for (const r of records) apply(followUpCounterChanges(undefined, r));
        for (const s of steps) {
          date = addDays(date, s.days);
          const iso = `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
          const before = records[s.who] as FollowUpFields;
          const after =
            s.kind === 'visit'
              ? afterVisit(before, iso, s.outcome)
              : { ...afterStatusChange(before, `${iso}T03:00:00.000Z`), status: s.status };
          apply(followUpCounterChanges(before, after));
          records[s.who] = after;
        }
        const today = addDays(day('2026-01-10'), todayOffset);
        const recount = { learners: 0, overdue: 0, dueSoon: 0, monitored: 0 };
        for (const r of records) {
          const f = followUpOf(r, today);
          if (f?.overdue) recount.overdue++;
          else if (f && daysBetween(today, day(f.nextDue)) <= 7) recount.dueSoon++;
          if (r.status === 'ENROLLED' || r.status === 'ACTIVE') {
            recount.learners++;
            if (isMonitored(r.lastVisit, today)) recount.monitored++;
          }
        }
        expect(followUpFigures(counters, today)).toEqual(recount);
      }),
    );
  });
});
