import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DomainError, type FieldProblem } from '../../shared/errors.js';
import { IMPORT_COLUMNS } from '../../shared/imports/columns.js';
import { parseCsv, UnclosedQuoteError } from '../../shared/imports/csv.js';
import {
  IMPORT_LIMITS,
  MAX_CELL_LENGTH,
  MAX_IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  readImportFile,
  XLSX_MEDIA_TYPE,
} from '../../shared/imports/read-file.js';
import { SheetLimitError, type SheetLimits, type SheetRow } from '../../shared/xlsx/limits.js';
import { readFirstSheet } from '../../shared/xlsx/read.js';
import { writeXlsx } from '../../shared/xlsx/write.js';
import { escapeXml } from '../../shared/xlsx/xml.js';
import { readZip, writeZip } from '../../shared/xlsx/zip.js';

/**
 * Whatever bytes an upload holds, reading them ends in one of two ways: a table within the limits,
 * or the clean error (a SheetLimitError, an UnclosedQuoteError, a plain Error for a damaged file;
 * through readImportFile one 400 on the field `file`). Never another exception, never a crash.
 * Inputs: random bytes, random CSV-like text, and real workbooks (ours and ExcelJS's) with their
 * XML parts or their ZIP bytes mutated. fast-check prints the seed of a failing run.
 */

const HEADERS = IMPORT_COLUMNS.map((c) => c.header);
const RUNS = 300;
const CONTENT_TYPES = ['text/csv', XLSX_MEDIA_TYPE, 'application/octet-stream'];

/**
 * What is wrong with a table, or undefined if it is within the limits: rows in order, each with a
 * value, none too wide or too long. One check per table, not one `expect` per cell: thousands of
 * cells times hundreds of runs would be most of the time.
 */
function beyondLimits<Cell>(
  rows: SheetRow<Cell>[],
  limits: Pick<SheetLimits, 'maxRows' | 'maxColumns' | 'maxCellLength'>,
  withValue = true,
): string | undefined {
  if (rows.length > limits.maxRows) return `${rows.length} rows`;
  let line = 0;
  for (const row of rows) {
    if (row.line <= line) return `line ${row.line} after ${line}`;
    line = row.line;
    if (row.cells.length > limits.maxColumns) return `${row.cells.length} cells on line ${line}`;
    if (withValue && !row.cells.some((c) => c !== null && (typeof c !== 'string' || c.trim() !== '')))
      return `empty line ${line}`;
    for (const cell of row.cells)
      if (typeof cell === 'string' && cell.length > limits.maxCellLength)
        return `${cell.length} characters on line ${line}`;
  }
  return undefined;
}

const expectWithin = <Cell>(
  rows: SheetRow<Cell>[],
  limits: Pick<SheetLimits, 'maxRows' | 'maxColumns' | 'maxCellLength'>,
) => expect(beyondLimits(rows, limits)).toBeUndefined();

/**
 * An error a reader may throw: a limit, an unclosed quote, or an Error for a damaged file (a
 * RangeError where an offset or size in the file points past its end). A TypeError or another
 * kind would be a bug, and is thrown on.
 */
function expectClean(error: unknown) {
  const clean =
    error instanceof SheetLimitError ||
    error instanceof UnclosedQuoteError ||
    (error instanceof Error && (error.constructor === Error || error.constructor === RangeError));
  if (!clean) throw error;
}

function sheetOutcome(bytes: Uint8Array, limits: SheetLimits = IMPORT_LIMITS) {
  try {
    expectWithin(readFirstSheet(bytes, limits), limits);
  } catch (error) {
    expectClean(error);
  }
}

function csvOutcome(
  text: string,
  limits: Pick<SheetLimits, 'maxRows' | 'maxColumns' | 'maxCellLength'> = IMPORT_LIMITS,
) {
  try {
    expectWithin(parseCsv(text, limits), limits);
  } catch (error) {
    if (!(error instanceof SheetLimitError || error instanceof UnclosedQuoteError)) throw error;
  }
}

