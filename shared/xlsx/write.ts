import { columnName } from './cell-ref.js';
import { neutraliseFormula } from './formula-injection.js';
import { escapeXml } from './xml.js';
import { writeZip } from './zip.js';

/** A cell to write: a plain value, or a value with its look. `null` leaves the cell empty. */
export type WriteCell =
  | string
  | number
  | null
  | { value: string | number | null; bold?: boolean; wrap?: boolean; format?: string };

export interface WriteSheet {
  /** At most 31 characters, none of `[]:*?/\` (Excel refuses the file otherwise). */
  name: string;
  rows: WriteCell[][];
  /** Column widths in characters, from column A. */
  widths?: number[];
  /**
   * A number format for whole columns, from column A (`undefined`: none): what Excel applies
   * to cells typed into the column later, e.g. `@` (text) so that long numbers keep every digit.
   */
  columnFormats?: (string | undefined)[];
  /** Rows kept in view while scrolling (a frozen pane). */
  frozenRows?: number;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Formats Excel knows by number (ECMA-376 part 1, 18.8.30); any other gets an id from 164 on. */
const BUILT_IN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '@': 49 };

/** The looks used, each a `cellXfs` entry; entry 0 is the default look. */
function styleTable() {
  const looks = [{ bold: false, wrap: false, format: 'General' }];
  const formats = new Map<string, number>();
  return {
    /** The index of a look in `cellXfs`, adding it the first time. */
    index(bold = false, wrap = false, format = 'General'): number {
      const found = looks.findIndex((l) => l.bold === bold && l.wrap === wrap && l.format === format);
      if (found >= 0) return found;
      if (!(format in BUILT_IN_FORMATS) && !formats.has(format)) formats.set(format, 164 + formats.size);
      return looks.push({ bold, wrap, format }) - 1;
    },
    xml(): string {
      const numFmts = [...formats].map(
        ([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`,
      );
      const xfs = looks.map(({ bold, wrap, format }) => {
        const id = BUILT_IN_FORMATS[format] ?? formats.get(format);
        const attrs = `numFmtId="${id}" fontId="${Number(bold)}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"`;
        return wrap ? `<xf ${attrs} applyAlignment="1"><alignment wrapText="1"/></xf>` : `<xf ${attrs}/>`;
      });
      const font = (bold: boolean) => `<font>${bold ? '<b/>' : ''}<sz val="11"/><name val="Calibri"/></font>`;
      // The two fills, one border and one cell style are what Excel expects every file to have.
      return `${HEAD}<styleSheet xmlns="${MAIN}">${numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : ''}<fonts count="2">${font(false)}${font(true)}</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
    },
  };
}

function sheetXml(sheet: WriteSheet, styles: ReturnType<typeof styleTable>): string {
  const rows = sheet.rows.map((cells, r) => {
    const xml = cells.map((cell, c) => {
      const { value, bold, wrap, format } =
        cell !== null && typeof cell === 'object' ? cell : { value: cell };
      const s = styles.index(bold, wrap, format);
      const ref = `${columnName(c)}${r + 1}`;
      const style = s === 0 ? '' : ` s="${s}"`;
      if (value === null || value === '') return style ? `<c r="${ref}"${style}/>` : '';
      if (typeof value === 'number') {
        if (!Number.isFinite(value))
          throw new Error(`xlsx: ${value} in ${ref} is not a number Excel can hold`);
        return `<c r="${ref}"${style}><v>${value}</v></c>`;
      }
      // Inline strings keep the writer simple; Excel turns them into shared strings on saving.
      return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeXml(neutraliseFormula(value))}</t></is></c>`;
    });
    return `<row r="${r + 1}">${xml.join('')}</row>`;
  });
  const frozen = sheet.frozenRows ?? 0;
  const pane = frozen
    ? `<pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>`
    : '';
  const columns = Math.max(sheet.widths?.length ?? 0, sheet.columnFormats?.length ?? 0);
  const cols = Array.from({ length: columns }, (_, i) => {
    const width = sheet.widths?.[i];
    const format = sheet.columnFormats?.[i];
    const attrs = [
      ...(width === undefined ? [] : [`width="${width}" customWidth="1"`]),
      ...(format === undefined ? [] : [`style="${styles.index(false, false, format)}"`]),
    ];
    return attrs.length ? `<col min="${i + 1}" max="${i + 1}" ${attrs.join(' ')}/>` : '';
  }).filter(Boolean);
  // The order of these elements is fixed by the schema; Excel refuses others.
  return `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols.length ? `<cols>${cols.join('')}</cols>` : ''}<sheetData>${rows.join('')}</sheetData></worksheet>`;
}

/** An XLSX workbook of the sheets given, in order. */
export function writeXlsx(sheets: WriteSheet[]): Uint8Array<ArrayBuffer> {
  for (const { name } of sheets)
    if (!/^[^[\]:*?/\\]{1,31}$/.test(name) || name.startsWith("'") || name.endsWith("'"))
      throw new Error(`xlsx: "${name}" cannot name a sheet`);
  const styles = styleTable();
  // First the sheets, which add every look they use to the styles.
  const sheetParts = sheets.map((sheet, i) => ({
    name: `xl/worksheets/sheet${i + 1}.xml`,
    xml: sheetXml(sheet, styles),
  }));
  const override = (part: string, type: string) =>
    `<Override PartName="/${part}" ContentType="${CONTENT_TYPE}.${type}+xml"/>`;
  const relation = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`;
  const parts = [
    {
      name: '[Content_Types].xml',
      xml: `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${override('xl/workbook.xml', 'sheet.main')}${override('xl/styles.xml', 'styles')}${sheetParts.map((p) => override(p.name, 'worksheet')).join('')}</Types>`,
    },
    {
      name: '_rels/.rels',
      xml: `${HEAD}<Relationships xmlns="${PACKAGE_REL}">${relation('rId1', 'officeDocument', 'xl/workbook.xml')}</Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      xml: `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>${sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      xml: `${HEAD}<Relationships xmlns="${PACKAGE_REL}">${sheets.map((_, i) => relation(`rId${i + 1}`, 'worksheet', `worksheets/sheet${i + 1}.xml`)).join('')}${relation(`rId${sheets.length + 1}`, 'styles', 'styles.xml')}</Relationships>`,
    },
    { name: 'xl/styles.xml', xml: styles.xml() },
    ...sheetParts,
  ];
  const encoder = new TextEncoder();
  return writeZip(parts.map((p) => ({ name: p.name, data: encoder.encode(p.xml) })));
}
