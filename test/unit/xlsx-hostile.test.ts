import { describe, expect, it } from 'vitest';
import { DomainError, type FieldProblem } from '../../shared/errors.js';
import { IMPORT_COLUMNS } from '../../shared/imports/columns.js';
import {
  IMPORT_LIMITS,
  MAX_IMPORT_COLUMNS,
  MAX_SHARED_STRINGS,
  MAX_UNPACKED_BYTES,
  readImportFile,
  XLSX_MEDIA_TYPE,
} from '../../shared/imports/read-file.js';
import { SheetLimitError, type SheetLimitProblem } from '../../shared/xlsx/limits.js';
import { readFirstSheet } from '../../shared/xlsx/read.js';
import { readZip, UnpackBudgetError, writeZip } from '../../shared/xlsx/zip.js';

/**
 * Small files built to take the reader down (ZIP bombs, cells far right, tags without end,
 * entities), each made here, and what must happen instead: a typed error at a budget, a plain
 * Error for a damaged file, and through readImportFile one 400 on the field `file`. What is
 * asserted is the outcome and the bytes unpacked, never how long it took.
 */

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const encode = (text: string) => new TextEncoder().encode(text);

/**
 * A workbook whose first sheet holds `sheetData` (the inside of `<sheetData>`), or is `sheet` whole,
 * with shared strings and styles if given.
 */