/** readImportFile: rows within the limits by the known columns, or one 400 on `file`. */
async function importOutcome(bytes: Uint8Array, contentType: string) {
  try {
    const rows = await readImportFile(bytes, contentType, IMPORT_COLUMNS);
    expect(rows.length).toBeLessThanOrEqual(MAX_IMPORT_ROWS);
    const table = rows.map((row) => ({ line: row.line, cells: Object.values(row.cells) }));
    // A row's value may lie in a column not read, so emptiness is not checked here.
    const limits = { maxRows: MAX_IMPORT_ROWS, maxColumns: HEADERS.length, maxCellLength: MAX_CELL_LENGTH };
    expect(beyondLimits(table, limits, false)).toBeUndefined();
    expect(rows.flatMap((row) => Object.keys(row.cells)).filter((h) => !HEADERS.includes(h))).toEqual([]);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toHaveLength(1);
    expect(error.details[0]?.field).toBe('file');
    expect(error.details[0]?.key).toMatch(/^import\./);
  }
}

/** Small limits, so that random inputs reach every one of them. */
const smallLimits = fc.record({
  maxUnpackedBytes: fc.integer({ min: 500, max: 20_000 }),
  maxRows: fc.integer({ min: 1, max: 4 }),
  maxColumns: fc.integer({ min: 1, max: 5 }),
  maxCellLength: fc.integer({ min: 0, max: 12 }),
  maxSharedStrings: fc.integer({ min: 0, max: 6 }),
});

describe('random bytes', () => {
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 2048 }),
    // Past the ZIP signature, into the XLSX reader.
    fc.uint8Array({ maxLength: 2048 }).map((b) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...b])),
  );

  it('are read or refused cleanly by readImportFile and readFirstSheet', async () => {
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom(...CONTENT_TYPES), async (b, type) => {
        sheetOutcome(b);
        await importOutcome(b, type);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('CSV-like text', () => {
  const piece = fc.oneof(
    fc.constantFrom('"', '""', ',', ';', '\n', '\r', '\r\n', '\uFEFF', ' ', '\t', 'a', 'Ñ', '😀', '0'),
    fc.constantFrom(...HEADERS),
    fc.string({ maxLength: 8 }),
    fc.integer({ min: 0, max: 1100 }).map((n) => 'x'.repeat(n)),
  );
  const csv = fc.array(piece, { maxLength: 120 }).map((pieces) => pieces.join(''));
  /** Text that starts with a real header line, so that readImportFile reads on past it. */
  const withHeader = fc
    .tuple(fc.constantFrom(',', ';'), fc.boolean(), csv)
    .map(([sep, bom, rest]) => `${bom ? '\uFEFF' : ''}${HEADERS.join(sep)}\r\n${rest}`);
  const manyRows = fc
    .tuple(
      fc.integer({ min: 1990, max: 2010 }),
      fc.integer({ min: 1, max: 70 }),
      fc.constantFrom('\n', '\r\n', '\r'),
    )
    .map(([rows, columns, end]) =>
      [HEADERS.join(','), ...Array.from({ length: rows }, () => Array(columns).fill('1').join(','))].join(
        end,
      ),
    );

  it('is parsed within the limits, or refused with a limit or the line of an unclosed quote', () => {
    fc.assert(
      fc.property(fc.oneof(csv, withHeader, manyRows), (text) => csvOutcome(text)),
      { numRuns: RUNS },
    );
  });

  it('is parsed within small limits too', () => {
    fc.assert(
      fc.property(csv, smallLimits, (text, limits) => csvOutcome(text, limits)),
      { numRuns: RUNS },
    );
  });

  it('is read or refused with one 400 by readImportFile', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(csv, withHeader, manyRows), fc.constantFrom(...CONTENT_TYPES), (text, type) =>
        importOutcome(new TextEncoder().encode(text), type),
      ),
      { numRuns: RUNS },
    );
  });

  it('keeps quoted separators, quotes and line breaks, and gives each row the line it starts on', () => {
    const rows = parseCsv('\uFEFFNIK;Nama\r\n"1;2";"a ""b""\nc"\r\n\r\n;\n3;x\r4;y', IMPORT_LIMITS);
    expect(rows).toEqual([
      { line: 1, cells: ['NIK', 'Nama'] },
      { line: 2, cells: ['1;2', 'a "b"\nc'] },
      { line: 6, cells: ['3', 'x'] },
      { line: 7, cells: ['4', 'y'] },
    ]);
  });

  it('refuses a quote never closed, naming the line it opened on, instead of dropping the rows after it', async () => {
    const text = `${HEADERS.join(',')}\n"3329014507100001,3329010101100001,Siti\n${'1,2,3\n'.repeat(50)}`;
    expect(() => parseCsv(text, IMPORT_LIMITS)).toThrow(UnclosedQuoteError);
    expect(await problemOf(text)).toEqual({
      field: 'file',
      key: 'import.unclosedQuote',
      params: { line: 2 },
    });
    // The quote opened on line 3, and the cell it swallows grows past 1,000 characters.
    const long = `${HEADERS.join(',')}\n1,2\n"${'abc,def\n'.repeat(400)}`;
    expect(await problemOf(long)).toEqual({
      field: 'file',
      key: 'import.unclosedQuote',
      params: { line: 3 },
    });
  });

  it('refuses cells past column 64 and cells past 1,000 characters, naming where they are', async () => {
    const wide = `${HEADERS.join(',')}\n1${','.repeat(100)}\n2${','.repeat(64)}x\n`;
    expect(await problemOf(wide)).toEqual({
      field: 'file',
      key: 'import.columnTooFar',
      params: { cell: 'BM3', last: 'BL' },
    });
    const long = `${HEADERS.join(',')}\n1,2\n3,4,${'y'.repeat(1001)}\n`;
    expect(await problemOf(long)).toEqual({
      field: 'file',
      key: 'import.cellTooLong',
      params: { line: 3, column: 3, max: 1000 },
    });
    const rows = parseCsv(`a${','.repeat(200)}\nb,${'z'.repeat(1000)}`, IMPORT_LIMITS);
    expect(rows.map((r) => r.cells.length)).toEqual([MAX_IMPORT_COLUMNS, 2]);
  });
});

