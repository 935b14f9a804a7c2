import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS } from '../../shared/imports/read-file.js';
import { fromSerial, isDateFormat } from '../../shared/xlsx/dates.js';
import { readFirstSheet } from '../../shared/xlsx/read.js';
import { writeZip } from '../../shared/xlsx/zip.js';

const read = (bytes: Uint8Array) => readFirstSheet(bytes, IMPORT_LIMITS);

/** A workbook made by ExcelJS, an implementation independent of ours. */
async function excel(fill: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const utc = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

/** The survey list as a village official's Excel might hold it, and a sheet after it. */
const listWorkbook = (workbook: ExcelJS.Workbook) => {
  const sheet = workbook.addWorksheet('Daftar');
  sheet.addRow([
    'NIK',
    'Nama',
    'Lahir',
    'Lahir (HH/BB/TTTT)',
    'Disabilitas',
    'Rumus',
    'Rumus teks',
    'Galat',
    'Catatan',
  ]);
  sheet.addRow([
    3329014507100001, // typed into a General column: Excel keeps a number
    { richText: [{ text: 'Siti ', font: { bold: true } }, { text: 'Aminah' }] },
    utc(2010, 7, 5), // ExcelJS gives dates the built-in format 14 (m/d/yy)
    utc(2010, 7, 5),
    true,
    { formula: 'LEN(B2)', result: 11 },
    { formula: 'LEFT(B2,4)', result: 'Siti' },
    { error: '#N/A' },
    'akhir',
  ]);
  sheet.getCell('D2').numFmt = 'dd/mm/yyyy';
  sheet.getCell('C3').value = 'hanya C'; // A3, B3 empty
  sheet.getCell('E3').value = false;
  // Row 4 left empty.
  sheet.getRow(5).values = ['3329014507100001', '<a & "b"> \'c\'', 12.5, 2500000, 'Ñoño 😀'];
  sheet.getCell('C5').numFmt = '0.00';
  sheet.getCell('D5').numFmt = '"Rp "#,##0';
  workbook.addWorksheet('Lain').addRow(['this sheet is not read']);
};
/** Row 4 is empty, so it is left out; the others keep their row numbers. */
const LIST = [
  {
    line: 1,
    cells: [
      'NIK',
      'Nama',
      'Lahir',
      'Lahir (HH/BB/TTTT)',
      'Disabilitas',
      'Rumus',
      'Rumus teks',
      'Galat',
      'Catatan',
    ],
  },
  {
    line: 2,
    cells: [
      3329014507100001,
      'Siti Aminah',
      utc(2010, 7, 5),
      utc(2010, 7, 5),
      true,
      11,
      'Siti',
      null,
      'akhir',
    ],
  },
  { line: 3, cells: [null, null, 'hanya C', null, false] },
  { line: 5, cells: ['3329014507100001', '<a & "b"> \'c\'', 12.5, 2500000, 'Ñoño 😀'] },
];

describe('readFirstSheet on workbooks ExcelJS wrote', () => {
  it('reads shared strings, rich text, numbers, dates, booleans, formula results, gaps and errors', async () => {
    expect(read(await excel(listWorkbook))).toEqual(LIST);
  });

  it('keeps a NIK that Excel stored as a number a number, so that the import can warn about it', async () => {
    const [, { cells: [nik] = [] } = { cells: [] }] = read(await excel(listWorkbook));
    expect(typeof nik).toBe('number');
  });

  it('reads dates of a workbook in the 1904 date system', async () => {
    const bytes = await excel((workbook) => {
      workbook.properties.date1904 = true;
      workbook.addWorksheet('Mac').addRow([utc(2010, 7, 5), utc(1904, 1, 1, 12)]);
    });
    expect(read(bytes)).toEqual([{ line: 1, cells: [utc(2010, 7, 5), utc(1904, 1, 1, 12)] }]);
  });

  it('reads an empty first sheet as no rows, whatever the next sheet holds', async () => {
    const bytes = await excel((workbook) => {
      workbook.addWorksheet('Kosong');
      workbook.addWorksheet('Isi').addRow(['NIK']);
    });
    expect(read(bytes)).toEqual([]);
  });

  it('reads the first sheet in tab order, not the first file in the archive', async () => {
    const bytes = await excel((workbook) => {
      workbook.addWorksheet('Kedua').addRow(['second']);
      workbook.addWorksheet('Pertama').addRow(['first']);
      // ExcelJS lists sheets in workbook.xml by orderNo (untyped), files by creation.
      const [a, b] = workbook.worksheets as unknown as { orderNo: number }[];
      if (a && b) [a.orderNo, b.orderNo] = [1, 0];
    });
    expect(read(bytes)).toEqual([{ line: 1, cells: ['first'] }]);
  });
});

/** A workbook from hand-written parts, for what ExcelJS never writes. */
function handMade(sheet: string, extra: Record<string, string> = {}): Uint8Array {
  const mainNs = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const main = `xmlns="${mainNs}"`;
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const parts: Record<string, string> = {
    '_rels/.rels': `<Relationships><Relationship Id="a" Type="${rel}/officeDocument" Target="/book/Main.xml"/></Relationships>`,
    'book/Main.xml': `<x:workbook xmlns:x="${mainNs}" xmlns:rel="${rel}"><x:sheets><x:sheet name="S" sheetId="1" rel:id="s1"/></x:sheets></x:workbook>`,
    'book/_rels/Main.xml.rels': `<Relationships><Relationship Id="s1" Type="${rel}/worksheet" Target="../sheets/one.xml"/><Relationship Id="t" Type="${rel}/sharedStrings" Target="strings.xml"/><Relationship Id="y" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
    'book/strings.xml': `<sst ${main}><si><t>_x005F_x0041_ and _x0009_tab</t></si><si><r><t>漢字</t></r><rPh sb="0" eb="2"><t>かんじ</t></rPh></si></sst>`,
    'book/styles.xml': `<styleSheet ${main}><numFmts count="4"><numFmt numFmtId="170" formatCode="0 &quot;days&quot;"/><numFmt numFmtId="171" formatCode="[$-421]d\\ mmmm\\ yyyy;@"/><numFmt numFmtId="172" formatCode="[Red]#,##0"/><numFmt numFmtId="173" formatCode="yyyy-mm-dd"/></numFmts><cellStyleXfs count="1"><xf numFmtId="173"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="170"/><xf numFmtId="171"><alignment wrapText="1"/></xf><xf numFmtId="172"/><xf numFmtId="22"/></cellXfs></styleSheet>`,
    'sheets/one.xml': `<worksheet ${main}><!-- <c r="A1"><v>0</v></c> --><sheetData>${sheet}</sheetData></worksheet>`,
    ...extra,
  };
  return writeZip(
    Object.entries(parts).map(([name, xml]) => ({ name, data: new TextEncoder().encode(xml) })),
  );
}

describe('readFirstSheet on what other programs write', () => {
  it('follows relationships, prefixes, escapes, phonetic runs, entities and rows without references', () => {
    const bytes = handMade(
      '<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="inlineStr"><is><t>&#x41;&#66;&amp;&lt;</t></is></c>' +
        '<c t="inlineStr"><is><r><rPr><b/></rPr><t>Si</t></r><r><t xml:space="preserve">ti </t></r></is></c></row>' +
        '<row r="3"><c r="B3" s="1"><v>5</v></c><c s="2"><v>40364</v></c><c s="3"><v>-7</v></c><c s="4"><v>40364.75</v></c></row>' +
        '<row r="4"><c r="A4" t="d"><v>2010-07-05T10:00:00</v></c><c r="B4"><f>A1</f></c><c r="C4" t="b"><v>0</v></c></row>' +
        '<row r="9"/>',
    );
    expect(read(bytes)).toEqual([
      { line: 1, cells: ['_x0041_ and \ttab', '漢字', 'AB&<', 'Siti '] },
      { line: 3, cells: [null, 5, utc(2010, 7, 5), -7, utc(2010, 7, 5, 18)] },
      { line: 4, cells: [utc(2010, 7, 5, 10), null, false] },
    ]);
  });

  it.each([
    ['a shared string that is not there', '<row><c r="A1" t="s"><v>7</v></c></row>'],
    ['a number that is not one', '<row><c r="A1"><v>1,5</v></c></row>'],
    ['a boolean that is not one', '<row><c r="A1" t="b"><v>ya</v></c></row>'],
    ['an unknown cell type', '<row><c r="A1" t="x"><v>1</v></c></row>'],
    ['rows out of order', '<row r="2"><c r="A2"><v>1</v></c></row><row r="1"/>'],
    ['cells out of order', '<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>1</v></c></row>'],
    ['a cell past column XFD', '<row r="1"><c r="XFE1"><v>1</v></c></row>'],
    ['a bad cell reference', '<row r="1"><c r="1A"><v>1</v></c></row>'],
    ['an unknown entity', '<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>'],
  ])('throws on %s', (_, sheet) => {
    expect(() => read(handMade(sheet))).toThrow(Error);
  });

  it('throws on a ZIP that is no workbook, and on a workbook without its sheet', () => {
    const zip = writeZip([{ name: 'word/document.xml', data: new TextEncoder().encode('<w:document/>') }]);
    expect(() => read(zip)).toThrow(Error);
    expect(() => read(handMade('', { 'sheets/one.xml': '' }).slice(0, 10))).toThrow(Error);
    const noSheet = handMade('', { 'book/_rels/Main.xml.rels': '<Relationships/>' });
    expect(() => read(noSheet)).toThrow(Error);
  });
});

describe('dates', () => {
  it.each<[string, boolean]>([
    ['dd/mm/yyyy', true],
    ['[$-421]d\\ mmmm\\ yyyy;@', true],
    ['m/d/yy h:mm', true],
    ['yyyy"年"m"月"d"日"', true],
    ['General', false],
    ['#,##0', false],
    ['"Rp "#,##0', false],
    ['0 "days"', false],
    ['[Red]#,##0;[Blue]-#,##0', false],
    ['#,##0 _m', false],
    ['@', false],
    ['0.00E+00', false],
    // Text or brackets never closed are read as if plain (as the regular expression before did).
    ['"abc', false],
    ['[Red', true],
    ['"d"yy"', true],
    ['[[[[0', false],
  ])('%s shows a date: %s', (code, date) => {
    expect(isDateFormat(164, code)).toBe(date);
  });

  it('knows the built-in date formats by id alone', () => {
    const ids = Array.from({ length: 50 }, (_, i) => i).filter((id) => isDateFormat(id, undefined));
    expect(ids).toEqual([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);
  });

  it.each<[number, boolean, Date]>([
    [1, false, utc(1900, 1, 1)],
    [59, false, utc(1900, 2, 28)],
    [61, false, utc(1900, 3, 1)], // day 60 is the 29 February 1900 that never was
    [40364, false, utc(2010, 7, 5)],
    [40364.5, false, utc(2010, 7, 5, 12)],
    [0, true, utc(1904, 1, 1)],
    [38902, true, utc(2010, 7, 5)],
  ])('serial %s (1904 system: %s) is %s', (serial, date1904, date) => {
    expect(fromSerial(serial, date1904)).toEqual(date);
  });
});
