import { fromSerial, isDateFormat } from './dates.js';
import { decodeXml, element, elements, type XmlElement, xmlText } from './xml.js';
import { readZip } from './zip.js';

export type ReadCell = string | number | boolean | Date | null;

/** Excel's limits: a cell reference past them means a damaged file. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

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

/**
 * Text that Excel escaped as `_xHHHH_` (characters XML cannot hold, and `_x005F_` for an
 * underscore that would otherwise look like the start of one).
 */
const unescapeText = (text: string) =>
  text.replace(/_x([0-9a-f]{4})_/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/** The text of a string item: plain `<t>`, or the `<t>` of each rich-text run, without phonetic hints. */
const itemText = (xml: string) =>
  unescapeText(
    elements(xml.replace(/<(?:\w+:)?rPh\b(?:[^>]*\/>|[\s\S]*?(?:<\/(?:\w+:)?rPh>|$))/g, ''), 't')
      .map((t) => decodeXml(t.inner))
      .join(''),
  );

/** The column (from 1) of a cell reference such as `C5`. */
function columnOf(ref: string): number {
  const letters = /^([A-Z]{1,3})\d+$/.exec(ref)?.[1];
  if (!letters) throw new Error(`xlsx: bad cell reference ${ref}`);
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/**
 * The first sheet of an XLSX workbook as rows of cells, from row 1 and column A: empty cells are
 * `null`, trailing empty rows are left out. Numbers in a date format are `Date`s (UTC); formulas
 * give their last result; error cells (`#N/A`…) are `null`. A file that is not such a workbook
 * throws an Error.
 */
export function readFirstSheet(bytes: Uint8Array): ReadCell[][] {
  // Part names are case-insensitive (ECMA-376 part 2, 9.1.1.1). 64 MB for all parts together,
  // what one part could unpack to before, until the caller decides the budget.
  const { entries } = readZip(bytes, { maxTotalBytes: 64 * 1024 * 1024 });
  const files = new Map([...entries].map(([name, read]) => [name.toLowerCase(), read]));
  const part = (name: string) => {
    const read = files.get(name.toLowerCase());
    if (!read) throw new Error(`xlsx: no ${name}`);
    return xmlText(read());
  };
  /** The targets of a part's relationships, by type (its last path segment) and by id. */
  const relationships = (from: string) => {
    const slash = from.lastIndexOf('/') + 1;
    const rels = `${from.slice(0, slash)}_rels/${from.slice(slash)}.rels`;
    const found = files.has(rels.toLowerCase()) ? elements(part(rels), 'Relationship') : [];
    const target = (r: XmlElement) => resolve(from, r.attrs.Target ?? '');
    return {
      byType: (type: string) => {
        const r = found.find((r) => r.attrs.Type?.endsWith(`/${type}`));
        return r && target(r);
      },
      byId: (id: string) => {
        const r = found.find((r) => r.attrs.Id === id);
        return r && target(r);
      },
    };
  };

  const workbookPath = relationships('').byType('officeDocument') ?? 'xl/workbook.xml';
  const workbook = part(workbookPath);
  const workbookRels = relationships(workbookPath);
  const first = element(element(workbook, 'sheets')?.inner ?? '', 'sheet');
  const id = Object.entries(first?.attrs ?? {}).find(([name]) => /^(\w+:)?id$/.test(name))?.[1];
  const sheetPath = id && workbookRels.byId(id);
  if (!sheetPath) throw new Error('xlsx: no first sheet');
  const date1904 = /^(1|true)$/.test(element(workbook, 'workbookPr')?.attrs.date1904 ?? '');

  const stringsPath = workbookRels.byType('sharedStrings');
  const strings = stringsPath ? elements(part(stringsPath), 'si').map((si) => itemText(si.inner)) : [];

  const stylesPath = workbookRels.byType('styles');
  const styles = stylesPath ? part(stylesPath) : '';
  const formatCodes = new Map(
    elements(styles, 'numFmt').map((f) => [Number(f.attrs.numFmtId), f.attrs.formatCode ?? '']),
  );
  /** Whether each cell style (`s`) shows numbers as dates. */
  const dateStyles = elements(element(styles, 'cellXfs')?.inner ?? '', 'xf').map((xf) => {
    const format = Number(xf.attrs.numFmtId ?? 0);
    return isDateFormat(format, formatCodes.get(format));
  });

  const value = (cell: XmlElement): ReadCell => {
    const v = element(cell.inner, 'v');
    const raw = v && decodeXml(v.inner);
    switch (cell.attrs.t ?? 'n') {
      case 's': {
        if (raw === undefined) return null;
        const text = strings[Number(raw)];
        if (text === undefined) throw new Error(`xlsx: no shared string ${raw}`);
        return text;
      }
      case 'inlineStr':
        return itemText(element(cell.inner, 'is')?.inner ?? '');
      case 'str': // a formula's text result
        return raw === undefined ? null : unescapeText(raw);
      case 'b':
        if (raw === undefined) return null;
        if (raw === '1' || raw === 'true') return true;
        if (raw === '0' || raw === 'false') return false;
        throw new Error(`xlsx: bad boolean ${raw}`);
      case 'e':
        return null;
      case 'd': {
        if (!raw) return null;
        const date = new Date(/Z|[+-]\d\d:\d\d$/.test(raw) || !raw.includes('T') ? raw : `${raw}Z`);
        if (Number.isNaN(date.getTime())) throw new Error(`xlsx: bad date ${raw}`);
        return date;
      }
      case 'n': {
        if (raw === undefined || raw.trim() === '') return null;
        const number = Number(raw);
        if (!Number.isFinite(number)) throw new Error(`xlsx: bad number ${raw}`);
        return dateStyles[Number(cell.attrs.s ?? 0)] ? fromSerial(number, date1904) : number;
      }
      default:
        throw new Error(`xlsx: unknown cell type ${cell.attrs.t}`);
    }
  };

  const table: ReadCell[][] = [];
  let r = 0;
  for (const row of elements(part(sheetPath), 'row')) {
    const next = row.attrs.r ? Number(row.attrs.r) : r + 1;
    if (!Number.isInteger(next) || next <= r || next > MAX_ROWS)
      throw new Error(`xlsx: bad row ${row.attrs.r}`);
    r = next;
    const cells: ReadCell[] = [];
    let c = 0;
    for (const cell of elements(row.inner, 'c')) {
      const next = cell.attrs.r ? columnOf(cell.attrs.r) : c + 1;
      if (next <= c || next > MAX_COLUMNS) throw new Error(`xlsx: bad cell ${cell.attrs.r}`);
      c = next;
      const v = value(cell);
      if (v !== null) cells[c - 1] = v;
    }
    table[r - 1] = cells;
  }
  while (table.length > 0 && !table.at(-1)?.length) table.pop();
  // Fill the gaps: rows not written, and cells not written or empty.
  return Array.from(table, (cells) => Array.from(cells ?? [], (cell) => cell ?? null));
}