function workbook(sheetData: string, strings?: string, sheet?: string, styles?: string): Uint8Array {
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`;
  const parts: Record<string, string> = {
    '_rels/.rels': `<Relationships>${rel('a', 'officeDocument', 'xl/workbook.xml')}</Relationships>`,
    'xl/workbook.xml': `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Daftar" sheetId="1" r:id="s1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships>${rel('s1', 'worksheet', 'worksheets/sheet1.xml')}${strings === undefined ? '' : rel('t', 'sharedStrings', 'sharedStrings.xml')}${styles === undefined ? '' : rel('y', 'styles', 'styles.xml')}</Relationships>`,
    'xl/worksheets/sheet1.xml':
      sheet ?? `<worksheet xmlns="${MAIN}"><sheetData>${sheetData}</sheetData></worksheet>`,
    ...(strings === undefined ? {} : { 'xl/sharedStrings.xml': `<sst xmlns="${MAIN}">${strings}</sst>` }),
    ...(styles === undefined
      ? {}
      : { 'xl/styles.xml': `<styleSheet xmlns="${MAIN}">${styles}</styleSheet>` }),
  };
  return writeZip(Object.entries(parts).map(([name, xml]) => ({ name, data: encode(xml) })));
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
/** Row `r` with text cells from column A. */
const textRow = (r: number, texts: string[]) =>
  `<row r="${r}">${texts.map((t, i) => inline(`${String.fromCharCode(65 + i)}${r}`, t)).join('')}</row>`;
const HEADER = textRow(1, ['NIK', 'No KK', 'Nama Lengkap']);

const read = (bytes: Uint8Array) => readFirstSheet(bytes, IMPORT_LIMITS);

/** The problem of the SheetLimitError `read` throws. */
function limitOf(run: () => unknown): SheetLimitProblem {
  try {
    run();
  } catch (error) {
    if (error instanceof SheetLimitError) return error.problem;
    throw error;
  }
  throw new Error('no SheetLimitError');
}

/** A plain Error for a damaged file: not a limit, not a crash of another kind. */
function damaged(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(SheetLimitError);
    expect(error).not.toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
  throw new Error('no Error');
}

/** The one problem of the 400 readImportFile answers, on the field `file`. */
async function refusal(bytes: Uint8Array, contentType = XLSX_MEDIA_TYPE): Promise<FieldProblem> {
  const error = await readImportFile(bytes, contentType, IMPORT_COLUMNS).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  const { code, details } = error as DomainError;
  expect(code).toBe('VALIDATION_FAILED');
  expect(details).toHaveLength(1);
  expect(details[0]?.field).toBe('file');
  return details[0] as FieldProblem;
}

/** Every entry of an archive read as the reader may, until the budget stops it: the bytes unpacked. */
function unpackAll(bytes: Uint8Array, maxTotalBytes: number): { unpacked: number; error: unknown } {
  const zip = readZip(bytes, { maxTotalBytes });
  try {
    for (const read of zip.entries.values()) read();
  } catch (error) {
    return { unpacked: zip.unpackedBytes, error };
  }
  return { unpacked: zip.unpackedBytes, error: undefined };
}

describe('ZIP bombs: a budget for all parts together', () => {
  // 63 MB of sheet and 63 MB of shared strings, in about 250 KB.
  const rows = '<row><c t="s"><v>0</v></c></row>';
  const bomb = workbook(
    rows.repeat(Math.ceil(63_000_000 / rows.length)),
    `<si><t>${'a'.repeat(63_000_000)}</t></si>`,
  );

  it('refuses a workbook whose parts unpack to 63 MB each, unpacking no more than the budget', async () => {
    expect(bomb.length).toBeLessThan(400_000);
    expect(limitOf(() => read(bomb))).toEqual({ kind: 'unpacked', max: MAX_UNPACKED_BYTES });
    const { unpacked, error } = unpackAll(bomb, MAX_UNPACKED_BYTES);
    expect(error).toBeInstanceOf(UnpackBudgetError);
    expect(unpacked).toBeLessThanOrEqual(MAX_UNPACKED_BYTES);
    expect(await refusal(bomb)).toEqual({
      field: 'file',
      key: 'import.unpackedTooLarge',
      params: { max: 12 },
    });
  });

  it('counts every part read: two parts under the budget each but over it together', () => {
    const eight = 8 * 1024 * 1024;
    const bytes = workbook(
      `${HEADER}${`<row><c t="s"><v>0</v></c></row>`.repeat(eight / 32)}`,
      `<si><t>x</t></si>${'<si><t>y</t></si>'.repeat(eight / 17)}`,
    );
    expect(limitOf(() => read(bytes))).toEqual({ kind: 'unpacked', max: MAX_UNPACKED_BYTES });
    expect(unpackAll(bytes, MAX_UNPACKED_BYTES).unpacked).toBeLessThanOrEqual(MAX_UNPACKED_BYTES);
  });
});

describe('cells far right', () => {
  it('refuses 6,000 rows each with a cell in column XFD, naming the first, without building wide rows', async () => {
    const bytes = workbook(
      Array.from({ length: 6000 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>1</v></c></row>`).join(
        '',
      ),
    );
    expect(bytes.length).toBeLessThan(40_000);
    expect(limitOf(() => read(bytes))).toEqual({
      kind: 'column',
      cell: 'XFD1',
      line: 1,
      column: 16_384,
      max: MAX_IMPORT_COLUMNS,
    });
    expect(await refusal(bytes)).toEqual({
      field: 'file',
      key: 'import.columnTooFar',
      params: { cell: 'XFD1', last: 'BL' },
    });
  });

  it('names the first cell past column 64, BM, with its row', async () => {
    const bytes = workbook(`${HEADER}<row r="5"><c r="A5"><v>1</v></c><c r="BM5"><v>2</v></c></row>`);
    expect(limitOf(() => read(bytes))).toMatchObject({ kind: 'column', cell: 'BM5', line: 5, column: 65 });
    const row64 = workbook(`${HEADER}<row r="5"><c r="BL5"><v>2</v></c></row>`);
    expect(read(row64)[1]?.cells).toHaveLength(64);
  });

  it('skips empty styled cells far right, as Excel writes them, and never makes rows wider than 64 cells', () => {
    const styled = Array.from({ length: 2000 }, (_, i) => `<c r="${cellName(100 + i * 7)}2" s="1"/>`).join(
      '',
    );
    const bytes = workbook(
      `${HEADER}<row r="2"><c r="A2"><v>7</v></c>${styled}<c r="XFD2" t="inlineStr"><is><t> </t></is></c></row>`,
    );
    expect(read(bytes)).toEqual([
      { line: 1, cells: ['NIK', 'No KK', 'Nama Lengkap'] },
      { line: 2, cells: [7] },
    ]);
  });
});

/** The name of column `n` (from 1). */
function cellName(n: number): string {
  let name = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return name;
}

