import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Status } from '../domain/candidate.js';
import type { School } from '../domain/workflow.js';
import type { Role } from '../principal.js';
import { type CandidateItem, stripKeys } from './candidates.js';
import { db, tableName } from './client.js';
import { keys } from './table.js';

/** One step of a candidate's workflow; registration is the first (from `null`). */
export interface HistoryEntry {
  at: string;
  actor: { id: string; role: Role };
  from: Status | null;
  to: Status;
  note: string | null;
  school?: School | null;
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
  const entries: HistoryEntry[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :history)',
        ExpressionAttributeValues: { ':pk': keys.candidate(candidateId).pk, ':history': 'HISTORY#' },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const { pk: _pk, sk: _sk, ...entry } of page.Items ?? []) entries.push(entry as HistoryEntry);
    start = page.LastEvaluatedKey;
  } while (start);
  return entries;
}

/**
 * The candidate and its whole history in one Query of its partition (the candidate's `sk` is
 * `CANDIDATE`, its entries `HISTORY#…`; the disbursements between them are skipped), instead
 * of a GetItem followed by a Query.
 */
export async function readCandidateAndHistory(
  candidateId: string,
): Promise<{ candidate: CandidateItem | undefined; history: HistoryEntry[] }> {
  let candidate: CandidateItem | undefined;
  const history: HistoryEntry[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :candidate AND :afterHistory',
        // '$' follows '#': every HISTORY#… key sorts before HISTORY$.
        ExpressionAttributeValues: {
          ':pk': keys.candidate(candidateId).pk,
          ':candidate': keys.candidate(candidateId).sk,
          ':afterHistory': 'HISTORY$',
        },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const sk = String(item.sk);
      if (sk === keys.candidate(candidateId).sk) candidate = stripKeys(item);
      else if (sk.startsWith('HISTORY#')) {
        const { pk: _pk, sk: _sk, ...entry } = item;
        history.push(entry as HistoryEntry);
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { candidate, history };
}