/** The one problem of the 400 readImportFile answers for a CSV text. */
async function problemOf(text: string): Promise<FieldProblem | undefined> {
  const error = await readImportFile(new TextEncoder().encode(text), 'text/csv', IMPORT_COLUMNS).then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof DomainError && error.details.length === 1 ? error.details[0] : undefined;
}

/** Pieces of XML to insert: the tags a sheet is made of, broken ones, and what a hostile file holds. */
const TAGS = [
  '<row>',
  '</row>',
  '<row/>',
  '<row r="1048576">',
  '<row r="0">',
  '<c r="XFD1"><v>1</v></c>',
  '<c r="BM2" t="inlineStr"><is><t>x</t></is></c>',
  '<c r="XFD9" s="1"/>',
  '<c t="s"><v>0</v></c>',
  '<c t="s"><v>99999</v></c>',
  '<x:c r="A9">',
  '</c>',
  '<v>',
  '</v>',
  '<v>1</v>',
  '<si><t>',
  '</t></si>',
  '<si><t>s</t></si>',
  '<r><t>run</t></r>',
  '<rPh><t>ふ</t></rPh>',
  '<c t="b"><v>2</v></c>',
  '<c t="d"><v>2010-07-05</v></c>',
  '<c t="d"><v>nope</v></c>',
  '<c s="1"><v>40364</v></c>',
  '<c s="9999"><v>1e308</v></c>',
  '<c t="n"><v>1e999</v></c>',
  '<c t="e"><v>#N/A</v></c>',
  `<c t="str"><v>${'w'.repeat(1200)}</v></c>`,
  `<t>${'y'.repeat(1200)}</t>`,
  '<sheetData>',
  '</sheetData>',
  '<!DOCTYPE x [<!ENTITY a "b">]>',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '<?pi x?>',
  '&#0;',
  '&#x110000;',
  '&#x1F600;',
  '&amp;',
  '&bogus;',
  '&valueOf;',
  '_x0041_',
  '\uFEFF',
  '<',
  '>',
  '"',
  "'",
  ' a="1"',
  ' r="A1"',
  ' t="inlineStr"',
  '<numFmt numFmtId="200" formatCode="[[[[[[[[yy"/>',
  '<xf numFmtId="200"/>',
  '<Relationship Id="s1" Type="x/worksheet" Target="../../../x.xml"/>',
];

