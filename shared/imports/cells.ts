import { formatIsoDate, readDate } from '../domain/dates.js';
import type { Message } from '../i18n.js';
import type { Cell } from './read-file.js';

/**
 * A cell as text: a date cell as `YYYY-MM-DD`, a yes/no cell as Ya or Tidak. The apostrophe
 * that our downloads put before text a spreadsheet would read as a formula
 * (shared/xlsx/formula-injection.ts) is taken off again, so that a list of failed rows can be
 * uploaded as it was downloaded (a phone written "+62 812…", a note "- sakit").
 */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date)
    return formatIsoDate({
      year: cell.getUTCFullYear(),
      month: cell.getUTCMonth() + 1,
      day: cell.getUTCDate(),
    });
  if (typeof cell === 'boolean') return cell ? 'Ya' : 'Tidak';
  const text = String(cell).trim();
  return text.startsWith("'") && /^[=+\-@]/.test(text.slice(1)) ? text.slice(1) : text;
}

/**
 * A date as people write it (`readDate`: `2010-07-05`, `05-07-2010`, `5/7/2010`, `5 Juli
 * 2010`) as `YYYY-MM-DD`; or the problem: a date of the right shape that the calendar does
 * not have (31/02/2012, a month 13), or no date at all.
 */
export function importDate(value: string): string | Message {
  const read = readDate(value);
  if (read === 'format') return { key: 'import.date' };
  if ('iso' in read) return read.iso;
  const [year, month, day] = read.invalid.split('-').map(Number);
  return { key: 'import.dateNotReal', params: { day: day ?? 0, month: month ?? 0, year: year ?? 0 } };
}

/**
 * A NIK or KK that Excel turned into a number: a number cell of a workbook, or its text in a
 * CSV Excel saved, in scientific notation with its last digits gone (3.32901E+15, 3,32901E+15).
 */
export const excelMadeNumber = (cell: Cell | undefined): boolean =>
  typeof cell === 'number' || (typeof cell === 'string' && /^\d+(?:[.,]\d+)?E\+?\d+$/i.test(cell.trim()));
