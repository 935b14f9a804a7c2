import { now as clockNow } from '../clock.js';
import { writeAudit } from '../db/audit.js';
import { batchGet } from '../db/batch-get.js';
import type { CandidateItem } from '../db/candidate-item.js';
import { chargeImportRows, recordImport } from '../db/import-log.js';
import { writePayment } from '../db/money-writes.js';
import { keyedHash } from '../db/nik-hash.js';
import { requireProgram } from '../db/programs.js';
import { keys, withoutKeys } from '../db/table.js';
import { FUNDING_SOURCES } from '../domain/budget.js';
import { type CalendarDate, todayInBrebes } from '../domain/dates.js';
import { newId } from '../domain/ids.js';
import { regency } from '../domain/regions.js';
import { DomainError } from '../errors.js';
import { type Lang, render } from '../i18n.js';
import type { RowMessage } from '../imports/columns.js';
import {
  type CheckedPayment,
  checkPaymentRows,
  PAYMENT_SHEET_COLUMNS,
  type PaymentLookup,
  type PaymentRow,
  type PaymentRowStatus,
  readPaymentRow,
} from '../imports/payment-sheet.js';
import { type ImportRow, readImportFile } from '../imports/read-file.js';
import { sheetTemplate, templateFile } from '../imports/template.js';
import type { Principal } from '../principal.js';
import { IMPORT_ROWS_PER_HOUR, type ImportSource } from './imports.js';

export interface PaymentSheetReport {
  summary: {
    rows: number;
    ok: number;
    errors: number;
    duplicates: number;
    /** Rupiah of the OK rows. */
    okAmount: number;
    /** Payments recorded by this request (0 on a dry run), and their rupiah. */
    recorded: number;
    recordedAmount: number;
  };
  rows: {
    row: number;
    status: PaymentRowStatus;
    candidateId: string | null;
    /** The payment recorded from the row; null on a dry run and for rows not recorded. */
    disbursementId: string | null;
    messages: { column: string; message: string }[];
  }[];
}

/** Villages whose payments are written side by side; each village's in file order. */
const VILLAGES_AT_ONCE = 8;
/** New payments start for this long, then the rest is reported "send again" (API Gateway answers within 30 s). */
const WORK_MS = 20_000;
/** Writes of one row lost to other writers of its candidate before it is reported "send again". */
const ATTEMPTS = 5;

/** The payment sheet's template: headers, an example row and, in the workbook, the "Petunjuk" sheet. */
export const paymentSheetTemplateFile = (format: 'csv' | 'xlsx') =>
  templateFile(sheetTemplate(PAYMENT_SHEET_COLUMNS, format), 'templat-lembar-pembayaran-gkb', format);

const referenceKeys = (candidateId: string, reference: string) =>
  FUNDING_SOURCES.map((source) => keys.paymentReference(candidateId, source, reference));

/**
 * What the checks need from the table, read in batches: the candidates of the NIKs (their NIK
 * guards in the year), then in one batch the candidates named and, for each row, its
 * reference under either source. Requests grow with rows (100 keys a request), never with
 * a candidate's payments.
 */
async function readLookup(
  parsed: PaymentRow[],
  year: number,
): Promise<Map<string, CandidateItem> & PaymentLookupParts> {
  const niks = [...new Set(parsed.flatMap((r) => (r.nik ? [r.nik] : [])))];
  const hashes = new Map(await Promise.all(niks.map(async (n) => [n, await keyedHash(`nik:${n}`)] as const)));
  const guards =
    niks.length > 0 ? await batchGet(niks.map((n) => keys.nikGuard(year, hashes.get(n) ?? ''))) : [];
  const idOfGuard = new Map(
    guards.map((g) => [String(g.pk), typeof g.candidateId === 'string' ? g.candidateId : '']),
  );
  const idOfNik = new Map(
    niks.flatMap((n) => {
      const id = idOfGuard.get(keys.nikGuard(year, hashes.get(n) ?? '').pk);
      return id ? [[n, id] as const] : [];
    }),
  );
  const named = parsed.map((r) => r.id ?? (r.nik ? idOfNik.get(r.nik) : undefined));
  const ids = [...new Set(named.flatMap((id) => (id ? [id] : [])))];
  const pairs = new Set(
    parsed.flatMap((r, i) => (named[i] && r.reference ? [`${named[i]}\u0000${r.reference}`] : [])),
  );
  const items = await batchGet([
    ...ids.map((id) => keys.candidate(id)),
    ...[...pairs].flatMap((pair) => {
      const [id = '', reference = ''] = pair.split('\u0000');
      return referenceKeys(id, reference);
    }),
  ]);
  const candidates = new Map<string, CandidateItem>() as Map<string, CandidateItem> & PaymentLookupParts;
  candidates.references = new Set<string>();
  candidates.idOfNik = idOfNik;
  for (const item of items) {
    if (item.sk === 'CANDIDATE') {
      const candidate = withoutKeys<CandidateItem>(item);
      candidates.set(candidate.id, candidate);
    } else candidates.references.add(referenceOf(item));
  }
  return candidates;
}

