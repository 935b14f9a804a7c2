import { validationFailed } from '../errors.js';
import { readFirstSheet } from '../xlsx/read.js';
import { headerKey, IMPORT_COLUMNS } from './columns.js';
import { parseCsv } from './csv.js';

export const MAX_IMPORT_ROWS = 2000;
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type Cell = string | number | boolean | Date | null;

export interface ImportRow {
  /** The line in the file; the header is line 1. */
  line: number;
  /** Cells by column header (as in IMPORT_COLUMNS). */
  cells: Record<string, Cell>;
}

const fileProblem = (
  key: Parameters<typeof validationFailed>[0][number]['key'],
  params?: Record<string, string | number>,
) => validationFailed([{ field: 'file', key, ...(params ? { params } : {}) }]);

/** XLSX files are ZIP archives: they start with `PK\x03\x04`. */
const isZip = (bytes: Uint8Array) =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * The rows of an uploaded survey list (CSV or XLSX), or one clear 400 saying what to fix:
 * not CSV or XLSX, too large, no header, required columns missing, too many rows.
 */
export async function readImportFile(bytes: Uint8Array, contentType: string): Promise<ImportRow[]> {
  if (bytes.length === 0) throw fileProblem('import.empty');
  if (bytes.length > MAX_IMPORT_BYTES)
    throw fileProblem('import.tooLarge', { max: MAX_IMPORT_BYTES / 1024 / 1024 });
  let table: Cell[][];
  if (isZip(bytes)) {
    try {
      table = readFirstSheet(bytes);
    } catch {
      throw fileProblem('import.type');
    }
  } else {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    let decoded: string;
    try {
      decoded = text.decode(bytes);
    } catch {
      throw fileProblem('import.type');
    }
    // Control characters (other than tab and line ends) mean a binary file, not text.
    const binary = [...decoded.slice(0, 4096)].some((ch) => (ch.codePointAt(0) ?? 32) < 9);
    if (binary || /spreadsheetml|pdf/.test(contentType)) throw fileProblem('import.type');
    table = parseCsv(decoded);
  }
  const [header, ...data] = table;
  const headers = (header ?? []).map((h) => headerKey(String(h ?? '')));
  const known = new Map(IMPORT_COLUMNS.map((c) => [headerKey(c.header), c.header]));
  if (!headers.some((h) => known.has(h))) throw fileProblem('import.noHeader');
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !headers.includes(headerKey(c.header))).map(
    (c) => c.header,
  );
  if (missing.length > 0) throw fileProblem('import.missingColumns', { columns: missing.join(', ') });
  const rows = data
    .map((cells, i) => ({ line: i + 2, cells }))
    .filter(({ cells }) => cells.some((cell) => cell !== null && String(cell).trim() !== ''));
  if (rows.length > MAX_IMPORT_ROWS)
    throw fileProblem('import.tooManyRows', { max: MAX_IMPORT_ROWS, count: rows.length });
  return rows.map(({ line, cells }) => ({
    line,
    cells: Object.fromEntries(
      headers.flatMap((h, i) => {
        const column = known.get(h);
        return column ? [[column, cells[i] ?? null]] : [];
      }),
    ),
  }));
}
