import { requireProgram } from '../db/programs.js';
import { findVillage } from '../domain/regions.js';
import { DomainError, validationFailed } from '../errors.js';
import { type Lang, render } from '../i18n.js';
import { type CheckedRow, checkRows } from '../imports/check-rows.js';
import { readImportFile } from '../imports/read-file.js';
import type { Principal } from '../principal.js';
import { registerCandidate } from './candidates.js';

export interface ImportReport {
  summary: {
    rows: number;
    ok: number;
    warnings: number;
    errors: number;
    duplicates: number;
    possibleDuplicates: number;
    registered: number;
  };
  rows: {
    row: number;
    status: CheckedRow['status'];
    candidateId: string | null;
    messages: { column: string; message: string }[];
  }[];
}

const REGISTRABLE = ['OK', 'WARNING', 'POSSIBLE_DUPLICATE'];

/**
 * Checks a village's survey list row by row and, unless it is a dry run, registers the rows
 * that may be registered, in file order, each in its own transaction under the usual place
 * and waitlist rules. If the database fails half way, the rows after it are reported as not
 * registered, and the same file can be sent again: registered rows then come back as
 * duplicates, the others are registered.
 */
export async function importSurveyList(
  principal: Principal,
  options: {
    year: number;
    village?: string;
    dryRun: boolean;
    bytes: Uint8Array;
    contentType: string;
    lang: Lang;
  },
): Promise<{ report: ImportReport; cells: Map<number, Record<string, string>> }> {
  if (principal.role !== 'village_official') throw new DomainError('FORBIDDEN');
  const villageCode = options.village ?? principal.villageCode;
  if (!findVillage(villageCode)) throw validationFailed([{ field: 'village', key: 'village.unknown' }]);
  if (villageCode !== principal.villageCode) throw new DomainError('FORBIDDEN');
  const program = await requireProgram(options.year);
  const rows = await readImportFile(options.bytes, options.contentType);
  const checked = await checkRows(rows, program, villageCode);

  const ids = new Map<number, string>();
  if (!options.dryRun) {
    let failed = false;
    for (const row of checked) {
      if (!row.input || !REGISTRABLE.includes(row.status)) continue;
      if (failed) {
        row.messages.push({ column: '', key: 'import.notRegistered' });
        continue;
      }
      try {
        ids.set(row.line, (await registerCandidate(principal, row.input)).candidate.id);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'DUPLICATE_NIK') {
          // Registered by someone else since the check (a manual registration, say).
          row.status = 'DUPLICATE';
          row.messages = [{ column: 'NIK', key: 'import.duplicateRegistered' }];
        } else {
          failed = true;
          row.messages.push({ column: '', key: 'import.notRegistered' });
        }
      }
    }
  }

  const count = (status: CheckedRow['status']) => checked.filter((r) => r.status === status).length;
  // The cells as written, for the web app to show the bad ones; the API answers the report only.
  const cells = new Map(
    rows.map((r) => [
      r.line,
      Object.fromEntries(
        Object.entries(r.cells).map(([k, v]) => [
          k,
          v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''),
        ]),
      ),
    ]),
  );
  const report: ImportReport = {
    summary: {
      rows: checked.length,
      ok: count('OK'),
      warnings: count('WARNING'),
      errors: count('ERROR'),
      duplicates: count('DUPLICATE'),
      possibleDuplicates: count('POSSIBLE_DUPLICATE'),
      registered: ids.size,
    },
    rows: checked.map((r) => ({
      row: r.line,
      status: r.status,
      candidateId: ids.get(r.line) ?? null,
      messages: r.messages.map((m) => ({ column: m.column, message: render(m, options.lang) })),
    })),
  };
  return { report, cells };
}