interface PaymentLookupParts {
  /** `<candidate id>\0<reference>` of every reference found. */
  references: Set<string>;
  idOfNik: Map<string, string>;
}

/** A reference item's candidate and reference: `CANDIDATE#<id>`, `REFERENCE#<source>#<reference>`. */
function referenceOf(item: Record<string, unknown>): string {
  const id = String(item.pk).slice('CANDIDATE#'.length);
  const reference = String(item.sk).split('#').slice(2).join('#');
  return `${id}\u0000${reference}`;
}

const lookupOf = (read: Map<string, CandidateItem> & PaymentLookupParts): PaymentLookup => ({
  candidate: (id) => read.get(id),
  idOfNik: (nik) => read.idOfNik.get(nik),
  hasReference: (id, reference) => read.references.has(`${id}\u0000${reference}`),
});

/**
 * Checks a payment sheet row by row and, unless it is a dry run, records each OK row as a
 * payment: one transaction a payment, the candidate at its version, so that no sheet, raced
 * with another or with single payments, takes a candidate's paid total above its commitment.
 * A row whose candidate changed since it was read is read and checked again. Rows of one
 * village are written in file order, villages side by side; after 20 s of work (or a failure
 * of the system) the rows left say "send the same file again", which records only what is
 * missing (the rest is DUPLICATE by reference). Each check is charged to the account's
 * hourly budget of rows and recorded for Bappeda's upload history; a commit writes a
 * `PAYMENT_SHEET_IMPORTED` audit entry besides each payment's `PAYMENT_RECORDED`.
 */
export async function importPaymentSheet(
  principal: Principal,
  options: {
    year: number;
    dryRun: boolean;
    source: ImportSource;
    lang: Lang;
    channel: 'api' | 'web';
    /** Told of a failure of the system that stopped the commit at a row (the caller logs it). */
    onFailure: (error: unknown, candidateId: string) => void;
  },
): Promise<{ report: PaymentSheetReport; rows: ImportRow[] }> {
  if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
  await requireProgram(options.year);
  const rows =
    'rows' in options.source
      ? options.source.rows
      : await readImportFile(options.source.bytes, options.source.contentType, PAYMENT_SHEET_COLUMNS);
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
  const parsed = rows.map(readPaymentRow);
  const read = await readLookup(parsed, options.year);
  const today = todayInBrebes(clockNow());
  const checked = checkPaymentRows(parsed, lookupOf(read), options.year, today);
  const recorded = options.dryRun
    ? new Map<number, { id: string; amount: number }>()
    : await recordPayments(principal, parsed, checked, read, { ...options, today });

  const count = (status: PaymentRowStatus) => checked.filter((r) => r.status === status).length;
  const sum = (amounts: number[]) => amounts.reduce((a, b) => a + b, 0);
  const report: PaymentSheetReport = {
    summary: {
      rows: checked.length,
      ok: count('OK'),
      errors: count('ERROR'),
      duplicates: count('DUPLICATE'),
      okAmount: sum(checked.map((r) => r.payment?.amount ?? 0)),
      recorded: recorded.size,
      recordedAmount: sum([...recorded.values()].map((r) => r.amount)),
    },
    rows: checked.map((r) => ({
      row: r.line,
      status: r.status,
      candidateId: r.candidateId,
      disbursementId: recorded.get(r.line)?.id ?? null,
      messages: r.messages.map((m) => ({ column: m.column, message: render(m, options.lang) })),
    })),
  };
  const at = clockNow().toISOString();
  const id = newId();
  await recordImport({
    id,
    at,
    actor: { id: principal.sub, role: principal.role },
    year: options.year,
    villageCode: regency.code,
    rows: rows.length,
    dryRun: options.dryRun,
    registered: recorded.size,
    channel: options.channel,
    kind: 'PAYMENT_SHEET',
  });
  if (!options.dryRun) {
    await writeAudit({
      at,
      actor: { id: principal.sub, role: principal.role },
      action: 'PAYMENT_SHEET_IMPORTED',
      year: options.year,
      target: id,
      details: {
        rows: rows.length,
        recorded: recorded.size,
        amount: report.summary.recordedAmount,
        dryRun: false,
        channel: options.channel,
      },
    });
  }
  return { report, rows };
}

