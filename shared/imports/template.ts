import { csvText } from '../report-formats/csv.js';
import { writeXlsx } from '../xlsx/write.js';
import { IMPORT_COLUMNS } from './columns.js';
import { XLSX_MEDIA_TYPE } from './read-file.js';

const TEXT_FIELDS = new Set(['nik', 'kk', 'phone']);

/** The empty list to fill: headers, one example row, and (XLSX) a sheet explaining each column. */
export function importTemplate(format: 'csv' | 'xlsx'): Uint8Array<ArrayBuffer> {
  const headers = IMPORT_COLUMNS.map((c) => c.header);
  const example = IMPORT_COLUMNS.map((c) => c.example);
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
      widths: IMPORT_COLUMNS.map(() => 20),
      // NIK, KK and phone columns as text, for the rows the official types in too: Excel would
      // otherwise store a NIK as a number and lose its last digits, or drop a phone's leading 0.
      columnFormats: IMPORT_COLUMNS.map((c) => (TEXT_FIELDS.has(c.field) ? '@' : undefined)),
    },
    {
      name: 'Petunjuk',
      rows: [
        ['Kolom', 'Wajib', 'Isi'].map(bold),
        ...IMPORT_COLUMNS.map((c) => [c.header, c.required ? 'Ya' : 'Tidak', c.explain]),
      ],
      widths: [26, 8, 70],
    },
  ]);
}

/** The template as a download. */
export function importTemplateFile(format: 'csv' | 'xlsx') {
  return {
    body: importTemplate(format),
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MEDIA_TYPE,
      'Content-Disposition': `attachment; filename="templat-daftar-calon-gkb.${format}"`,
    },
  };
}
