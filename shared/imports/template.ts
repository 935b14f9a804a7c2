import { csvText } from '../report-formats/csv.js';
import { writeXlsx } from '../xlsx/write.js';
import { IMPORT_COLUMNS } from './columns.js';
import { XLSX_MEDIA_TYPE } from './read-file.js';

const TEXT_FIELDS = new Set(['nik', 'kk', 'phone']);

/** A column of a template: its header, whether it must be filled, an example and what it takes. */
export interface TemplateColumn {
  header: string;
  required: boolean;
  example: string;
  explain: string;
  /** Kept as Text by Excel (a NIK, whose last digits a number would lose). */
  text?: boolean;
}

/** The empty survey list to fill: headers, one example row, and (XLSX) a sheet explaining each column. */
export const importTemplate = (format: 'csv' | 'xlsx'): Uint8Array<ArrayBuffer> =>
  sheetTemplate(
    IMPORT_COLUMNS.map((c) => ({ ...c, text: TEXT_FIELDS.has(c.field) })),
    format,
  );

/**
 * The empty list of `columns` to fill (a survey list, a payment sheet): headers, one example
 * row, and, in the workbook, a second sheet "Petunjuk" explaining each column.
 */
export function sheetTemplate(
  columns: readonly TemplateColumn[],
  format: 'csv' | 'xlsx',
): Uint8Array<ArrayBuffer> {
  const headers = columns.map((c) => c.header);
  const example = columns.map((c) => c.example);
  if (format === 'csv') return new TextEncoder().encode(csvText([headers, example]));
  const bold = (value: string) => ({ value, bold: true });
  return writeXlsx([
    {
      name: 'Data',
      rows: [
        headers.map(bold),
        // Text cells, so that Excel keeps every digit of NIK and KK.
        example.map((value) => ({ value, format: '@' })),
      ],
      widths: columns.map(() => 20),
      // NIK, KK and phone columns as text, for the rows the official types in too: Excel would
      // otherwise store a NIK as a number and lose its last digits, or drop a phone's leading 0.
      columnFormats: columns.map((c) => (c.text ? '@' : undefined)),
    },
    {
      name: 'Petunjuk',
      rows: [
        ['Kolom', 'Wajib', 'Isi'].map(bold),
        ...columns.map((c) => [c.header, c.required ? 'Ya' : 'Tidak', c.explain]),
      ],
      widths: [26, 8, 70],
    },
  ]);
}

/** A template as a download named `name`.csv or `name`.xlsx. */
export const templateFile = (body: Uint8Array<ArrayBuffer>, name: string, format: 'csv' | 'xlsx') => ({
  body,
  headers: {
    'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MEDIA_TYPE,
    'Content-Disposition': `attachment; filename="${name}.${format}"`,
  },
});

/** The survey list's template as a download. */
export const importTemplateFile = (format: 'csv' | 'xlsx') =>
  templateFile(importTemplate(format), 'templat-daftar-calon-gkb', format);
