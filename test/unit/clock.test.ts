import { afterEach, describe, expect, it } from 'vitest';
import { now, setToday } from '../../shared/clock.js';
import { todayInBrebes } from '../../shared/domain/dates.js';

afterEach(() => setToday(undefined));

describe('the programme clock', () => {
  it('is the real time unless the local system moves it', () => {
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(50);
  });

  it('makes a date today in Brebes, the time of day running on', () => {
    const realWib = new Date(Date.now() + 7 * 3_600_000);
    setToday('2027-01-15');
    expect(todayInBrebes()).toEqual({ year: 2027, month: 1, day: 15 });
    const movedWib = new Date(now().getTime() + 7 * 3_600_000);
    expect(movedWib.toISOString().slice(11, 16)).toBe(realWib.toISOString().slice(11, 16));
    setToday('2024-02-29');
    expect(todayInBrebes()).toEqual({ year: 2024, month: 2, day: 29 });
    setToday(undefined);
    expect(todayInBrebes()).toEqual(todayInBrebes(new Date()));
  });

  it.each(['2027-02-30', '2027-1-5', 'tomorrow', ''])('refuses %j', (date) => {
    expect(() => setToday(date)).toThrow(/GKB_TODAY/);
  });
});
