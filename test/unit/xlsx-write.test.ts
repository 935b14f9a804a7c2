import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS } from '../../shared/imports/columns.js';
import { IMPORT_LIMITS } from '../../shared/imports/read-file.js';
import { importTemplate } from '../../shared/imports/template.js';
import type { ReportTable } from '../../shared/report-formats/table.js';
import { renderXlsx } from '../../shared/report-formats/xlsx.js';
import { readFirstSheet } from '../../shared/xlsx/read.js';
import { writeXlsx } from '../../shared/xlsx/write.js';

/** Our workbook as ExcelJS, an implementation independent of ours, reads it. */
async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}
const sheetOf = (workbook: ExcelJS.Workbook, index = 0) => {
  const sheet = workbook.worksheets[index];
  if (!sheet) throw new Error(`no sheet ${index}`);
  return sheet;
};
/** A sheet's values as rows from A1 (ExcelJS counts rows and columns from 1). */
const valuesOf = (sheet: ExcelJS.Worksheet) =>
  sheet
    .getSheetValues()
    .slice(1)
    .map((r) => (r as unknown[]).slice(1));

describe('writeXlsx', () => {
  it('writes values with their types, formats, bold, wrapping, widths and a frozen first row', async () => {
    const bytes = writeXlsx([
      {
        name: 'Laporan',
        rows: [
          [{ value: 'Kode', bold: true, wrap: true }, { value: 'Jumlah', bold: true }, 'Catatan'],
          ['33.29.01', { value: 1234567, format: '"Rp "#,##0' }, { value: 12, format: '#,##0' }],
          [null, 0.5, { value: '3329014507100001', format: '@' }],
          [
            { value: 'TOTAL', bold: true },
            { value: -7, bold: true, format: '"Rp "#,##0' },
          ],
        ],
        widths: [22, 18, 12],
        frozenRows: 1,
      },
    ]);
    const sheet = sheetOf(await load(bytes));
    expect(sheet.name).toBe('Laporan');
    expect(valuesOf(sheet)).toEqual([
      ['Kode', 'Jumlah', 'Catatan'],
      ['33.29.01', 1234567, 12],
      [undefined, 0.5, '3329014507100001'],
      ['TOTAL', -7],
    ]);
    expect(sheet.getCell('B2').numFmt).toBe('"Rp "#,##0');
    expect(sheet.getCell('C2').numFmt).toBe('#,##0');
    expect(sheet.getCell('C3').numFmt).toBe('@');
    expect(sheet.getCell('B3').numFmt).toBeUndefined();
    expect(sheet.getCell('B4').numFmt).toBe('"Rp "#,##0');
    expect([
      sheet.getCell('A1').font?.bold,
      sheet.getCell('B1').font?.bold,
      sheet.getCell('C1').font?.bold,
    ]).toEqual([true, true, undefined]);
    expect([
      sheet.getCell('A4').font?.bold,
      sheet.getCell('B4').font?.bold,
      sheet.getCell('B2').font?.bold,
    ]).toEqual([true, true, undefined]);
    expect(sheet.getCell('A1').alignment?.wrapText).toBe(true);
    expect(sheet.getCell('B1').alignment?.wrapText).toBeUndefined();
    expect(sheet.columns.map((c) => c.width)).toEqual([22, 18, 12]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
  });

  it('writes XML-special characters as text, and leaves out the characters XML cannot hold', async () => {
    const text = `<b>&amp; "kutip" 'satu' ]]> \r\n\ttab \u0001\u001f\uffff\ud800 Ñ 😀 `;
    const bytes = writeXlsx([{ name: "A&B <C> 'x", rows: [[text]] }]);
    const workbook = await load(bytes);
    expect(sheetOf(workbook).name).toBe("A&B <C> 'x");
    const clean = `<b>&amp; "kutip" 'satu' ]]> \r\n\ttab  Ñ 😀 `;
    expect(sheetOf(workbook).getCell('A1').value).toBe(clean);
    expect(readFirstSheet(bytes, IMPORT_LIMITS)).toEqual([{ line: 1, cells: [clean] }]);
  });

  it('names columns past Z as Excel does', async () => {
    const row = Array.from({ length: 30 }, (_, i) => i);
    const sheet = sheetOf(await load(writeXlsx([{ name: 'S', rows: [row] }])));
    expect([sheet.getCell('Z1').value, sheet.getCell('AA1').value, sheet.getCell('AD1').value]).toEqual([
      25, 26, 29,
    ]);
  });

  it.each(['', 'a'.repeat(32), 'a/b', 'a:b', 'a[1]', 'a*', 'a?', 'a\\b', "'a"])(
    'refuses the sheet name "%s", which Excel would not open',
    (name) => {
      expect(() => writeXlsx([{ name, rows: [] }])).toThrow(Error);
    },
  );

  it('refuses numbers Excel cannot hold', () => {
    expect(() => writeXlsx([{ name: 'S', rows: [[Number.NaN]] }])).toThrow(Error);
    expect(() => writeXlsx([{ name: 'S', rows: [[Number.POSITIVE_INFINITY]] }])).toThrow(Error);
  });
});

describe('the import template', () => {
  it('has a Data sheet with bold headers and a text example row, and a Petunjuk sheet', async () => {
    const workbook = await load(importTemplate('xlsx'));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Data', 'Petunjuk']);
    const data = sheetOf(workbook);
    const header = IMPORT_COLUMNS.map((_, i) => data.getRow(1).getCell(i + 1));
    expect(header.map((c) => c.value)).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    expect(header.every((c) => c.font?.bold)).toBe(true);
    const example = IMPORT_COLUMNS.map((_, i) => data.getRow(2).getCell(i + 1));
    expect(example.map((c) => c.value ?? '')).toEqual(IMPORT_COLUMNS.map((c) => c.example));
    expect(example.map((c) => c.numFmt)).toEqual(IMPORT_COLUMNS.map(() => '@'));
    expect(example[0]?.value).toBe('3329014507100001'); // text: every digit kept
    expect(data.columns.map((c) => c.width)).toEqual(IMPORT_COLUMNS.map(() => 20));
    // The NIK, KK and phone columns are text for the rows typed in later too.
    expect(data.columns.map((c) => c.numFmt ?? null)).toEqual(
      IMPORT_COLUMNS.map((c) => (['nik', 'kk', 'phone'].includes(c.field) ? '@' : null)),
    );
    const help = sheetOf(workbook, 1);
    expect(help.getRow(1).values).toEqual([undefined, 'Kolom', 'Wajib', 'Isi']);
    expect(help.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(help.getRow(2).values).toEqual([undefined, 'NIK', 'Ya', IMPORT_COLUMNS[0]?.explain]);
    expect(help.rowCount).toBe(1 + IMPORT_COLUMNS.length);
    expect(help.columns.map((c) => c.width)).toEqual([26, 8, 70]);
  });
});

describe('a report workbook', () => {
  const table: ReportTable = {
    title: 'Anggaran GKB 2026 per kecamatan dan desa', // longer than Excel allows
    fileName: 'anggaran',
    columns: [
      { header: 'Kecamatan', kind: 'text' },
      { header: 'Jumlah calon', kind: 'count' },
      { header: 'APBDes dicadangkan (Rp)', kind: 'money' },
    ],
    rows: [
      ['Salem', 1200, 150000000],
      ['Bantarkawung', 3, 0],
    ],
    totals: ['TOTAL', 1203, 150000000],
  };

  it('stores numbers as numbers with count and rupiah formats, a bold header and totals row', async () => {
    const sheet = sheetOf(await load(renderXlsx(table)));
    expect(sheet.name).toBe('Anggaran GKB 2026 per kecamatan');
    expect(valuesOf(sheet)).toEqual([
      ['Kecamatan', 'Jumlah calon', 'APBDes dicadangkan (Rp)'],
      ['Salem', 1200, 150000000],
      ['Bantarkawung', 3, 0],
      ['TOTAL', 1203, 150000000],
    ]);
    expect([2, 3, 4].map((r) => [sheet.getCell(`B${r}`).numFmt, sheet.getCell(`C${r}`).numFmt])).toEqual(
      [2, 3, 4].map(() => ['#,##0', '"Rp "#,##0']),
    );
    expect([1, 2, 3, 4].map((r) => sheet.getCell(`A${r}`).font?.bold ?? false)).toEqual([
      true,
      false,
      false,
      true,
    ]);
    expect(sheet.getCell('C4').font?.bold).toBe(true);
    expect(sheet.getCell('B1').alignment?.wrapText).toBe(true);
    expect(sheet.columns.map((c) => c.width)).toEqual([22, 12, 18]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});
