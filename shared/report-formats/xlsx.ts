import { writeXlsx } from '../xlsx/write.js';
import type { ReportTable } from './table.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const RUPIAH = '"Rp "#,##0';
const COUNT = '#,##0';

/** A real workbook: numbers stored as numbers, money in a rupiah format, a bold totals row. */
export function renderXlsx(table: ReportTable): Uint8Array<ArrayBuffer> {
  const format = (kind: ReportTable['columns'][number]['kind']) =>
    kind === 'money' ? RUPIAH : kind === 'count' ? COUNT : undefined;
  const row = (values: (string | number)[], bold = false) =>
    values.map((value, i) => ({
      value,
      bold,
      ...(typeof value === 'number' ? { format: format(table.columns[i]?.kind ?? 'text') } : {}),
    }));
  // A workbook handed on says what it is and when it was made above its header.
  const heading = table.handOn
    ? [[{ value: table.title, bold: true }], [{ value: `Dibuat ${table.handOn.made}` }], []]
    : [];
  return writeXlsx([
    {
      // Excel refuses sheet names longer than 31 characters.
      name: table.title.slice(0, 31),
      rows: [
        ...heading,
        table.columns.map((c) => ({ value: c.header, bold: true, wrap: true })),
        ...table.rows.map((r) => row(r)),
        ...(table.totals ? [row(table.totals, true)] : []),
      ],
      widths: table.columns.map((c) => (c.kind === 'money' ? 18 : c.kind === 'count' ? 12 : 22)),
      frozenRows: heading.length + 1,
    },
    ...(table.handOn
      ? [
          {
            name: 'Penjelasan',
            rows: [
              [
                { value: 'Kolom', bold: true },
                { value: 'Arti', bold: true },
              ],
              ...table.columns.map((c) => [{ value: c.header }, { value: c.explain ?? '' }]),
            ],
            widths: [26, 90],
            frozenRows: 1,
          },
        ]
      : []),
  ]);
}
