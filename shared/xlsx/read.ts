import { isDateFormat } from './dates.js';
import { type ItemText, type ItemValue, itemText } from './item-text.js';
import { SheetLimitError, type SheetLimits, type SheetRow } from './limits.js';
import { type ReadCell, readSheetRows } from './read-sheet.js';
import { type XmlReader, xmlReader } from './xml.js';
import { readZip, UnpackBudgetError } from './zip.js';

export type { ReadCell } from './read-sheet.js';

/** A relationship target as a part name, from the part whose relationships name it. */
function resolve(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const path = from.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '..') path.pop();
    else if (segment !== '.') path.push(segment);
  }
  return path.join('/');
}

/** Calls `visit` at every start tag of a part, in order, and reads the part to its end. */
function eachStart(xml: XmlReader, visit: (xml: XmlReader) => void): void {
  for (let event = xml.next(); event !== 'eof'; event = xml.next()) if (event === 'start') visit(xml);
}

/**
 * The targets of the relationships a part's `.rels` part holds: the first of each type asked for
 * (the last segment of its Type URI), and the one with the id asked for. Only these are kept, so
 * a part with many relationships costs no memory.
 */
function relationships(
  part: (name: string) => XmlReader | undefined,
  from: string,
  types: string[],
  id?: string,
): { byType: Map<string, string>; byId: string | undefined } {
  const slash = from.lastIndexOf('/') + 1;
  const xml = part(`${from.slice(0, slash)}_rels/${from.slice(slash)}.rels`);
  const byType = new Map<string, string>();
  let byId: string | undefined;
  if (!xml) return { byType, byId };
  eachStart(xml, (r) => {
    if (r.depth !== 2 || !r.is('Relationship')) return;
    const target = resolve(from, r.attr('Target') ?? '');
    const uri = r.attr('Type') ?? '';
    const type = uri.slice(uri.lastIndexOf('/') + 1);
    if (types.includes(type) && !byType.has(type)) byType.set(type, target);
    if (id !== undefined && byId === undefined && r.attr('Id') === id) byId = target;
  });
  return { byType, byId };
}

/** The workbook part: the relationship id of its first sheet in tab order, and its date system. */
function readWorkbook(xml: XmlReader): { sheetId: string | undefined; date1904: boolean } {
  let sheetId: string | undefined;
  let date1904 = false;
  let inSheets = false;
  let firstSeen = false;
  for (let event = xml.next(); event !== 'eof'; event = xml.next()) {
    if (event === 'start' && xml.depth === 2 && xml.is('workbookPr')) {
      const value = xml.attr('date1904');
      date1904 = value === '1' || value === 'true';
    } else if (xml.depth === 2 && xml.is('sheets')) {
      inSheets = event === 'start';
    } else if (event === 'start' && inSheets && !firstSeen && xml.depth === 3 && xml.is('sheet')) {
      // `r:id`, whatever the prefix of the relationships namespace.
      firstSeen = true;
      sheetId = xml.attr('id');
    }
  }
  return { sheetId, date1904 };
}

/** The shared-string table: each item's text, or TOO_LONG for those longer than a cell may be. */
function readSharedStrings(xml: XmlReader, limits: SheetLimits): ItemValue[] {
  const strings: ItemValue[] = [];
  let item: ItemText | undefined;
  for (let event = xml.next(); event !== 'eof'; event = xml.next()) {
    if (event === 'start' && !item && xml.depth === 2 && xml.is('si')) {
      if (strings.length >= limits.maxSharedStrings)
        throw new SheetLimitError({ kind: 'sharedStrings', max: limits.maxSharedStrings });
      item = itemText(2, limits.maxCellLength);
    } else if (event === 'end' && item && xml.depth === 2) {
      strings.push(item.value());
      item = undefined;
    } else {
      item?.event(xml, event);
    }
  }
  return strings;
}

/** Whether each cell style (`cellXfs` entry, the `s` of a cell) shows numbers as dates. */
function readDateStyles(xml: XmlReader): boolean[] {
  const formatCodes = new Map<number, string>();
  const formats: number[] = [];
  /** The list being read: the number formats, the cell styles, or another (''). */
  let list: 'numFmts' | 'cellXfs' | '' = '';
  for (let event = xml.next(); event !== 'eof'; event = xml.next()) {
    if (event === 'text') continue;
    if (xml.depth === 2) {
      list = event === 'end' ? '' : xml.is('numFmts') ? 'numFmts' : xml.is('cellXfs') ? 'cellXfs' : '';
    } else if (event === 'start' && xml.depth === 3) {
      if (list === 'numFmts' && xml.is('numFmt'))
        formatCodes.set(Number(xml.attr('numFmtId')), xml.attr('formatCode') ?? '');
      else if (list === 'cellXfs' && xml.is('xf')) formats.push(Number(xml.attr('numFmtId') ?? 0));
    }
  }
  // Each format is tested once, however many styles use it: the work stays linear in the part.
  const dates = new Map<number, boolean>();
  return formats.map((format) => {
    const date = dates.get(format) ?? isDateFormat(format, formatCodes.get(format));
    dates.set(format, date);
    return date;
  });
}

/**
 * The rows with a value of the first sheet (in tab order) of an XLSX workbook, each with its row
 * number as `line`, within the limits given; see readSheetRows for the cells. Past a limit it
 * throws a SheetLimitError; a file that is not such a workbook, or a damaged one, an Error.
 */
export function readFirstSheet(bytes: Uint8Array, limits: SheetLimits): SheetRow<ReadCell>[] {
  const zip = readZip(bytes, { maxTotalBytes: limits.maxUnpackedBytes });
  // Part names are case-insensitive (ECMA-376 part 2, 9.1.1.1).
  const files = new Map([...zip.entries].map(([name, read]) => [name.toLowerCase(), read]));
  /** A part to read, if the archive has it; unpacking it charges the budget. */
  const optional = (name: string): XmlReader | undefined => {
    const read = files.get(name.toLowerCase());
    try {
      return read && xmlReader(read());
    } catch (error) {
      if (error instanceof UnpackBudgetError)
        throw new SheetLimitError({ kind: 'unpacked', max: limits.maxUnpackedBytes });
      throw error;
    }
  };
  const part = (name: string): XmlReader => {
    const xml = optional(name);
    if (!xml) throw new Error('xlsx: a part is missing');
    return xml;
  };

  const workbookPath =
    relationships(optional, '', ['officeDocument']).byType.get('officeDocument') ?? 'xl/workbook.xml';
  const { sheetId, date1904 } = readWorkbook(part(workbookPath));
  const workbookRels = relationships(optional, workbookPath, ['sharedStrings', 'styles'], sheetId);
  const sheetPath = workbookRels.byId;
  if (!sheetPath) throw new Error('xlsx: no first sheet');
  const stringsPath = workbookRels.byType.get('sharedStrings');
  const stylesPath = workbookRels.byType.get('styles');
  return readSheetRows(part(sheetPath), {
    strings: stringsPath ? readSharedStrings(part(stringsPath), limits) : [],
    dateStyles: stylesPath ? readDateStyles(part(stylesPath)) : [],
    date1904,
    limits,
  });
}
