import type { ReportTable } from './table.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const RUPIAH = '"Rp "#,##0';
const COUNT = '#,##0';

/** A real workbook: numbers stored as numbers, money in a rupiah format, a bold totals row. */
export async function renderXlsx(table: ReportTable): Promise<Buffer> {
  // Loaded on the first spreadsheet asked for, not when the function starts (cold starts).
  const { default: writeExcelFile } = await import('write-excel-file/node');
  const format = (kind: ReportTable['columns'][number]['kind']) =>
    kind === 'money' ? RUPIAH : kind === 'count' ? COUNT : undefined;
  const row = (values: (string | number)[], bold = false) =>
    values.map((value, i) => {
      const kind = table.columns[i]?.kind ?? 'text';
      if (typeof value === 'number') {
        return {
          value,
          type: Number,
          format: format(kind),
          ...(bold ? { fontWeight: 'bold' as const } : {}),
        };
      }
      return { value, type: String, ...(bold ? { fontWeight: 'bold' as const } : {}) };
    });
  const sheet = [
    table.columns.map((c) => ({ value: c.header, type: String, fontWeight: 'bold' as const, wrap: true })),
    ...table.rows.map((r) => row(r)),
    ...(table.totals ? [row(table.totals, true)] : []),
  ];
  const columns = table.columns.map((c) => ({
    width: c.kind === 'money' ? 18 : c.kind === 'count' ? 12 : 22,
  }));
  return writeExcelFile(sheet, { columns, sheet: table.title.slice(0, 31), stickyRowsCount: 1 }).toBuffer();
}
