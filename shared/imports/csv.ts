import { type SheetRow, type TableLimits, tableRows } from '../xlsx/limits.js';

/** A quoted cell never ends: the rest of the file would have become one cell. */
export class UnclosedQuoteError extends Error {
  /** `line`: the line where the quote opened. */
  constructor(readonly line: number) {
    super(`csv: the quote opened on line ${line} is never closed`);
  }
}

/** `;` if the first line that is not empty has more of them than `,`, else `,`. */
function separatorOf(body: string): string {
  let count = 0;
  let i = 0;
  while (body[i] === '\r' || body[i] === '\n') i++;
  for (; i < body.length && body[i] !== '\r' && body[i] !== '\n'; i++)
    count += body[i] === ';' ? 1 : body[i] === ',' ? -1 : 0;
  return count > 0 ? ';' : ',';
}

/**
 * RFC 4180 CSV as spreadsheets write it: `,` or `;` between cells (whichever the header line uses
 * more), quoted cells with doubled quotes and line breaks, CRLF, LF or CR, an optional BOM. Gives
 * the rows that are not empty, each with the line it starts on. One pass over the text, stopping
 * at the first limit passed (a SheetLimitError); a quote never closed is an UnclosedQuoteError.
 */
export function parseCsv(text: string, limits: TableLimits): SheetRow<string>[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const separator = separatorOf(body);
  const table = tableRows(limits, '');
  let line = 1;
  let rowLine = 1;
  let quoteLine = 0;
  let column = 1;
  let cell = '';
  let cellStart = true;
  let quoted = false;

  const endCell = () => {
    table.cell(rowLine, column++, cell);
    cell = '';
    cellStart = true;
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\r' || ch === '\n') {
      // CR LF is one line end.
      const end = ch === '\r' && body[i + 1] === '\n' ? '\r\n' : ch;
      i += end.length - 1;
      line++;
      if (quoted) cell += end;
      else {
        endCell();
        table.endRow(rowLine);
        rowLine = line;
        column = 1;
        continue;
      }
    } else if (quoted) {
      if (ch !== '"') cell += ch;
      else if (body[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && cellStart) {
      quoted = true;
      quoteLine = line;
    } else if (ch === separator) {
      endCell();
      continue;
    } else cell += ch;
    cellStart = false;
  }
  if (quoted) throw new UnclosedQuoteError(quoteLine);
  if (cell !== '' || column > 1) {
    endCell();
    table.endRow(rowLine);
  }
  return table.rows;
}
