import { IMPORT_COLUMNS } from './columns.js';
import { XLSX_MEDIA_TYPE } from './read-file.js';

/** The empty list to fill: headers, one example row, and (XLSX) a sheet explaining each column. */
export async function importTemplate(format: 'csv' | 'xlsx'): Promise<Uint8Array<ArrayBuffer>> {
  const headers = IMPORT_COLUMNS.map((c) => c.header);
  const example = IMPORT_COLUMNS.map((c) => c.example);
  if (format === 'csv') {
    const line = (cells: string[]) =>
      cells.map((c) => (/[;"\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(';');
    return new TextEncoder().encode(`\uFEFF${line(headers)}\r\n${line(example)}\r\n`);
  }
  // Loaded on the first workbook asked for, not when the function starts (cold starts).
  const { default: writeExcelFile } = await import('write-excel-file/node');
  const data = [
    headers.map((value) => ({ value, type: String, fontWeight: 'bold' as const })),
    // Text cells, so that Excel keeps every digit of NIK and KK.
    example.map((value) => ({ value, type: String, format: '@' })),
  ];
  const help = [
    ['Kolom', 'Wajib', 'Isi'].map((value) => ({ value, type: String, fontWeight: 'bold' as const })),
    ...IMPORT_COLUMNS.map((c) => [
      { value: c.header, type: String },
      { value: c.required ? 'Ya' : 'Tidak', type: String },
      { value: c.explain, type: String },
    ]),
  ];
  const buffer = await writeExcelFile([
    { data, sheet: 'Data', columns: IMPORT_COLUMNS.map(() => ({ width: 20 })) },
    { data: help, sheet: 'Petunjuk', columns: [{ width: 26 }, { width: 8 }, { width: 70 }] },
  ]).toBuffer();
  return new Uint8Array(buffer);
}

/** The template as a download. */
export async function importTemplateFile(format: 'csv' | 'xlsx') {
  return {
    body: await importTemplate(format),
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MEDIA_TYPE,
      'Content-Disposition': `attachment; filename="templat-daftar-calon-gkb.${format}"`,
    },
  };
}
