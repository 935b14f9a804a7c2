import { columnName } from './cell-ref.js';

/**
 * The budgets of reading a table (the first sheet of a workbook, or a CSV file), decided by the
 * caller before reading, the error that says which one a file went past, and the rows gathered
 * within them. Readers stop as soon as a budget is spent, so the work and memory of reading any
 * file stay bounded.
 */

export interface SheetLimits {
  /** Bytes unpacked from the archive, all parts together (XLSX only). */
  maxUnpackedBytes: number;
  /** Rows with a value, the header included. */
  maxRows: number;
  /** The rightmost column (from 1) that may hold a value. */
  maxColumns: number;
  /** Characters in one cell. */
  maxCellLength: number;
  /** Entries in the shared-string table (XLSX only). */
  maxSharedStrings: number;
}

export type TableLimits = Pick<SheetLimits, 'maxRows' | 'maxColumns' | 'maxCellLength'>;

/** What went past a budget. Lines and columns count from 1; `cell` is a reference such as `BM5`. */
export type SheetLimitProblem =
  | { kind: 'unpacked'; max: number }
  | { kind: 'rows'; max: number }
  | { kind: 'column'; cell: string; line: number; column: number; max: number }
  | { kind: 'cellLength'; line: number; column: number; max: number }
  | { kind: 'sharedStrings'; max: number };

/** A file went past a budget. The message names the budget, never what cells hold. */
export class SheetLimitError extends Error {
  constructor(readonly problem: SheetLimitProblem) {
    super(`sheet: past the ${problem.kind} limit`);
  }
}

/** A row with a value: its line (the sheet's row number, or the CSV line it starts on) and cells. */
export interface SheetRow<Cell> {
  line: number;
  cells: Cell[];
}

/** A text longer than a cell may be, of which only that matters. */
export const TOO_LONG = Symbol('too long');

/**
 * Rows gathered within the limits, cell by cell, for both readers alike: a cell past the last
 * column is skipped while blank (Excel pads rows and styles empty cells far right) and refused
 * with a value; a text past the cell length is refused; a row without a value is left out; the
 * first row past the last is refused as soon as it has a value, before the rest is read. Missing
 * cells of a row are `empty`.
 */
export function tableRows<Cell>(limits: TableLimits, empty: Cell) {
  const rows: SheetRow<Cell>[] = [];
  let cells: Cell[] = [];
  let hasValue = false;
  return {
    rows,
    cell(line: number, column: number, value: Cell | typeof TOO_LONG): void {
      const tooLong =
        value === TOO_LONG || (typeof value === 'string' && value.length > limits.maxCellLength);
      const blank = value === empty || (typeof value === 'string' && value.trim() === '');
      if (column > limits.maxColumns) {
        if (!tooLong && blank) return;
        const cell = `${columnName(column - 1)}${line}`;
        throw new SheetLimitError({ kind: 'column', cell, line, column, max: limits.maxColumns });
      }
      if (value === TOO_LONG || tooLong)
        throw new SheetLimitError({ kind: 'cellLength', line, column, max: limits.maxCellLength });
      cells[column - 1] = value;
      if (!blank && !hasValue) {
        hasValue = true;
        if (rows.length >= limits.maxRows) throw new SheetLimitError({ kind: 'rows', max: limits.maxRows });
      }
    },
    endRow(line: number): void {
      if (hasValue) rows.push({ line, cells: Array.from(cells, (cell) => cell ?? empty) });
      cells = [];
      hasValue = false;
    },
  };
}
