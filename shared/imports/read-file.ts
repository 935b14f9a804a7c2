import { validationFailed } from '../errors.js';
import { addMessages } from '../i18n.js';
import { columnName } from '../xlsx/cell-ref.js';
import { SheetLimitError, type SheetLimitProblem, type SheetLimits, type SheetRow } from '../xlsx/limits.js';
import { type ReadCell, readFirstSheet } from '../xlsx/read.js';
import { parseCsv, UnclosedQuoteError } from './csv.js';
import { importFileMessages } from './file-messages.js';

// The messages this module gives join the catalogue (shared/imports/file-messages.ts).
addMessages(importFileMessages);

/** Headers match ignoring case and spaces ("nama  lengkap", "NamaLengkap"). */
export const headerKey = (header: string) => header.toLowerCase().replace(/[\s_]+/g, '');

/*
 * The budgets of reading an uploaded file, decided before reading it: a reader stops at the first
 * one passed, so a small hostile file cannot make a function (512 MB, 29 s) run out of memory or
 * time, and every honest list fits with room to spare.
 */

/** Data rows (the header not counted): checking and committing 2,000 rows fits one request's 29 s. */
export const MAX_IMPORT_ROWS = 2000;
/** The uploaded file: a full list of 2,000 rows is a few hundred KB, as CSV or as XLSX. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
/**
 * Bytes unpacked from an XLSX file, all its parts together: ExcelJS writes a full list (2,000 rows
 * of 15 columns) as 2.5 MB of XML, Excel somewhat more. A ZIP bomb of a few hundred KB would
 * unpack to gigabytes; 12 MB, and what is built from it, stays far below the function's memory.
 */
export const MAX_UNPACKED_BYTES = 12 * 1024 * 1024;
/**
 * The rightmost column read (BL): the template has 15, leaving room for columns officials add
 * (notes, numbering). A row is never built wider, whatever column a cell names (up to XFD).
 */
export const MAX_IMPORT_COLUMNS = 64;
/** Characters in one cell: the longest field the API takes (a reason note) has at most 500. */
export const MAX_CELL_LENGTH = 1000;
/**
 * Entries in an XLSX file's shared-string table: 2,000 rows of 64 different texts are 128,000,
 * plus the headers and the text of other sheets, which share the table.
 */
export const MAX_SHARED_STRINGS = 150_000;

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The budgets above as the readers take them; the header is a row too. */
export const IMPORT_LIMITS: SheetLimits = {
  maxUnpackedBytes: MAX_UNPACKED_BYTES,
  maxRows: MAX_IMPORT_ROWS + 1,
  maxColumns: MAX_IMPORT_COLUMNS,
  maxCellLength: MAX_CELL_LENGTH,
  maxSharedStrings: MAX_SHARED_STRINGS,
};

export type Cell = ReadCell;

export interface ImportRow {
  /** The line in the file (the sheet's row number); the header is line 1 when the list starts there. */
  line: number;
  /** Cells by column header (as in the column list). */
  cells: Record<string, Cell>;
}

/**
 * A column of a list to import: the survey list's (IMPORT_COLUMNS) or another list's (a
 * payment sheet's). A required column with an `alternative` may be left out when that other
 * column is there (a payment sheet names the candidate by `ID Calon` or by `NIK`).
 */
export interface FileColumn {
  header: string;
  required: boolean;
  alternative?: string;
}

type FileProblemKey = Parameters<typeof validationFailed>[0][number]['key'];

const fileProblem = (key: FileProblemKey, params?: Record<string, string | number>) =>
  validationFailed([{ field: 'file', key, ...(params ? { params } : {}) }]);

/** The one 400 for a file past a budget: what is wrong, in lines, columns and cells, never contents. */
function limitProblem(problem: SheetLimitProblem) {
  switch (problem.kind) {
    case 'unpacked':
      return fileProblem('import.unpackedTooLarge', { max: problem.max / 1024 / 1024 });
    case 'rows':
      return fileProblem('import.tooManyRows', { max: MAX_IMPORT_ROWS });
    case 'column':
      return fileProblem('import.columnTooFar', { cell: problem.cell, last: columnName(problem.max - 1) });
    case 'cellLength':
      return fileProblem('import.cellTooLong', {
        line: problem.line,
        column: problem.column,
        max: problem.max,
      });
    case 'sharedStrings':
      return fileProblem('import.tooManyStrings', { max: problem.max });
  }
}

/** XLSX files are ZIP archives: they start with `PK\x03\x04`. */
const isZip = (bytes: Uint8Array) =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** The rows of a CSV or XLSX file, or the 400 for a file that is neither, damaged, or past a budget. */
function readTable(bytes: Uint8Array, contentType: string): SheetRow<Cell>[] {
  if (isZip(bytes)) {
    try {
      return readFirstSheet(bytes, IMPORT_LIMITS);
    } catch (error) {
      if (error instanceof SheetLimitError) throw limitProblem(error.problem);
      // Anything else the reader refuses: damaged, encrypted, or an archive that is no workbook.
      throw fileProblem('import.damaged');
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw fileProblem('import.type');
  }
  // NUL and the control characters before tab never occur in a text list: a binary file.
  const binary = [...text.slice(0, 4096)].some((ch) => (ch.codePointAt(0) ?? 32) < 9);
  if (binary || /spreadsheetml|pdf/.test(contentType)) throw fileProblem('import.type');
  try {
    return parseCsv(text, IMPORT_LIMITS);
  } catch (error) {
    if (error instanceof SheetLimitError) throw limitProblem(error.problem);
    if (error instanceof UnclosedQuoteError) throw fileProblem('import.unclosedQuote', { line: error.line });
    throw error;
  }
}

/**
 * The rows of an uploaded list (CSV or XLSX) with the columns given, or one clear 400 saying
 * what to fix: not CSV or XLSX, too large, damaged, past a budget, no header, required columns
 * missing, too many rows. The header is the first row with a value; empty rows are left out.
 */
export async function readImportFile(
  bytes: Uint8Array,
  contentType: string,
  columns: readonly FileColumn[],
): Promise<ImportRow[]> {
  if (bytes.length === 0) throw fileProblem('import.empty');
  if (bytes.length > MAX_IMPORT_BYTES)
    throw fileProblem('import.tooLarge', { max: MAX_IMPORT_BYTES / 1024 / 1024 });
  const [header, ...data] = readTable(bytes, contentType);
  const headers = (header?.cells ?? []).map((h) => headerKey(String(h ?? '')));
  const known = new Map(columns.map((c) => [headerKey(c.header), c.header]));
  if (!headers.some((h) => known.has(h)))
    throw fileProblem('import.noHeader', {
      columns: columns
        .slice(0, 3)
        .map((c) => c.header)
        .join(', '),
    });
  const has = (header: string | undefined) => header !== undefined && headers.includes(headerKey(header));
  const missing = columns
    .filter((c) => c.required && !has(c.header) && !has(c.alternative))
    .map((c) => (c.alternative ? `${c.header} / ${c.alternative}` : c.header));
  if (missing.length > 0) throw fileProblem('import.missingColumns', { columns: missing.join(', ') });
  // No count of rows here: the readers stopped at the first row past MAX_IMPORT_ROWS.
  return data.map(({ line, cells }) => ({
    line,
    cells: Object.fromEntries(
      headers.flatMap((h, i) => {
        const column = known.get(h);
        return column ? [[column, cells[i] ?? null]] : [];
      }),
    ),
  }));
}