/**
 * Records the OK rows: each village's in file order, villages side by side. Before each write
 * the row is checked again against the candidate as it is now (as read, then as this run's
 * own payments or a fresh read left it), so that a row that another writer made too much or a
 * duplicate becomes an ERROR or a DUPLICATE instead of a payment.
 */
async function recordPayments(
  principal: Principal,
  parsed: PaymentRow[],
  checked: CheckedPayment[],
  read: Map<string, CandidateItem> & PaymentLookupParts,
  options: { year: number; today: CalendarDate; onFailure: (error: unknown, candidateId: string) => void },
): Promise<Map<number, { id: string; amount: number }>> {
  const { year, today } = options;
  const recorded = new Map<number, { id: string; amount: number }>();
  const byVillage = new Map<string, number[]>();
  checked.forEach((row, i) => {
    const village = row.candidateId ? read.get(row.candidateId)?.villageCode : undefined;
    if (row.status !== 'OK' || !village) return;
    byVillage.set(village, [...(byVillage.get(village) ?? []), i]);
  });
  const deadline = Date.now() + WORK_MS;
  let stopped = false;
  const notRecorded = (row: CheckedPayment) =>
    row.messages.push({ column: '', key: 'paymentSheet.notRecorded' } satisfies RowMessage);

  const recordRow = async (i: number) => {
    const row = checked[i] as CheckedPayment;
    const candidateId = row.candidateId ?? '';
    // Checked again as the sheet named it by id: a row named by NIK is its candidate's now.
    const again: PaymentRow = { ...(parsed[i] as PaymentRow), id: candidateId };
    delete again.nik;
    for (let attempt = 1; ; attempt++) {
      const [now] = checkPaymentRows([again], lookupOf(read), year, today);
      const current = read.get(candidateId);
      if (now?.status !== 'OK' || !now.payment || !current) {
        Object.assign(row, now ? { status: now.status, messages: now.messages } : {});
        return;
      }
      const at = clockNow().toISOString();
      const written = await writePayment(principal, current, now.payment, at);
      if (written.outcome === 'ok') {
        read.set(candidateId, written.updated);
        read.references.add(`${candidateId}\u0000${now.payment.reference}`);
        recorded.set(row.line, { id: written.disbursement.id, amount: now.payment.amount });
        return;
      }
      if (attempt >= ATTEMPTS) throw new DomainError('RETRY_LATER', { retryAfter: 1 });
      // Another payment of the candidate came first: read the candidate and this reference again.
      const fresh = await batchGet([
        keys.candidate(candidateId),
        ...referenceKeys(candidateId, now.payment.reference),
      ]);
      for (const item of fresh) {
        if (item.sk === 'CANDIDATE') read.set(candidateId, withoutKeys<CandidateItem>(item));
        else read.references.add(referenceOf(item));
      }
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  };

  const queues = [...byVillage.values()];
  const worker = async () => {
    for (let queue = queues.shift(); queue; queue = queues.shift()) {
      for (const i of queue) {
        const row = checked[i] as CheckedPayment;
        if (stopped || Date.now() > deadline) {
          notRecorded(row);
          continue;
        }
        try {
          await recordRow(i);
        } catch (error) {
          // A failure of the system: this row and every row not started say "send again".
          stopped = true;
          options.onFailure(error, row.candidateId ?? '');
          notRecorded(row);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: VILLAGES_AT_ONCE }, worker));
  return recorded;
}
