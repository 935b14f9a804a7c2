import type { ReportTable } from './table.js';

/**
 * CSV that Excel opens as it should in Indonesia: UTF-8 with a BOM (so names keep their
 * letters), `;` between cells (Excel's list separator under Indonesian regional settings,
 * where `,` is the decimal mark), plain integers, CRLF line ends, a totals row last.
 */
export const CSV_SEPARATOR = ';';

const cell = (value: string | number): string => {
  const text = String(value);
  return /[";\r\n,]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function renderCsv(table: ReportTable): string {
  const lines = [table.columns.map((c) => c.header), ...table.rows, ...(table.totals ? [table.totals] : [])];
  return `\uFEFF${lines.map((line) => line.map(cell).join(CSV_SEPARATOR)).join('\r\n')}\r\n`;
}
