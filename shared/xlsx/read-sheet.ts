import { columnName, columnOf, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, wholeNumber } from './cell-ref.js';
import { fromSerial } from './dates.js';
import { type ItemText, type ItemValue, itemText, textCollector } from './item-text.js';
import { type SheetLimits, type SheetRow, TOO_LONG, tableRows } from './limits.js';
import type { XmlReader } from './xml.js';

export type ReadCell = string | number | boolean | Date | null;

/** What the cells of a sheet need from the rest of the workbook. */
export interface SheetContext {
  strings: ItemValue[];
  /** Whether each cell style (`s`) shows numbers as dates. */
  dateStyles: boolean[];
  date1904: boolean;
  limits: SheetLimits;
}

/**
 * The rows with a value of a worksheet part, each with its row number as `line`; empty cells are
 * `null`. Numbers in a date format are `Date`s (UTC); formulas give their last result; error
 * cells (`#N/A`…) are `null`. Row numbers are only compared, never used to size anything, so
 * rows 1 and 1,048,576 make two rows. Throws a SheetLimitError past a limit, an Error if damaged;
 * errors name cells, never what they hold.
 */
export function readSheetRows(
  xml: XmlReader,
  { strings, dateStyles, date1904, limits }: SheetContext,
): SheetRow<ReadCell>[] {
  const table = tableRows<ReadCell>(limits, null);
  let inData = false;
  /** Whether a row is being read, and its number. */
  let inRow = false;
  let line = 0;
  /** Whether a cell is being read: its column, type, style, and the text of its `<v>` or `<is>`. */
  let cellOpen = false;
  let column = 0;
  let type = 'n';
  let style: string | undefined;
  let v: ReturnType<typeof textCollector> | undefined;
  let vDepth = 0;
  let item: ItemText | undefined;

  const ref = () => `${columnName(column - 1)}${line}`;
  const damaged = (what: string) => new Error(`xlsx: ${what} in ${ref()}`);

  /** The cell's value from its type (`t`) and text. */
  const value = (): ReadCell | typeof TOO_LONG => {
    const raw = v?.value(type === 'str');
    if (raw === TOO_LONG) return TOO_LONG;
    switch (type) {
      case 's': {
        const text = raw === undefined ? null : strings[wholeNumber(raw.trim(), 10) ?? -1];
        if (text === undefined) throw damaged('no such shared string');
        return text;
      }
      case 'inlineStr':
        return item ? item.value() : '';
      case 'str': // a formula's text result
      case 'e': // an error, such as #N/A
        return type === 'e' || raw === undefined ? null : raw;
      case 'b':
        if (raw === undefined) return null;
        if (raw !== '1' && raw !== 'true' && raw !== '0' && raw !== 'false') throw damaged('bad boolean');
        return raw === '1' || raw === 'true';
      case 'd': {
        if (!raw) return null;
        // An ISO 8601 date, read as UTC unless it names its offset; longer than 40 characters it is none.
        const zoned = /Z|[+-]\d\d:\d\d$/.test(raw) || !raw.includes('T');
        const date = raw.length > 40 ? undefined : new Date(zoned ? raw : `${raw}Z`);
        if (!date || Number.isNaN(date.getTime())) throw damaged('bad date');
        return date;
      }
      case 'n': {
        if (raw === undefined || raw.trim() === '') return null;
        const number = Number(raw);
        if (!Number.isFinite(number)) throw damaged('bad number');
        return dateStyles[Number(style ?? 0)] ? fromSerial(number, date1904) : number;
      }
      default:
        throw damaged('unknown cell type');
    }
  };

  for (let event = xml.next(); event !== 'eof'; event = xml.next()) {
    const depth = xml.depth;
    if (event === 'start') {
      if (depth === 2 && xml.is('sheetData')) {
        inData = true;
      } else if (inData && depth === 3 && xml.is('row')) {
        const r = xml.attr('r');
        const next = r === undefined ? line + 1 : wholeNumber(r, 7);
        if (next === undefined || next <= line || next > EXCEL_MAX_ROWS)
          throw new Error(`xlsx: bad row number after row ${line}`);
        line = next;
        inRow = true;
        column = 0;
      } else if (inRow && depth === 4 && xml.is('c')) {
        const r = xml.attr('r');
        const next = r === undefined ? column + 1 : columnOf(r);
        if (next === undefined || next <= column || next > EXCEL_MAX_COLUMNS)
          throw new Error(`xlsx: bad cell reference in row ${line}`);
        column = next;
        cellOpen = true;
        type = xml.attr('t') ?? 'n';
        style = xml.attr('s');
        v = item = undefined;
      } else if (cellOpen && depth === 5 && xml.is('v') && !v) {
        v = textCollector(limits.maxCellLength);
        vDepth = depth;
      } else if (cellOpen && depth === 5 && xml.is('is') && !item) {
        item = itemText(depth, limits.maxCellLength);
      } else {
        item?.event(xml, event);
      }
    } else if (event === 'text' && depth === vDepth) {
      v?.add(xml);
    } else if (event === 'text') {
      item?.event(xml, event);
    } else if (depth === 2) {
      inData = false;
    } else if (inRow && depth === 3) {
      table.endRow(line);
      inRow = false;
    } else if (cellOpen && depth === 4) {
      table.cell(line, column, value());
      cellOpen = false;
    } else if (depth === vDepth) {
      vDepth = 0;
    } else {
      item?.event(xml, event);
    }
  }
  return table.rows;
}
