import type { Status } from '../domain/candidate.js';
import type { DuplicateDecision } from '../domain/duplicates.js';
import type { Visit } from '../domain/follow-up.js';
import type { School } from '../domain/workflow.js';
import type { Role } from '../principal.js';
import type { CandidateItem, Disbursement, PaymentRecord, PaymentVoid } from './candidate-item.js';
import { tableName } from './client.js';
import { queryAll } from './query-all.js';
import { keys, withoutKeys } from './table.js';

/** One step of a candidate's workflow; registration is the first (from `null`). */
export interface HistoryEntry {
  at: string;
  actor: { id: string; role: Role };
  from: Status | null;
  to: Status;
  note: string | null;
  school?: School | null;
  /** A school change (from and to the same status): the school the learner left. */
  previousSchool?: School;
  /** A correction (from and to the same status): the fields changed, by name (never values). */
  corrected?: string[];
  /** A duplicate review: the decision and the records it was made against. */
  duplicateReview?: { decision: DuplicateDecision; with: string[] };
}

/**
 * The Put that appends an entry, keyed by the candidate version it created. It only ever
 * creates: an entry that exists is never overwritten, and nothing updates or deletes one.
 */
export const appendHistory = (candidateId: string, version: number, entry: HistoryEntry) => ({
  Put: {
    TableName: tableName(),
    Item: { ...keys.history(candidateId, version), ...entry },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** The whole history, oldest first. */
export async function readHistory(candidateId: string): Promise<HistoryEntry[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :history)',
    ExpressionAttributeValues: { ':pk': keys.candidate(candidateId).pk, ':history': 'HISTORY#' },
  });
  return items.map((item) => withoutKeys<HistoryEntry>(item));
}

/** Each payment with its reversal, if any, in the order given. */
function withVoids(payments: Disbursement[], voids: PaymentVoid[]): PaymentRecord[] {
  const byPayment = new Map(voids.map(({ disbursementId, ...v }) => [disbursementId, v]));
  return payments.map((p) => ({ ...p, voided: byPayment.get(p.id) ?? null }));
}

/**
 * The whole history, every payment (with its reversal) and every visit of a candidate in one
 * Query of its partition (`DISBURSEMENT#…` < `HISTORY#…` < `REFERENCE#…` < `VISIT#…` <
 * `VOID#…`; the payment references between them are small and skipped). Visits newest first.
 */
export async function readHistoryAndPayments(
  candidateId: string,
): Promise<{ history: HistoryEntry[]; payments: PaymentRecord[]; visits: Visit[] }> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :payments AND :afterVoids',
    ExpressionAttributeValues: {
      ':pk': keys.candidate(candidateId).pk,
      ':payments': 'DISBURSEMENT#',
      ':afterVoids': 'VOID$',
    },
  });
  const of = (prefix: string) => items.filter((i) => String(i.sk).startsWith(prefix));
  return {
    history: of('HISTORY#').map((i) => withoutKeys<HistoryEntry>(i)),
    payments: withVoids(
      of('DISBURSEMENT#').map((i) => withoutKeys<Disbursement>(i)),
      of('VOID#').map((i) => withoutKeys<PaymentVoid>(i)),
    ),
    visits: of('VISIT#')
      .map((i) => withoutKeys<Visit>(i))
      .reverse(),
  };
}

/** A candidate's payments with their reversals, oldest first: two ranges of its partition. */
export async function readPayments(candidateId: string): Promise<PaymentRecord[]> {
  const [payments, voids] = await Promise.all(
    ['DISBURSEMENT#', 'VOID#'].map((prefix) =>
      queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.candidate(candidateId).pk, ':prefix': prefix },
      }),
    ),
  );
  return withVoids(
    (payments ?? []).map((i) => withoutKeys<Disbursement>(i)),
    (voids ?? []).map((i) => withoutKeys<PaymentVoid>(i)),
  ).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id));
}

/**
 * The candidate and its whole history in one Query of its partition (the candidate's `sk` is
 * `CANDIDATE`, its entries `HISTORY#…`; the disbursements between them are skipped), instead
 * of a GetItem followed by a Query.
 */
export async function readCandidateAndHistory(
  candidateId: string,
): Promise<{ candidate: CandidateItem | undefined; history: HistoryEntry[] }> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :candidate AND :afterHistory',
    // '$' follows '#': every HISTORY#… key sorts before HISTORY$.
    ExpressionAttributeValues: {
      ':pk': keys.candidate(candidateId).pk,
      ':candidate': keys.candidate(candidateId).sk,
      ':afterHistory': 'HISTORY$',
    },
  });
  const record = items.find((item) => item.sk === keys.candidate(candidateId).sk);
  return {
    candidate: record && withoutKeys<CandidateItem>(record),
    history: items
      .filter((item) => String(item.sk).startsWith('HISTORY#'))
      .map((item) => withoutKeys<HistoryEntry>(item)),
  };
}
