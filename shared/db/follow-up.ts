import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Status } from '../domain/candidate.js';
import { dueOf, type FollowUpFields, followUpCounterChanges, type Visit } from '../domain/follow-up.js';
import type { CandidateItem } from './candidate-item.js';
import { db, tableName } from './client.js';
import { candidateFilter } from './list-filter.js';
import { queryAll } from './query-all.js';
import { keys, withoutKeys } from './table.js';
import type { TransactItem } from './transact.js';
import { UpdateBuilder } from './update-expression.js';

/** A record's due index attributes (none when it is closed: the index is sparse). */
export function dueIndexOf(c: CandidateItem): Record<string, string> {
  const due = dueOf(c);
  return due ? keys.dueIndex(c.districtCode, due, c.villageCode, c.id) : {};
}

/**
 * The update of a village's follow-up counters for a change of its records (each pair: a
 * record before and after; either may be absent), or nothing when no counter moves.
 */
export function followUpWrite(
  year: number,
  villageCode: string,
  changes: [FollowUpFields | undefined, FollowUpFields | undefined][],
): TransactItem[] {
  const update = new UpdateBuilder();
  for (const [before, after] of changes) update.addAll(followUpCounterChanges(before, after));
  if (update.isEmpty) return [];
  return [{ Update: { TableName: tableName(), Key: keys.followUp(year, villageCode), ...update.build() } }];
}

/** A visit's write: append-only, never over another. */
export function putVisit(candidateId: string, visit: Visit): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.visit(candidateId, visit.date, visit.id), ...visit },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Every visit of a candidate, newest first (by the visit's date, then as recorded). */
export async function readVisits(candidateId: string): Promise<Visit[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :visit)',
    ExpressionAttributeValues: { ':pk': keys.candidate(candidateId).pk, ':visit': 'VISIT#' },
  });
  return items.map((i) => withoutKeys<Visit>(i)).reverse();
}

/**
 * The follow-up counters of a cohort's villages, by village code: those of one kecamatan
 * (one Query of its villages' items, `VILLAGE#<kecamatan>.` being their common start), or of
 * every village.
 */
export async function readFollowUpCounters(
  year: number,
  districtCode?: string,
): Promise<Map<string, Record<string, unknown>>> {
  const prefix = `VILLAGE#${districtCode ? `${districtCode}.` : ''}`;
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :village)',
    ExpressionAttributeValues: { ':pk': keys.followUp(year, '').pk, ':village': prefix },
  });
  return new Map(items.map((i) => [String(i.sk).slice('VILLAGE#'.length), i]));
}

/**
 * One kecamatan's open records whose next visit is due in `[from, to]` (index sort keys:
 * `<due>#<village>#<id>`; bounds compared as text), in due order, at most `limit` after the
 * filters (village, cohort, statuses, a flag), which DynamoDB applies after reading: it reads on until
 * the page is full or the range ends.
 */
export async function queryDue(options: {
  districtCode: string;
  from: string;
  to: string;
  villageCode?: string;
  year?: number;
  statuses?: readonly Status[];
  flag?: string;
  limit: number;
}): Promise<{ item: CandidateItem; sortKey: string }[]> {
  const { districtCode, from, to, limit, ...narrowed } = options;
  const filter = candidateFilter(narrowed, {
    ':pk': keys.dueIndex(districtCode, '', '', '').gsi3pk,
    ':from': from,
    ':to': to,
  });
  const found: { item: CandidateItem; sortKey: string }[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk BETWEEN :from AND :to',
        ...filter,
        Limit: limit - found.length,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const i of page.Items ?? [])
      found.push({ item: withoutKeys<CandidateItem>(i), sortKey: String(i.gsi3sk) });
    startKey = page.LastEvaluatedKey;
  } while (startKey && found.length < limit);
  return found;
}
