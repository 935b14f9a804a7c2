/** Cell references as Excel writes them: column letters, then the row number (`C5`, `XFD1048576`). */

/** Excel's limits: a reference past them means a damaged file. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;

/** `A`, `B`, …, `Z`, `AA`, … for columns 0, 1, … */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * The column (from 1) of a reference such as `C5`, or undefined if it is none: one to three
 * capital letters, then a row number of one to seven digits not starting with 0.
 */
export function columnOf(ref: string): number | undefined {
  let column = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
  }
  const digits = ref.length - i;
  if (i === 0 || i > 3 || digits < 1 || digits > 7 || ref[i] === '0') return undefined;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 48 || code > 57) return undefined;
  }
  return column;
}

/** A whole number written in at most `maxDigits` digits (no sign, no spaces), or undefined. */
export function wholeNumber(text: string, maxDigits: number): number | undefined {
  if (text.length === 0 || text.length > maxDigits) return undefined;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return undefined;
    n = n * 10 + code - 48;
  }
  return n;
}
