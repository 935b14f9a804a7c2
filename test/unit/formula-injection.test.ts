import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvText, renderCsv } from '../../shared/report-formats/csv.js';
import { renderXlsx } from '../../shared/report-formats/xlsx.js';
import { neutraliseFormula } from '../../shared/xlsx/formula-injection.js';
import { writeXlsx } from '../../shared/xlsx/write.js';

/** Nothing the system writes into a spreadsheet or CSV can start a formula. */
const HOSTILE = ['=HYPERLINK("http://x.example","klik")', '+62812', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];

describe('neutraliseFormula', () => {
  it.each(HOSTILE)('puts an apostrophe before %j', (text) =>
    expect(neutraliseFormula(text)).toBe(`'${text}`),
  );

  it.each(['Siti Aminah', 'Rp 1.500.000', '', ' =leading space', "O'Brien", 'a=b'])(
    'leaves %j alone',
    (text) => expect(neutraliseFormula(text)).toBe(text),
  );
});

describe('CSV', () => {
  it('neutralises text cells and leaves numbers (negative ones too) as numbers', () => {
    const text = csvText([
      ['Nama', 'Catatan', 'Jumlah'],
      ['=1+1', '@cmd', -5],
    ]);
    expect(text).toBe("\uFEFFNama;Catatan;Jumlah\r\n'=1+1;'@cmd;-5\r\n");
    const report = renderCsv({
      title: 't',
      fileName: 'f',
      columns: [{ header: '-Kolom', kind: 'text' }],
      rows: [['+Baris']],
      totals: ['=TOTAL'],
    });
    expect(report).toBe("\uFEFF'-Kolom\r\n'+Baris\r\n'=TOTAL\r\n");
  });
});

describe('XLSX', () => {
  it('writes hostile text as text that opens as text, numbers as numbers', async () => {
    const bytes = writeXlsx([{ name: 'Data', rows: [[...HOSTILE, -5, { value: '=A1', bold: true }]] }]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer);
    const row = workbook.worksheets[0]?.getRow(1);
    const values = ((row?.values ?? []) as unknown[]).slice(1);
    expect(values).toEqual([...HOSTILE.map((t) => `'${t}`), -5, "'=A1"]);
    for (let i = 1; i <= values.length; i++) expect(row?.getCell(i).formula).toBeUndefined();
  });

  it('neutralises the cells of a report workbook too', async () => {
    const bytes = renderXlsx({
      title: 'Laporan',
      fileName: 'laporan',
      columns: [
        { header: 'Nama', kind: 'text' },
        { header: 'Jumlah', kind: 'money' },
      ],
      rows: [['=cmd|calc', 1500000]],
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer);
    expect(workbook.worksheets[0]?.getRow(2).values).toEqual([undefined, "'=cmd|calc", 1500000]);
  });
});
