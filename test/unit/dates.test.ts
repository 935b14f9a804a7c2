import { describe, expect, it } from 'vitest';
import {
  ageOn,
  type CalendarDate,
  compareDates,
  formatIsoDate,
  isRealDate,
  parseIsoDate,
  todayInBrebes,
} from '../../shared/domain/dates.js';

const d = (year: number, month: number, day: number): CalendarDate => ({ year, month, day });

describe('parseIsoDate', () => {
  it.each<[string, CalendarDate]>([
    ['2026-07-01', d(2026, 7, 1)],
    ['2010-07-05', d(2010, 7, 5)],
    ['2024-02-29', d(2024, 2, 29)],
    ['2000-02-29', d(2000, 2, 29)],
    ['2026-12-31', d(2026, 12, 31)],
    ['2026-01-01', d(2026, 1, 1)],
    ['1900-01-01', d(1900, 1, 1)],
  ])('parses %s', (text, date) => {
    expect(parseIsoDate(text)).toEqual(date);
  });

  it.each([
    ['2023-02-29', 'not a leap year'],
    ['1900-02-29', 'century, not a leap year'],
    ['2026-13-01', 'month 13'],
    ['2026-00-10', 'month 00'],
    ['2026-01-00', 'day 00'],
    ['2026-01-32', 'day 32'],
    ['2026-04-31', '31 April'],
    ['2026-02-30', '30 February'],
  ])('says %s is invalid (%s)', (text) => {
    expect(parseIsoDate(text)).toBe('invalid');
  });

  it.each([
    '2026-7-1',
    '2026-07-1',
    '26-07-01',
    '01-07-2026',
    '2026/07/01',
    '20260701',
    '2026-07-01T00:00:00Z',
    ' 2026-07-01',
    '2026-07-01 ',
    'yesterday',
    '',
    '２０２６-０７-０１',
  ])('says %j has the wrong format', (text) => {
    expect(parseIsoDate(text)).toBe('format');
  });
});

describe('isRealDate', () => {
  it.each<[number, number, number, boolean]>([
    [2024, 2, 29, true],
    [2023, 2, 29, false],
    [2000, 2, 29, true],
    [2100, 2, 29, false],
    [2026, 4, 30, true],
    [2026, 4, 31, false],
    [2026, 0, 1, false],
    [2026, 13, 1, false],
    [2026, 1, 0, false],
  ])('%i-%i-%i → %s', (year, month, day, real) => {
    expect(isRealDate(year, month, day)).toBe(real);
  });
});

describe('formatIsoDate and compareDates', () => {
  it('pads month and day', () => {
    expect(formatIsoDate(d(2026, 7, 1))).toBe('2026-07-01');
    expect(formatIsoDate(d(2010, 12, 31))).toBe('2010-12-31');
  });

  it('round-trips with parseIsoDate', () => {
    expect(parseIsoDate(formatIsoDate(d(2024, 2, 29)))).toEqual(d(2024, 2, 29));
  });

  it.each<[CalendarDate, CalendarDate, number]>([
    [d(2026, 7, 1), d(2026, 7, 1), 0],
    [d(2026, 7, 1), d(2026, 7, 2), -1],
    [d(2026, 7, 1), d(2026, 6, 30), 1],
    [d(2025, 12, 31), d(2026, 1, 1), -1],
  ])('compares %o with %o', (a, b, sign) => {
    expect(Math.sign(compareDates(a, b))).toBe(sign);
  });
});

describe('ageOn', () => {
  const reference = d(2026, 7, 1);

  it.each<[string, CalendarDate, CalendarDate, number]>([
    ['birthday on the reference date', d(2008, 7, 1), reference, 18],
    ['birthday one day after the reference date', d(2008, 7, 2), reference, 17],
    ['birthday one day before the reference date', d(2008, 6, 30), reference, 18],
    ['birthday later in the year', d(2008, 12, 31), reference, 17],
    ['birthday earlier in the year', d(2008, 1, 1), reference, 18],
    ['seventh birthday on the reference date', d(2019, 7, 1), reference, 7],
    ['seventh birthday the day after', d(2019, 7, 2), reference, 6],
    ['born on the reference date', d(2026, 7, 1), reference, 0],
    ['29 Feb birthday on 28 Feb of a common year', d(2008, 2, 29), d(2026, 2, 28), 17],
    ['29 Feb birthday on 1 Mar of a common year', d(2008, 2, 29), d(2026, 3, 1), 18],
    ['29 Feb birthday on 29 Feb of a leap year', d(2008, 2, 29), d(2028, 2, 29), 20],
    ['29 Feb birthday on 28 Feb of a leap year', d(2008, 2, 29), d(2028, 2, 28), 19],
    ['born 28 Feb, on 28 Feb', d(2008, 2, 28), d(2026, 2, 28), 18],
  ])('%s', (_label, birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });
});

describe('todayInBrebes (UTC+7)', () => {
  it.each<[string, CalendarDate]>([
    ['2026-06-30T17:00:00Z', d(2026, 7, 1)],
    ['2026-06-30T16:59:59Z', d(2026, 6, 30)],
    ['2026-06-30T16:59:59.999Z', d(2026, 6, 30)],
    ['2026-06-30T00:00:00Z', d(2026, 6, 30)],
    ['2026-07-01T16:59:59Z', d(2026, 7, 1)],
    ['2026-12-31T17:00:00Z', d(2027, 1, 1)],
    ['2024-02-28T17:00:00Z', d(2024, 2, 29)],
    ['2026-07-01T00:00:00+07:00', d(2026, 7, 1)],
  ])('%s is %o in Brebes', (instant, date) => {
    expect(todayInBrebes(new Date(instant))).toEqual(date);
  });

  it('defaults to now', () => {
    const before = todayInBrebes(new Date());
    const today = todayInBrebes();
    const after = todayInBrebes(new Date());
    expect(compareDates(before, today)).toBeLessThanOrEqual(0);
    expect(compareDates(today, after)).toBeLessThanOrEqual(0);
  });
});
