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

/** The months by name, in Indonesian and English. */
export const MONTH_NAMES: readonly (readonly [id: string, en: string])[] = [
  ['Januari', 'January'],
  ['Februari', 'February'],
  ['Maret', 'March'],
  ['April', 'April'],
  ['Mei', 'May'],
  ['Juni', 'June'],
  ['Juli', 'July'],
  ['Agustus', 'August'],
  ['September', 'September'],
  ['Oktober', 'October'],
  ['November', 'November'],
  ['Desember', 'December'],
];

/** A month named in either language, whole or by its first three letters ("jul", "Agt" too). */
function monthOf(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w === 'agt' || w === 'ags') return 8;
  const i = MONTH_NAMES.findIndex(([id, en]) =>
    [id, en].some((name) => name.toLowerCase() === w || (w.length === 3 && name.toLowerCase().startsWith(w))),
  );
  return i < 0 ? undefined : i + 1;
}

/**
 * A date as people write it: `2010-07-05`, `05-07-2010`, `5/7/2010`, `5.7.2010` or
 * `5 Juli 2010` (day before month, as in Indonesia). The ISO text when it is a real date;
 * `invalid` with the would-be ISO text when it has a date's shape but the calendar has no
 * such day (`31/02/2012`, a month 13); `format` when it is no date at all. At most 40
 * characters are read, by patterns without backtracking.
 */
export function readDate(text: string): { iso: string } | { invalid: string } | 'format' {
  const t = text.trim();
  if (t.length > 40) return 'format';
  let parts: [number, number, number] | undefined;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const dmy = /^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})$/.exec(t);
  const named = /^(\d{1,2})\s+([A-Za-z]{3,9}\.?)\s+(\d{4})$/.exec(t);
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) parts = [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])];
  else if (named) {
    const month = monthOf(named[2] ?? '');
    if (month) parts = [Number(named[3]), month, Number(named[1])];
  }
  if (!parts) return 'format';
  const [year, month, day] = parts;
  const isoText = formatIsoDate({ year, month, day });
  return isRealDate(year, month, day) ? { iso: isoText } : { invalid: isoText };
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
