import type { CandidateItem, FundingSource } from '../db/candidate-item.js';
import { isReference, normaliseReference, paymentProblems } from '../domain/budget.js';
import type { CalendarDate } from '../domain/dates.js';
import { isId } from '../domain/ids.js';
import { parseRupiah } from '../domain/money.js';
import { checkNik } from '../domain/nik.js';
import { addMessages } from '../i18n.js';
import { cellText, excelMadeNumber, importDate } from './cells.js';
import type { RowMessage } from './columns.js';
import { importMessages } from './messages.js';
import { paymentSheetMessages } from './payment-sheet-messages.js';
import type { FileColumn, ImportRow } from './read-file.js';
import type { TemplateColumn } from './template.js';

// The messages these checks give join the catalogue.
addMessages(importMessages);
addMessages(paymentSheetMessages);

/**
 * A payment sheet (docs/api.md, "Payment sheets"): many payments to learners at once, read by
 * the survey list's readers (shared/imports/read-file.ts) and checked row by row with the
 * rules of a single payment (`paymentProblems`).
 */
export const PAYMENT_SHEET_COLUMNS: readonly (FileColumn & TemplateColumn)[] = [
  {
    header: 'ID Calon',
    required: true,
    alternative: 'NIK',
    example: '',
    explain: 'ID calon dari alamat halaman calon (26 huruf dan angka); boleh kosong bila NIK diisi',
  },
  {
    header: 'NIK',
    required: false,
    example: '3329014507100001',
    explain: 'NIK lengkap 16 angka, sebagai ganti ID Calon; format kolom sebagai Teks di Excel',
    text: true,
  },
  { header: 'Sumber', required: true, example: 'APBDES', explain: 'APBD atau APBDES' },
  {
    header: 'Jumlah',
    required: true,
    example: '1500000',
    explain:
      'rupiah utuh, misalnya 1500000 atau 1.500.000; paling banyak sisa komitmen calon dari sumber itu',
  },
  {
    header: 'Tanggal Bayar',
    required: true,
    example: '2026-08-01',
    explain: 'TTTT-BB-HH atau HH-BB-TTTT; tidak sebelum tahun program calon dan tidak setelah hari ini',
  },
  {
    header: 'Referensi',
    required: true,
    example: 'SP2D/001',
    explain:
      'nomor SP2D atau bukti bayar: 1–64 huruf, angka, spasi, titik, garis miring, tanda hubung; satu calon tidak dibayar dua kali dengan nomor yang sama',
  },
];

export type PaymentRowStatus = 'OK' | 'ERROR' | 'DUPLICATE';

/** A row's cells as a payment, with the problems of the cells that could not be read. */
export interface PaymentRow {
  line: number;
  /** The candidate as the sheet names it: by id, or by a whole NIK (normalised). */
  id?: string;
  nik?: string;
  source?: FundingSource;
  amount?: number;
  paidAt?: string;
  /** Normalised, and of the right form. */
  reference?: string;
  problems: RowMessage[];
}

export interface CheckedPayment {
  line: number;
  status: PaymentRowStatus;
  candidateId: string | null;
  messages: RowMessage[];
  /** An OK row's payment, to record. */
  payment?: { source: FundingSource; amount: number; paidAt: string; reference: string };
}

const SOURCES: Record<string, FundingSource> = { APBD: 'APBD', APBDES: 'APBDES' };
const COLUMN_OF_FIELD: Record<string, string> = {
  reference: 'Referensi',
  paidAt: 'Tanggal Bayar',
  amount: 'Jumlah',
  source: 'Sumber',
};

/** One row's cells read as a payment; each cell that cannot be read is a problem of its column. */
export function readPaymentRow(row: ImportRow): PaymentRow {
  const read: PaymentRow = { line: row.line, problems: [] };
  const problem = (column: string, message: Omit<RowMessage, 'column'>) =>
    read.problems.push({ ...message, column });
  const text = (column: string) => cellText(row.cells[column]);

  const id = text('ID Calon').toUpperCase();
  if (id !== '') {
    if (isId(id)) read.id = id;
    else problem('ID Calon', { key: 'paymentSheet.id' });
  }
  const nikCell = row.cells.NIK;
  const nik = text('NIK');
  if (excelMadeNumber(nikCell)) problem('NIK', { key: 'import.excelNumber', params: { column: 'NIK' } });
  else if (nik !== '') {
    const checked = checkNik(nik);
    if (checked.problems.length > 0) for (const p of checked.problems) problem('NIK', p);
    else read.nik = checked.nik;
  }
  if (id === '' && nik === '' && !excelMadeNumber(nikCell))
    problem('ID Calon', { key: 'paymentSheet.noCandidate' });

  const source = text('Sumber').toUpperCase().replace(/\s+/g, '');
  if (source === '') problem('Sumber', { key: 'field.required' });
  else if (SOURCES[source]) read.source = SOURCES[source];
  else problem('Sumber', { key: 'import.oneOf', params: { values: 'APBD, APBDES' } });

  const amountCell = row.cells.Jumlah;
  if (typeof amountCell === 'number') {
    if (Number.isSafeInteger(amountCell) && amountCell >= 1) read.amount = amountCell;
    else problem('Jumlah', { key: 'paymentSheet.amount' });
  } else if (text('Jumlah') === '') problem('Jumlah', { key: 'field.required' });
  else {
    const parsed = parseRupiah(text('Jumlah'));
    if ('problem' in parsed) problem('Jumlah', { key: parsed.problem });
    else if (parsed.amount < 1 || parsed.amount > 1_000_000_000_000)
      problem('Jumlah', { key: 'paymentSheet.amount' });
    else read.amount = parsed.amount;
  }

  const paidAt = text('Tanggal Bayar');
  if (paidAt === '') problem('Tanggal Bayar', { key: 'field.required' });
  else {
    const date = importDate(paidAt);
    if (typeof date === 'string') read.paidAt = date;
    else problem('Tanggal Bayar', date);
  }

  const reference = normaliseReference(text('Referensi'));
  if (reference === '') problem('Referensi', { key: 'field.required' });
  else if (isReference(reference)) read.reference = reference;
  else problem('Referensi', { key: 'disbursement.reference' });
  return read;
}

