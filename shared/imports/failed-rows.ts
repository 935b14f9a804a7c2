import type { DraftRow } from '../db/import-drafts.js';
import { addMessages, type Lang, render } from '../i18n.js';
import { csvText } from '../report-formats/csv.js';
import { IMPORT_COLUMNS } from './columns.js';
import { importMessages } from './messages.js';

// The messages of the problems join the catalogue (shared/imports/messages.ts).
addMessages(importMessages);

/** The last column of the failed rows' file: what is wrong in each row. Uploads ignore it. */
export const PROBLEMS_HEADER = 'Kesalahan';

/**
 * The rows of a checked list that will not be registered, as CSV with the template's columns
 * (so that, once fixed, the file can be uploaded again) and a last column naming each row's
 * problems, in the reader's language. Written by the one CSV writer, formulas neutralised. A
 * NIK or KK that Excel made a number is written as Excel showed it (3.32901E+15), never as
 * digits that would look like a real one.
 */
export function failedRowsFile(rows: readonly DraftRow[], lang: Lang) {
  const header = [...IMPORT_COLUMNS.map((c) => c.header), PROBLEMS_HEADER];
  const lines = rows.flatMap((row) => {
    if (!row.problems) return [];
    const cells = IMPORT_COLUMNS.map((c): string | number => {
      const cell = row.cells[c.header];
      if (typeof cell === 'number' && (c.field === 'nik' || c.field === 'kk'))
        return cell.toExponential().toUpperCase();
      if (typeof cell === 'boolean') return cell ? 'Ya' : 'Tidak';
      return cell instanceof Date ? cell.toISOString().slice(0, 10) : (cell ?? '');
    });
    const problems = row.problems.map((m) => (m.column ? `${m.column}: ` : '') + render(m, lang));
    return [[...cells, problems.join(' | ')]];
  });
  return {
    body: new TextEncoder().encode(csvText([header, ...lines])),
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="baris-yang-salah.csv"',
      // Names and NIKs: never kept by a browser or a proxy.
      'Cache-Control': 'no-store',
    },
  };
}
