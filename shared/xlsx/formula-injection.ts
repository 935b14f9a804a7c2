/**
 * Text that a spreadsheet would read as a formula when it starts with `=`, `+`, `-` or `@`
 * (or a tab or carriage return before one): a name or note typed by someone could then run
 * a formula on the machine of whoever opens a download. Such text is written with a leading
 * apostrophe, which spreadsheets show as text (OWASP's advice for CSV injection). Numbers are
 * written as numbers and are never touched.
 */
export const neutraliseFormula = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