describe('tags that never end, and other damaged XML', () => {
  it.each<[string, string]>([
    ['a cell tag never closed: <c and 300,000 letters', `<row><c${'a'.repeat(300_000)}/></row>`],
    ['<row  repeated 60,000 times', '<row '.repeat(60_000)],
    [
      'a tag with 100,000 attributes',
      `<row ${Array.from({ length: 100_000 }, (_, i) => `a${i}="1"`).join(' ')}/>`,
    ],
    ['an attribute name of 1,000 letters', `<row ${'a'.repeat(1000)}="1"/>`],
    ['an attribute value never closed', `<row r="1${'1'.repeat(100_000)}/>`],
    ['100,000 nested unknown elements', `${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}`],
    ['an element closed by another name', '<row><c><v>1</v></x></row>'],
    ['an element left open', '<row><c><v>1</v></c>'],
    ['a comment left open', '<row><!-- <c><v>1</v></c></row>'],
    ['a CDATA section left open', '<row><c t="str"><v><![CDATA[abc</v></c></row>'],
    ['an unknown entity', '<row><c t="inlineStr"><is><t>&nbsp;</t></is></c></row>'],
    ['a name of Object.prototype as entity', '<row><c t="inlineStr"><is><t>&valueOf;</t></is></c></row>'],
    [
      'a reference without its semicolon',
      `<row><c t="inlineStr"><is><t>&amp${'x'.repeat(100)}</t></is></c></row>`,
    ],
    ['a character reference beyond U+10FFFF', '<row><c t="inlineStr"><is><t>&#x110000;</t></is></c></row>'],
    ['a character reference to NUL', '<row><c t="inlineStr"><is><t>&#0;</t></is></c></row>'],
    ['a character reference to a lone surrogate', '<row><c t="inlineStr"><is><t>&#xD800;</t></is></c></row>'],
    ['a character reference with a letter', '<row><c t="inlineStr"><is><t>&#12a;</t></is></c></row>'],
    ['a hexadecimal reference without digits', '<row><c t="inlineStr"><is><t>&#x;</t></is></c></row>'],
    [
      'a character reference with 20 digits',
      `<row><c t="inlineStr"><is><t>&#${'9'.repeat(20)};</t></is></c></row>`,
    ],
    ['a cell reference beyond XFD', '<row r="1"><c r="XFE1"><v>1</v></c></row>'],
    ['a row number beyond 1,048,576', '<row r="1048577"><c><v>1</v></c></row>'],
    ['a row number of 100,000 digits', `<row r="${'9'.repeat(100_000)}"><c><v>1</v></c></row>`],
  ])('refuses %s as a damaged file', async (_, sheetData) => {
    const bytes = workbook(sheetData);
    damaged(() => read(bytes));
    expect(await refusal(bytes)).toEqual({ field: 'file', key: 'import.damaged' });
  });

  it('refuses a DOCTYPE, whose entities could expand without end', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${'b'.repeat(i + 1)} "${`&${i === 0 ? 'a' : 'b'.repeat(i)};`.repeat(10)}">`).join('')}]><worksheet xmlns="${MAIN}"><sheetData><row><c t="inlineStr"><is><t>&bbbbbbbbb;</t></is></c></row></sheetData></worksheet>`;
    const bytes = workbook('', undefined, laughs);
    expect(damaged(() => read(bytes))).toContain('DOCTYPE');
    expect(await refusal(bytes)).toEqual({ field: 'file', key: 'import.damaged' });
  });

  it('reads what a well-formed part may hold: prefixes, comments, CDATA, references, processing instructions', () => {
    const sheet = `<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by hand --><x:worksheet xmlns:x="${MAIN}"><x:sheetData><?pi data?><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a<!-- c --><![CDATA[<b>&amp;]]>&#x1F600;&#65;&apos;&quot;</x:t></x:is></x:c><x:c r='B1' t='str'><x:f>A1</x:f><x:v>x&#13;&#10;y\r\nz</x:v></x:c><unknown><deep><deeper/></deep></unknown></x:row></x:sheetData></x:worksheet>`;
    expect(read(workbook('', undefined, sheet))).toEqual([
      { line: 1, cells: ['a<b>&amp;😀A\'"', 'x\r\ny\r\nz'] },
    ]);
  });
});