type Part = { name: string; data: Uint8Array };

const unzip = (bytes: Uint8Array): Part[] =>
  [...readZip(bytes, { maxTotalBytes: 1 << 24 }).entries].map(([name, read]) => ({ name, data: read() }));

interface Mutation {
  part: number;
  op: 'insert' | 'delete' | 'repeat' | 'tag';
  at: number;
  from: number;
  length: number;
  times: number;
  tag: string;
  /** Whether positions move to the next `<`: changes between tags, which keep more files readable. */
  boundary: boolean;
}

/** One change to one part: insert a slice of it or a tag, delete a slice, or repeat one. */
const mutation: fc.Arbitrary<Mutation> = fc.record({
  part: fc.nat(),
  op: fc.constantFrom('insert', 'delete', 'repeat', 'tag'),
  at: fc.nat(),
  from: fc.nat(),
  length: fc.integer({ min: 0, max: 400 }),
  times: fc.integer({ min: 1, max: 60 }),
  tag: fc.constantFrom(...TAGS),
  boundary: fc.boolean(),
});

function mutate(parts: Part[], changes: Mutation[]): Part[] {
  const out = parts.map((p) => ({ name: p.name, data: p.data }));
  for (const change of changes) {
    const part = out[change.part % out.length];
    if (!part) continue;
    const data = part.data;
    const snap = (i: number) => {
      const lt = data.indexOf(0x3c, i);
      return change.boundary ? (lt < 0 ? data.length : lt) : i;
    };
    const at = snap(change.at % (data.length + 1));
    const from = snap(change.from % (data.length + 1));
    const slice = data.subarray(from, snap(Math.min(data.length, from + change.length)));
    const insert = (piece: Uint8Array) =>
      Uint8Array.from([...data.subarray(0, at), ...piece, ...data.subarray(at)]);
    if (change.op === 'insert') part.data = insert(slice);
    else if (change.op === 'tag') part.data = insert(new TextEncoder().encode(change.tag));
    else if (change.op === 'delete')
      part.data = Uint8Array.from([
        ...data.subarray(0, at),
        ...data.subarray(snap(Math.min(data.length, at + change.length))),
      ]);
    else part.data = insert(Uint8Array.from(Array.from({ length: change.times }, () => [...slice]).flat()));
  }
  return out;
}

interface ByteMutation {
  at: number;
  op: 'flip' | 'cut' | 'insert';
  junk: Uint8Array;
}

/** Random changes to the bytes of an archive itself: flipped bytes, cuts, inserted junk. */
const byteMutation: fc.Arbitrary<ByteMutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('flip', 'cut', 'insert'),
  junk: fc.uint8Array({ minLength: 1, maxLength: 16 }),
});

function mutateBytes(bytes: Uint8Array, changes: ByteMutation[]): Uint8Array {
  let out = bytes.slice();
  for (const { at, op, junk } of changes) {
    const i = at % (out.length + 1);
    if (op === 'flip' && i < out.length) out[i] = (out[i] ?? 0) ^ (junk[0] ?? 1);
    else if (op === 'cut') out = out.slice(0, i);
    else out = Uint8Array.from([...out.subarray(0, i), ...junk, ...out.subarray(i)]);
  }
  return out;
}

/** Column `n` (from 1) by name: A, B, …, Z, AA, … */
function columnLetters(n: number): string {
  let name = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return name;
}

/**
 * A well-formed workbook of random rows and cells: references or none, far columns and rows,
 * every cell type, shared strings used or not, texts long and short. Where mutated XML is mostly
 * refused as damaged, these reach the limits and the cell values.
 */
