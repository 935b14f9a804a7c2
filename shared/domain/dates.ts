import { now as clockNow } from '../clock.js';
/** Calendar dates as `YYYY-MM-DD` strings, without time zones or floating point. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** Parses a strict `YYYY-MM-DD`; `format` when the shape is wrong, `invalid` when no such day. */
export function parseIsoDate(text: string): CalendarDate | 'format' | 'invalid' {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return 'format';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(year, month, day) ? { year, month, day } : 'invalid';
}

export const formatIsoDate = (d: CalendarDate): string =>
  `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** Today in Western Indonesia Time (UTC+7), where Brebes is. */
export function todayInBrebes(now: Date = clockNow()): CalendarDate {
  const wib = new Date(now.getTime() + 7 * 3600_000);
  return { year: wib.getUTCFullYear(), month: wib.getUTCMonth() + 1, day: wib.getUTCDate() };
}

export const compareDates = (a: CalendarDate, b: CalendarDate): number =>
  a.year - b.year || a.month - b.month || a.day - b.day;

/** Age in whole years on `on`; someone born 29 February turns a year older on 1 March in common years. */
export function ageOn(birth: CalendarDate, on: CalendarDate): number {
  const hadBirthday = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}