describe('rows', () => {
  it('reads rows 1 and 1,048,576 as two rows, allocating nothing for the rows between', () => {
    const bytes = workbook(`${HEADER}<row r="1048576"><c r="A1048576"><v>1</v></c></row>`);
    expect(read(bytes)).toEqual([
      { line: 1, cells: ['NIK', 'No KK', 'Nama Lengkap'] },
      { line: 1_048_576, cells: [1] },
    ]);
  });

  it('leaves out 10,000 rows without a value', async () => {
    const empty = `${'<row/>'.repeat(5000)}<row r="6000" spans="1:3"><c r="A6000" s="1"/></row>`;
    const more = Array.from({ length: 5000 }, (_, i) => `<row r="${7000 + i}"/>`).join('');
    const bytes = workbook(empty + more);
    expect(read(bytes)).toEqual([]);
    expect(await refusal(bytes)).toEqual({
      field: 'file',
      key: 'import.noHeader',
      params: { columns: 'NIK, No KK, Nama Lengkap' },
    });
  });

  it('reads 2,000 data rows, and stops at the first row with a value past them', async () => {
    const data = (n: number) =>
      Array.from({ length: n }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>${i}</v></c></row>`).join(
        '',
      );
    const full = read(workbook(HEADER + data(2000)));
    expect(full).toHaveLength(2001);
    expect(full.at(-1)?.line).toBe(2001);
    // Damaged after row 2,002: the reader stopped before, so it is the rows that are refused.
    const over = workbook(`${HEADER}${data(2001)}<row r="2003"><c><v>1</v></c></row><row r="1"/>`);
    expect(limitOf(() => read(over))).toEqual({ kind: 'rows', max: 2001 });
    expect(await refusal(over)).toEqual({ field: 'file', key: 'import.tooManyRows', params: { max: 2000 } });
    // Empty rows in between are no rows.
    expect(read(workbook(`${HEADER}${data(2000)}<row r="5000"/>`))).toHaveLength(2001);
  });
});

describe('cell length and shared strings', () => {
  it('reads 1,000 characters, however escaped, and refuses 1,001, naming line and column', async () => {
    const ok = read(
      workbook(
        `${textRow(1, ['a'.repeat(1000), '_x0041_'.repeat(1000), '&amp;'.repeat(1000)])}<row r="2"><c t="str"><v>${'b'.repeat(1000)}</v></c></row>`,
      ),
    );
    expect(ok.map((r) => r.cells.map((c) => String(c).length))).toEqual([[1000, 1000, 1000], [1000]]);
    const long = workbook(
      `${HEADER}<row r="7"><c r="C7" t="inlineStr"><is><r><t>${'x'.repeat(600)}</t></r><r><t>${'y'.repeat(401)}</t></r></is></c></row>`,
    );
    expect(limitOf(() => read(long))).toEqual({ kind: 'cellLength', line: 7, column: 3, max: 1000 });
    expect(await refusal(long)).toEqual({
      field: 'file',
      key: 'import.cellTooLong',
      params: { line: 7, column: 3, max: 1000 },
    });
    const value = workbook(`${HEADER}<row r="2"><c r="B2"><v>${'1'.repeat(8000)}</v></c></row>`);
    expect(limitOf(() => read(value))).toEqual({ kind: 'cellLength', line: 2, column: 2, max: 1000 });
  });

  it('refuses a shared string of 100,000 characters that a cell uses, and ignores it when none does', () => {
    const strings = `<si><t>NIK</t></si><si><t>${'x'.repeat(100_000)}</t></si>`;
    const used = workbook(
      '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="4"><c r="B4" t="s"><v>1</v></c></row>',
      strings,
    );
    expect(limitOf(() => read(used))).toEqual({ kind: 'cellLength', line: 4, column: 2, max: 1000 });
    const unused = workbook('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', strings);
    expect(read(unused)).toEqual([{ line: 1, cells: ['NIK'] }]);
  });

  it('refuses a shared-string table of 200,000 entries', async () => {
    const bytes = workbook('<row><c t="s"><v>0</v></c></row>', '<si><t>x</t></si>'.repeat(200_000));
    expect(limitOf(() => read(bytes))).toEqual({ kind: 'sharedStrings', max: MAX_SHARED_STRINGS });
    expect(await refusal(bytes)).toEqual({
      field: 'file',
      key: 'import.tooManyStrings',
      params: { max: MAX_SHARED_STRINGS },
    });
  });
});

describe('styles', () => {
  it('tests each number format once, however long and however many styles use it', () => {
    // 60,000 brackets never closed, used by 100,000 styles: a search per bracket and style would
    // be 10^14 steps; the reader makes about 60,000.
    const styles = `<numFmts><numFmt numFmtId="200" formatCode="${'['.repeat(60_000)}"/><numFmt numFmtId="201" formatCode="[Red]&quot;d&quot;\\d"/></numFmts><cellXfs>${'<xf numFmtId="200"/>'.repeat(100_000)}<xf numFmtId="201"/><xf numFmtId="14"/></cellXfs>`;
    const bytes = workbook(
      '<row><c s="0"><v>1</v></c><c s="100000"><v>2</v></c><c s="100001"><v>40364</v></c></row>',
      undefined,
      undefined,
      styles,
    );
    expect(read(bytes)).toEqual([{ line: 1, cells: [1, 2, new Date(Date.UTC(2010, 6, 5))] }]);
  });
});
