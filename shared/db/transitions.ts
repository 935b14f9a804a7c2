import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CandidateItem } from './candidates.js';
import { db, tableName } from './client.js';
import { cancellationCodes } from './failures.js';
import { appendHistory, type HistoryEntry } from './history.js';
import { keys } from './table.js';
import { countAttribute } from './villages.js';

/**
 * What a transition does to the village's places, decided from the aggregate just read:
 * - `keep`: the place (or none) stays as it is;
 * - `free`: a village place is released and nobody waits for it;
 * - `promote`: a village place is released and the head of the waitlist takes it;
 * - `unqueue`: a waitlisted candidate leaves the waitlist from `index`.
 */
export type PlaceChange =
  | { kind: 'keep' }
  | { kind: 'free' }
  | { kind: 'promote'; head: CandidateItem }
  | { kind: 'unqueue'; index: number };

/**
 * Writes a transition in one transaction: the candidate (if still at `expectedVersion`), its
 * history entry, the village aggregate (counts by status and places) and, on promotion, the
 * promoted candidate. Conditions make a stale reading of the aggregate fail, to be re-read.
 */
export async function writeTransition(
  updated: CandidateItem,
  expectedVersion: number,
  entry: HistoryEntry,
  place: PlaceChange,
): Promise<'ok' | 'versionMismatch' | 'placesChanged'> {
  const from = entry.from ?? updated.status;
  const names: Record<string, string> = {
    '#from': countAttribute(from),
    '#to': countAttribute(updated.status),
  };
  const values: Record<string, unknown> = { ':one': 1, ':minus': -1 };
  let update = 'ADD #from :minus, #to :one';
  let condition = 'attribute_exists(pk)';
  if (place.kind === 'free') {
    update += ', funded :minus';
    condition += ' AND (attribute_not_exists(waitlist) OR size(waitlist) = :zero)';
    values[':zero'] = 0;
  } else if (place.kind === 'promote') {
    update += ' REMOVE waitlist[0]';
    condition += ' AND waitlist[0] = :head';
    values[':head'] = place.head.id;
  } else if (place.kind === 'unqueue') {
    update += ` REMOVE waitlist[${place.index}]`;
    condition += ` AND waitlist[${place.index}] = :self`;
    values[':self'] = updated.id;
  }
  const transactItems = [
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.candidate(updated.id),
          ...keys.candidateIndex(updated.year, updated.villageCode, updated.id),
          ...updated,
        },
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': expectedVersion },
      },
    },
    appendHistory(updated.id, updated.version, entry),
    {
      Update: {
        TableName: tableName(),
        Key: keys.villageAggregate(updated.year, updated.villageCode),
        UpdateExpression: update,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    ...(place.kind === 'promote'
      ? [
          {
            Update: {
              TableName: tableName(),
              Key: keys.candidate(place.head.id),
              UpdateExpression: 'SET villageFunding = :funded, updatedAt = :at ADD version :one',
              ConditionExpression: 'version = :headVersion AND villageFunding = :waitlisted',
              ExpressionAttributeValues: {
                ':funded': 'FUNDED',
                ':waitlisted': 'WAITLISTED',
                ':at': updated.updatedAt,
                ':one': 1,
                ':headVersion': place.head.version,
              },
            },
          },
        ]
      : []),
  ];
  try {
    await db().send(new TransactWriteCommand({ TransactItems: transactItems }));
    return 'ok';
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    if (codes[0] === 'ConditionalCheckFailed') return 'versionMismatch';
    if (codes[2] === 'ConditionalCheckFailed' || codes[3] === 'ConditionalCheckFailed')
      return 'placesChanged';
    throw error;
  }
}
