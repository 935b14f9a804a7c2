import { now as clockNow } from '../clock.js';
import { writeAudit } from '../db/audit.js';
import { insertCandidateBatch, ROWS_PER_BATCH } from '../db/candidates.js';
import { readImportDraft, saveImportDraft } from '../db/import-drafts.js';
import { chargeImportRows, recordImport } from '../db/import-log.js';
import { keyedHash } from '../db/nik-hash.js';
import { requireProgram } from '../db/programs.js';
import { readProgramAndVillage } from '../db/villages.js';
import { checkCandidate, type RegistrationInput } from '../domain/candidate.js';
import { newId } from '../domain/ids.js';
import { findVillage } from '../domain/regions.js';
import { DomainError, validationFailed } from '../errors.js';
import { type Lang, render } from '../i18n.js';
import { type CheckedRow, checkRows } from '../imports/check-rows.js';
import { IMPORT_COLUMNS, type RowMessage } from '../imports/columns.js';
import { type ImportRow, readImportFile } from '../imports/read-file.js';
import type { Principal } from '../principal.js';
import {
  countRegistrations,
  fingerprintHashes,
  newCandidate,
  POSSIBLE_DUPLICATE,
  registerCandidate,
} from './candidates.js';

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

/** A row registered: its candidate, and its place in the village's waitlist (null: a village place). */
export interface Registered {
  id: string;
  waitlistPosition: number | null;
}

/**
 * Rows an account may check in an hour, dry runs and commits alike: five full lists. A dry
 * run tells whether NIKs and look-alikes are registered elsewhere in the regency, so it is a
 * way to probe; the budget keeps that slow, and every import is recorded for Bappeda.
 */
export const IMPORT_ROWS_PER_HOUR = 10_000;

/** A file as uploaded, or the rows of one already read and checked (the web's draft). */
export type ImportSource = { bytes: Uint8Array; contentType: string } | { rows: ImportRow[] };

/**
 * Checks a village's survey list row by row and, unless it is a dry run, registers the rows
 * that may be registered, in file order, a batch of rows per transaction under the usual
 * place and waitlist rules. If the database fails half way, the rows after it are reported
 * as not registered, and the same file can be sent again: registered rows then come back as
 * duplicates, the others are registered. Each import is charged to the account's hourly
 * budget (429 beyond it) and recorded.
 */
export async function importSurveyList(
  principal: Principal,
  options: {
    year: number;
    village?: string;
    dryRun: boolean;
    source: ImportSource;
    lang: Lang;
    channel: 'api' | 'web';
  },
): Promise<{
  report: ImportReport;
  cells: Map<number, Record<string, string>>;
  rows: ImportRow[];
  /** The problems of each row that is not registered (an error or a duplicate), by line. */
  failed: Map<number, RowMessage[]>;
  /** Each row registered, by line: its candidate and waitlist position (null: a village place). */
  registered: Map<number, Registered>;
}> {
  if (principal.role !== 'village_official') throw new DomainError('FORBIDDEN');
  const villageCode = options.village ?? principal.villageCode;
  if (!findVillage(villageCode)) throw validationFailed([{ field: 'village', key: 'village.unknown' }]);
  if (villageCode !== principal.villageCode) throw new DomainError('NOT_FOUND');
  const program = await requireProgram(options.year);
  const rows =
    'rows' in options.source
      ? options.source.rows
      : await readImportFile(options.source.bytes, options.source.contentType, IMPORT_COLUMNS);
  const charged = await chargeImportRows(principal.sub, rows.length, IMPORT_ROWS_PER_HOUR);
  if (charged !== 'ok') {
    throw new DomainError('RATE_LIMITED', {
      details: [
        {
          field: 'file',
          key: 'import.rateLimited',
          params: {
            max: IMPORT_ROWS_PER_HOUR.toLocaleString('id-ID'),
            minutes: Math.ceil(charged.retryAfterSeconds / 60),
          },
        },
      ],
      retryAfter: charged.retryAfterSeconds,
    });
  }
  const checked = await checkRows(rows, program, villageCode);

  const ids = options.dryRun
    ? new Map<number, Registered>()
    : await commitRows(principal, checked, villageCode);
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
      candidateId: ids.get(r.line)?.id ?? null,
      messages: r.messages.map((m) => ({ column: m.column, message: render(m, options.lang) })),
    })),
  };
  const at = clockNow().toISOString();
  await recordImport({
    id: newId(),
    at,
    actor: { id: principal.sub, role: principal.role },
    year: options.year,
    villageCode,
    rows: rows.length,
    dryRun: options.dryRun,
    registered: ids.size,
    channel: options.channel,
  });
  if (!options.dryRun)
    await writeAudit({
      at,
      actor: { id: principal.sub, role: principal.role },
      action: 'SURVEY_IMPORTED',
      year: options.year,
      target: villageCode,
      details: { rows: rows.length, registered: ids.size, channel: options.channel },
    });
  const failed = new Map(
    checked.filter((r) => r.status === 'ERROR' || r.status === 'DUPLICATE').map((r) => [r.line, r.messages]),
  );
  return { report, cells, rows, failed, registered: ids };
}