/** What the checks know of the table, read beforehand in batches. */
export interface PaymentLookup {
  /** A candidate by id (as read, or as this sheet's earlier payments left it). */
  candidate(id: string): CandidateItem | undefined;
  /** The candidate of a whole NIK in the sheet's year. */
  idOfNik(nik: string): string | undefined;
  /** Whether the candidate already has a payment with this reference, from either source. */
  hasReference(candidateId: string, reference: string): boolean;
}

/**
 * Every row in file order: the candidate it names (by id, or by NIK in the sheet's year),
 * then DUPLICATE when the candidate already has a payment with that reference or an earlier
 * row has the same candidate and reference, then the rules of a payment against what is left
 * of the commitment after the OK rows before it. Pure: the lookup was read before.
 */
export function checkPaymentRows(
  rows: readonly PaymentRow[],
  lookup: PaymentLookup,
  year: number,
  today: CalendarDate,
): CheckedPayment[] {
  // Each candidate as the OK rows so far leave it, and the first row of each candidate and reference.
  const after = new Map<string, CandidateItem>();
  const firstRow = new Map<string, number>();
  return rows.map((row): CheckedPayment => {
    const messages: RowMessage[] = [...row.problems];
    const byId = row.id === undefined ? undefined : lookup.candidate(row.id);
    if (row.id !== undefined && (!byId || byId.year !== year)) {
      messages.push(
        byId
          ? { column: 'ID Calon', key: 'paymentSheet.otherYear', params: { year: byId.year } }
          : { column: 'ID Calon', key: 'paymentSheet.idNotFound', params: { year } },
      );
    }
    const nikId = row.nik === undefined ? undefined : lookup.idOfNik(row.nik);
    if (row.nik !== undefined && !nikId) {
      messages.push({
        column: 'NIK',
        key: 'paymentSheet.nikNotFound',
        params: { last4: row.nik.slice(-4), year },
      });
    }
    if (byId && nikId && byId.id !== nikId) messages.push({ column: 'NIK', key: 'paymentSheet.idAndNik' });
    const candidateId = byId?.id ?? nikId;
    const candidate =
      candidateId === undefined ? undefined : (after.get(candidateId) ?? lookup.candidate(candidateId));
    const error = (more: RowMessage[] = []): CheckedPayment => ({
      line: row.line,
      status: 'ERROR',
      candidateId: candidate?.id ?? null,
      messages: [...messages, ...more],
    });
    let earlier: number | undefined;
    if (candidate && row.reference !== undefined) {
      const pair = `${candidate.id}\u0000${row.reference}`;
      earlier = firstRow.get(pair);
      if (earlier === undefined) firstRow.set(pair, row.line);
    }
    if (messages.length > 0 || !candidate) return error();
    const { source, amount, paidAt, reference } = row;
    if (!source || amount === undefined || !paidAt || !reference) return error();
    if (lookup.hasReference(candidate.id, reference) || earlier !== undefined) {
      return {
        line: row.line,
        status: 'DUPLICATE',
        candidateId: candidate.id,
        messages: [
          earlier === undefined
            ? { column: 'Referensi', key: 'paymentSheet.duplicateRecorded' }
            : { column: 'Referensi', key: 'paymentSheet.duplicateRow', params: { row: earlier } },
        ],
      };
    }
    const payment = { source, amount, paidAt, reference };
    const rules = paymentProblems(candidate, payment, today);
    const found = [...rules.problems, ...(rules.ceiling ? [rules.ceiling] : [])];
    if (found.length > 0) return error(found.map((p) => ({ ...p, column: COLUMN_OF_FIELD[p.field] ?? '' })));
    after.set(candidate.id, {
      ...candidate,
      disbursed: { ...candidate.disbursed, [source]: candidate.disbursed[source] + amount },
    });
    return { line: row.line, status: 'OK', candidateId: candidate.id, messages: [], payment };
  });
}