const wellFormed = (() => {
  const text = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('', ' ', '_x0041_', 'a & b', '<b>', '😀', 'ﾀﾞ'),
    fc.integer({ min: 990, max: 1010 }).map((n) => 'z'.repeat(n)),
  );
  const cell = fc.record({
    column: fc.option(
      fc.oneof({ arbitrary: fc.integer({ min: 1, max: 70 }), weight: 9 }, fc.constantFrom(100, 16_384)),
      { nil: undefined },
    ),
    type: fc.constantFrom(undefined, 'n', 's', 'inlineStr', 'str', 'b', 'e', 'd'),
    // Mostly a value that suits the type; now and then one that does not.
    value: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 9 },
      fc.oneof(text, fc.constantFrom('0', '1', '40364', '-1.5', 'true', '2010-07-05', '1e400', 'ya')),
    ),
    number: fc.oneof(
      fc.integer({ min: -100_000, max: 3_000_000 }),
      fc.double({ min: -1e6, max: 3e6, noNaN: true }),
    ),
    index: fc.nat(),
    text,
    style: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    hasValue: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, fc.constant(false)),
  });
  const row = fc.record({
    step: fc.option(
      fc.oneof({ arbitrary: fc.integer({ min: 1, max: 3 }), weight: 9 }, fc.constantFrom(500_000, 1_048_575)),
      { nil: undefined },
    ),
    cells: fc.array(cell, { maxLength: 8 }),
  });
  return fc.record({
    rows: fc.array(row, { maxLength: 12 }),
    strings: fc.array(text, { maxLength: 8 }),
    date1904: fc.boolean(),
  });
})();

type WellFormed = typeof wellFormed extends fc.Arbitrary<infer T> ? T : never;