/**
 * Registers the registrable rows in file order, a batch of rows per transaction (the
 * village's places and waitlist handed out in order within it). A batch that meets a change
 * (a NIK registered meanwhile, places taken) is registered row by row instead. After a
 * failure, the remaining rows are reported as not registered.
 */
async function commitRows(
  principal: Principal,
  checked: CheckedRow[],
  villageCode: string,
): Promise<Map<number, Registered>> {
  const ids = new Map<number, Registered>();
  const registrable = checked.filter((r) => r.input && REGISTRABLE.includes(r.status));
  const village = findVillage(villageCode);
  let failed = false;
  for (let i = 0; i < registrable.length; i += ROWS_PER_BATCH) {
    const batch = registrable.slice(i, i + ROWS_PER_BATCH);
    if (failed || !village) {
      for (const row of batch) row.messages.push({ column: '', key: 'import.notRegistered' });
      continue;
    }
    try {
      const written = await writeBatch(principal, batch, village);
      if (written) {
        for (const [j, row] of batch.entries())
          ids.set(row.line, written[j] ?? { id: '', waitlistPosition: null });
        continue;
      }
      for (const row of batch) {
        try {
          if (!row.input) continue;
          const stored = await registerCandidate(principal, row.input);
          ids.set(row.line, { id: stored.candidate.id, waitlistPosition: stored.waitlistPosition });
        } catch (error) {
          // Registered by someone else since the check (a manual registration, say), in this
          // cohort or another one.
          if (!(error instanceof DomainError)) throw error;
          if (error.code === 'DUPLICATE_NIK') {
            row.status = 'DUPLICATE';
            row.messages = [{ column: 'NIK', key: 'import.duplicateRegistered' }];
          } else if (error.code === 'ALREADY_IN_PROGRAMME') {
            row.status = 'DUPLICATE';
            row.messages = [{ column: 'NIK', key: 'import.alreadyInProgramme' }];
          } else throw error;
        }
      }
    } catch {
      failed = true;
      for (const row of batch)
        if (!ids.has(row.line)) row.messages.push({ column: '', key: 'import.notRegistered' });
    }
  }
  return ids;
}

/** One batch in one transaction, from a fresh read of the village; undefined when it met a change. */
async function writeBatch(
  principal: Principal,
  batch: CheckedRow[],
  village: { code: string; districtCode: string },
): Promise<Registered[] | undefined> {
  const first = batch[0]?.input;
  if (!first) return undefined;
  const { program, aggregate, waitlist } = await readProgramAndVillage(first.year, village.code);
  if (!program) return undefined;
  const seen = { funded: aggregate?.funded ?? 0, waiting: waitlist.length };
  let { funded, waiting } = seen;
  const at = clockNow().toISOString();
  const items = [];
  const positions: (number | null)[] = [];
  for (const row of batch) {
    const { checked } = checkCandidate(row.input as RegistrationInput, program);
    if (!checked || !row.person) return undefined;
    const takesPlace = funded < program.villageQuota && waiting === 0;
    if (takesPlace) funded++;
    else waiting++;
    positions.push(takesPlace ? null : waiting);
    items.push({
      item: newCandidate({
        principal,
        village,
        year: first.year,
        checked,
        nikHash: await keyedHash(`nik:${checked.fields.nik}`),
        fingerprints: await fingerprintHashes(checked.fields),
        flags: row.status === 'POSSIBLE_DUPLICATE' ? [POSSIBLE_DUPLICATE] : [],
        amount: takesPlace ? program.apbdesPerPerson : null,
        at,
        previous: row.person.previous,
      }),
      personSeen: row.person.records,
    });
  }
  if ((await insertCandidateBatch(items, seen)) !== 'ok') return undefined;
  countRegistrations(items.map((r) => r.item));
  return items.map((r, i) => ({ id: r.item.id, waitlistPosition: positions[i] ?? null }));
}

/**
 * Keeps the checked rows for the official to confirm (the web's draft), each row that will not
 * be registered with its problems, for the download of those rows: its id.
 */
export const keepImportDraft = (
  principal: Principal,
  draft: { rows: ImportRow[]; year: number; failed: Map<number, RowMessage[]> },
) =>
  saveImportDraft(principal.sub, {
    year: draft.year,
    rows: draft.rows.map((r) => {
      const problems = draft.failed.get(r.line);
      return problems ? { ...r, problems } : r;
    }),
  });

/** The official's own draft, if it is theirs and has not expired. */
export const importDraftOf = (principal: Principal, id: string) => readImportDraft(principal.sub, id);
