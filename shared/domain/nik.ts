import type { FieldProblem } from '../errors.js';
import { type CalendarDate, compareDates, isRealDate, todayInBrebes } from './dates.js';
import { isDistrictCode, isProvinceCode } from './regions.js';

/**
 * NIK: 16 digits `PP RR KK DDMMYY SSSS`. Province, regency and kecamatan of first
 * registration, birth date (women: day + 40), serial. No checksum exists.
 */
export interface NikFacts {
  districtCode: string; // six digits
  day: number;
  month: number;
  yy: number;
  sex: 'M' | 'F';
}

/** Spaces, dots and hyphens are what people type between digit groups; they are dropped. */
export const normaliseIdNumber = (raw: string): string => raw.replace(/[\s.-]/g, '');

export function checkNik(
  raw: string,
  field = 'nik',
): { nik: string; facts?: NikFacts; problems: FieldProblem[] } {
  const nik = normaliseIdNumber(raw);
  const problem = (key: FieldProblem['key'], params?: FieldProblem['params']) => ({
    nik,
    problems: [{ field, key, ...(params ? { params } : {}) }],
  });
  if (!/^\d*$/.test(nik)) return problem('nik.digits');
  if (nik.length !== 16) return problem('nik.length', { count: nik.length });
  if (!isProvinceCode(nik.slice(0, 2))) return problem('nik.province');
  const dd = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const female = dd >= 41 && dd <= 71;
  if (!(female || (dd >= 1 && dd <= 31))) return problem('nik.day');
  if (month < 1 || month > 12) return problem('nik.month');
  const day = female ? dd - 40 : dd;
  // Two-digit years: 29 February is real when either century makes it a leap year (2000 does).
  if (!isRealDate(2000 + yy, month, day) && !isRealDate(1900 + yy, month, day)) return problem('nik.date');
  if (nik.slice(12) === '0000') return problem('nik.serial');
  return {
    nik,
    facts: { districtCode: nik.slice(0, 6), day, month, yy, sex: female ? 'F' : 'M' },
    problems: [],
  };
}

/** `DD-MM-YYYY`, as the form shows a date. */
const dayMonthYear = (d: CalendarDate): string =>
  `${String(d.day).padStart(2, '0')}-${String(d.month).padStart(2, '0')}-${d.year}`;

/**
 * The birth date a NIK holds: its two-digit year in the century that does not put it after
 * `today` (29 February of year 00 is real: 2000 was a leap year).
 */
export function nikBirthDate(facts: NikFacts, today: CalendarDate = todayInBrebes()): CalendarDate {
  const date = { year: 2000 + facts.yy, month: facts.month, day: facts.day };
  return compareDates(date, today) > 0 || !isRealDate(date.year, date.month, date.day)
    ? { ...date, year: 1900 + facts.yy }
    : date;
}

/**
 * Warnings (never rejections): the NIK is permanent even when its encoded facts are wrong.
 * A differing birth date or sex names both values, as entered and as the NIK has it (dates
 * `DD-MM-YYYY`, sex `M`/`F`): they are the record's own, shown only with it.
 */
export function nikWarnings(
  facts: NikFacts,
  birth: CalendarDate | undefined,
  sex: 'M' | 'F' | undefined,
  today?: CalendarDate,
): FieldProblem[] {
  const warnings: FieldProblem[] = [];
  if (birth && (birth.day !== facts.day || birth.month !== facts.month || birth.year % 100 !== facts.yy)) {
    warnings.push({
      field: 'nik',
      key: 'nik.warn.birthDate',
      params: { declared: dayMonthYear(birth), encoded: dayMonthYear(nikBirthDate(facts, today)) },
    });
  }
  if (sex && sex !== facts.sex)
    warnings.push({ field: 'nik', key: 'nik.warn.sex', params: { declared: sex, encoded: facts.sex } });
  if (!isDistrictCode(facts.districtCode)) warnings.push({ field: 'nik', key: 'nik.warn.district' });
  return warnings;
}

export function checkKk(raw: string, field = 'kk'): { kk: string; problems: FieldProblem[] } {
  const kk = normaliseIdNumber(raw);
  if (!/^\d*$/.test(kk)) return { kk, problems: [{ field, key: 'kk.digits' }] };
  if (kk.length !== 16) return { kk, problems: [{ field, key: 'kk.length', params: { count: kk.length } }] };
  return { kk, problems: [] };
}

/** Lists and reports show the last four digits only. */
export const maskIdNumber = (id: string): string =>
  `${'*'.repeat(Math.max(0, id.length - 4))}${id.slice(-4)}`;