function wellFormedWorkbook({ rows, strings, date1904 }: WellFormed): Uint8Array {
  let r = 0;
  const sheetData = rows
    .map((row) => {
      r += row.step ?? 1;
      let c = 0;
      const cells = row.cells
        .map((cell) => {
          c = cell.column !== undefined && cell.column > c ? cell.column : c + 1;
          const ref = cell.column === undefined ? '' : ` r="${columnLetters(c)}${r}"`;
          const type = cell.type === undefined ? '' : ` t="${cell.type}"`;
          const style = cell.style === undefined ? '' : ` s="${cell.style}"`;
          const suited: Record<string, string> = {
            s: String(cell.index % Math.max(strings.length, 1)),
            b: String(cell.index % 2),
            e: '#N/A',
            d: '2010-07-05T10:00:00',
            inlineStr: cell.text,
            str: cell.text,
          };
          const raw = cell.value ?? suited[cell.type ?? 'n'] ?? String(cell.number);
          const value =
            cell.type === 'inlineStr' ? `<is><t>${escapeXml(raw)}</t></is>` : `<v>${escapeXml(raw)}</v>`;
          return `<c${ref}${type}${style}>${cell.hasValue ? value : ''}</c>`;
        })
        .join('');
      return `<row${row.step === undefined ? '' : ` r="${r}"`}>${cells}</row>`;
    })
    .join('');
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const parts: Record<string, string> = {
    '_rels/.rels': `<Relationships><Relationship Id="a" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<workbook xmlns="${main}" xmlns:r="${rel}"><workbookPr date1904="${Number(date1904)}"/><sheets><sheet name="S" sheetId="1" r:id="s"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships><Relationship Id="s" Type="${rel}/worksheet" Target="sheet.xml"/><Relationship Id="t" Type="${rel}/sharedStrings" Target="strings.xml"/><Relationship Id="y" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
    'xl/strings.xml': `<sst xmlns="${main}">${strings.map((t) => `<si><t>${escapeXml(t)}</t></si>`).join('')}</sst>`,
    'xl/styles.xml': `<styleSheet xmlns="${main}"><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="49"/></cellXfs></styleSheet>`,
    'xl/sheet.xml': `<worksheet xmlns="${main}"><sheetData>${sheetData}</sheetData></worksheet>`,
  };
  return writeZip(
    Object.entries(parts).map(([name, xml]) => ({ name, data: new TextEncoder().encode(xml) })),
  );
}

describe('well-formed random workbooks', () => {
  it('are read within the limits, or refused with the limit passed or as damaged', async () => {
    await fc.assert(
      fc.asyncProperty(wellFormed, async (book) => {
        const bytes = wellFormedWorkbook(book);
        sheetOutcome(bytes);
        await importOutcome(bytes, XLSX_MEDIA_TYPE);
      }),
      { numRuns: RUNS },
    );
  });

  it('are read within small limits too', () => {
    fc.assert(
      fc.property(wellFormed, smallLimits, (book, limits) => sheetOutcome(wellFormedWorkbook(book), limits)),
      { numRuns: RUNS },
    );
  });
});

describe('mutated workbooks', () => {
  const workbooks: { name: string; parts: Part[]; bytes: Uint8Array }[] = [];

  beforeAll(async () => {
    const ours = writeXlsx([
      {
        name: 'Daftar',
        rows: [
          HEADERS,
          HEADERS.map((h, i) => (i === 3 ? 40364 : `${h} 1`)),
          [null, 'a & <b>', { value: 12.5, format: 'dd/mm/yyyy' }, { value: 'teks', bold: true }],
        ],
        columnFormats: ['@', '@'],
      },
      { name: 'Lain', rows: [['tidak dibaca']] },
    ]);
    const excel = new ExcelJS.Workbook();
    const sheet = excel.addWorksheet('Daftar');
    sheet.addRow(HEADERS);
    sheet.addRow([
      3329014507100001,
      { richText: [{ text: 'Siti ', font: { bold: true } }, { text: 'Aminah' }] },
      new Date(Date.UTC(2010, 6, 5)),
      true,
      { formula: 'LEN(B2)', result: 11 },
      { formula: 'LEFT(B2,4)', result: 'Siti' },
      { error: '#N/A' },
      'akhir',
    ]);
    sheet.getCell('C2').numFmt = 'dd/mm/yyyy';
    sheet.getRow(5).values = ['3329014507100001', 'Ñoño 😀', 12.5];
    excel.addWorksheet('Lain').addRow(['tidak dibaca']);
    const theirs = new Uint8Array(await excel.xlsx.writeBuffer());
    for (const [name, bytes] of [
      ['writeXlsx', ours],
      ['ExcelJS', theirs],
    ] as const) {
      // Both read as they are: the mutations start from real workbooks.
      expect(readFirstSheet(bytes, IMPORT_LIMITS).length).toBeGreaterThan(1);
      workbooks.push({ name, parts: unzip(bytes), bytes });
    }
  });

  const book = fc.constantFrom(0, 1);

  it('with their XML parts changed are read or refused cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(book, fc.array(mutation, { minLength: 1, maxLength: 8 }), async (i, changes) => {
        const parts = workbooks[i]?.parts ?? [];
        const bytes = writeZip(mutate(parts, changes));
        sheetOutcome(bytes);
        await importOutcome(bytes, XLSX_MEDIA_TYPE);
      }),
      { numRuns: RUNS },
    );
  });

  it('with their XML parts changed are read within small limits too', () => {
    fc.assert(
      fc.property(book, fc.array(mutation, { maxLength: 4 }), smallLimits, (i, changes, limits) => {
        sheetOutcome(writeZip(mutate(workbooks[i]?.parts ?? [], changes)), limits);
      }),
      { numRuns: RUNS },
    );
  });

  it('with their ZIP bytes changed are read or refused cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(book, fc.array(byteMutation, { minLength: 1, maxLength: 6 }), async (i, changes) => {
        const bytes = mutateBytes(workbooks[i]?.bytes ?? new Uint8Array(), changes);
        sheetOutcome(bytes);
        await importOutcome(bytes, XLSX_MEDIA_TYPE);
      }),
      { numRuns: RUNS },
    );
  });
});
