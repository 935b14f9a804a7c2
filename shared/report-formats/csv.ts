import { neutraliseFormula } from '../xlsx/formula-injection.js';
import type { ReportTable } from './table.js';

/**
 * CSV that Excel opens as it should in Indonesia: UTF-8 with a BOM (so names keep their
 * letters), `;` between cells (Excel's list separator under Indonesian regional settings,
 * where `,` is the decimal mark), plain integers, CRLF line ends. Text that would start a
 * formula is neutralised. The one CSV writer of the system (reports, templates).
 */
export const CSV_SEPARATOR = ';';

const cell = (value: string | number): string => {
  const text = typeof value === 'number' ? String(value) : neutraliseFormula(value);
  return /[";\r\n,]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Rows as CSV text. */
export const csvText = (rows: readonly (readonly (string | number)[])[]): string =>
  `\uFEFF${rows.map((line) => line.map(cell).join(CSV_SEPARATOR)).join('\r\n')}\r\n`;

/** A report: its header row, rows, and a totals row last. */
export const renderCsv = (table: ReportTable): string =>
  csvText([table.columns.map((c) => c.header), ...table.rows, ...(table.totals ? [table.totals] : [])]);
