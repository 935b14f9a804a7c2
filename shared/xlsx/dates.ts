/**
 * Excel keeps a date as a number of days (the time as its fraction) and says it is a date only
 * through the cell's number format.
 */

/** The built-in formats (ECMA-376 part 1, 18.8.30) that show dates and times. */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/**
 * Whether numbers in this format (its id, and its code if it is not built in) are dates. Quoted
 * text, `\x` (a literal), `_x` (space as wide as x), `*x` (fill with x) and brackets (colours,
 * conditions, locales such as [$-421]) are no date parts; d, m or y left over are. A loop rather
 * than a regular expression: the code comes from the file, and the loop is linear in it.
 */
export function isDateFormat(id: number, code = ''): boolean {
  if (BUILT_IN_DATE_FORMATS.has(id)) return true;
  /** The closing `"` or `]` found missing: text or a bracket left open is read as if plain. */
  let missing = '';
  for (let i = 0; i < code.length; i++) {
    const ch = code[i] ?? '';
    const closing = ch === '"' ? '"' : ch === '[' ? ']' : '';
    if (closing && !missing.includes(closing)) {
      const end = code.indexOf(closing, i + 1);
      if (end > 0) i = end;
      else missing += closing;
    } else if (!closing && '\\_*'.includes(ch)) i++;
    else if ('dmyDMY'.includes(ch)) return true;
  }
  return false;
}

const DAY = 86_400_000;

/**
 * The moment a serial date stands for, read as UTC. In the 1900 system (Excel's default) day 1 is
 * 1900-01-01, and day 60 is 29 February 1900, which never was: Excel copied Lotus 1-2-3's leap
 * year bug. So days before it count from 1899-12-31 and later days from 1899-12-30 (day 60 reads
 * as 1 March). The 1904 system (old Mac workbooks) counts from 1904-01-01 as day 0.
 */
export function fromSerial(serial: number, date1904: boolean): Date {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, serial < 61 ? 31 : 30);
  const date = new Date(epoch + Math.round(serial * DAY));
  if (Number.isNaN(date.getTime())) throw new Error(`xlsx: ${serial} is no date`);
  return date;
}
