import type { Status } from '../domain/candidate.js';
import type { Visit } from '../domain/follow-up.js';
import type { School } from '../domain/workflow.js';
import type { Role } from '../principal.js';
import type { CandidateItem, Disbursement } from './candidate-item.js';
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

/**
 * The whole history, every payment and every visit of a candidate in one Query of its
 * partition (`DISBURSEMENT#…` < `HISTORY#…` < `REFERENCE#…` < `VISIT#…`; the payment
 * references between them are small and skipped). Visits newest first.
 */
export async function readHistoryAndPayments(
  candidateId: string,
): Promise<{ history: HistoryEntry[]; payments: Disbursement[]; visits: Visit[] }> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :payments AND :afterVisits',
    ExpressionAttributeValues: {
      ':pk': keys.candidate(candidateId).pk,
      ':payments': 'DISBURSEMENT#',
      ':afterVisits': 'VISIT$',
    },
  });
  const of = (prefix: string) => items.filter((i) => String(i.sk).startsWith(prefix));
  return {
    history: of('HISTORY#').map((i) => withoutKeys<HistoryEntry>(i)),
    payments: of('DISBURSEMENT#').map((i) => withoutKeys<Disbursement>(i)),
    visits: of('VISIT#')
      .map((i) => withoutKeys<Visit>(i))
      .reverse(),
  };
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
