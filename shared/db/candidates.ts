import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { counterChanges } from '../domain/budget.js';
import type { CandidateFields, Status } from '../domain/candidate.js';
import type { School } from '../domain/workflow.js';
import type { FieldProblem } from '../errors.js';
import { db, tableName } from './client.js';
import { cancellationCodes } from './failures.js';
import { appendHistory } from './history.js';
import { keys } from './table.js';
import { UpdateBuilder } from './update-expression.js';

export type VillageFunding = 'FUNDED' | 'WAITLISTED' | 'NONE';
export type FundingSource = 'APBDES' | 'APBD';

export interface ApbdPlace {
  place: number;
  amount: number;
}

/** A candidate as stored (the full NIK and KK are encrypted at rest with the table's key). */
export interface CandidateItem extends CandidateFields {
  id: string;
  year: number;
  villageCode: string;
  districtCode: string;
  status: Status;
  villageFunding: VillageFunding;
  /** The APBDes amount of the village place held (fixed when the place is taken). */
  villageAmount: number | null;
  /** The APBD place held: its number in the year's pool and its amount. */
  apbd: ApbdPlace | null;
  /** Rupiah paid so far, per source. */
  disbursed: Record<FundingSource, number>;
  school: School | null;
  version: number;
  warnings: FieldProblem[];
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  /** Keyed hash of the NIK: links the candidate to its NIK guard item. */
  nikHash: string;
}

export interface IdempotencyRecord {
  fingerprint: string;
  candidateId: string;
}

const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

/**
 * Writes a new candidate in one transaction: the NIK guard (one NIK a year), the village
 * aggregate (a place while fewer than `quota` are held and nobody waits, else the end of a
 * waitlist still `waiting` long), the candidate, its first history entry and, when given,
 * the idempotency record. The place was chosen from the aggregate read just before; the
 * aggregate's condition makes a stale choice fail, to be read again.
 */
export async function insertCandidate(
  item: CandidateItem,
  place: { quota: number; waiting: number },
  idempotency?: { key: string; sub: string; fingerprint: string },
): Promise<'ok' | 'duplicateNik' | 'idempotencyTaken' | 'placesChanged'> {
  const aggregate = new UpdateBuilder()
    .set('villageCode', item.villageCode)
    .set('districtCode', item.districtCode)
    .addAll(counterChanges(undefined, item));
  const [funded, waitlist, zero] = [aggregate.name('funded'), aggregate.name('waitlist'), aggregate.value(0)];
  const quota = aggregate.value(place.quota);
  if (item.villageFunding === 'FUNDED') {
    aggregate
      .when(`attribute_not_exists(${funded}) OR ${funded} < ${quota}`)
      .when(`attribute_not_exists(${waitlist}) OR size(${waitlist}) = ${zero}`);
  } else {
    const waiting = aggregate.value(place.waiting);
    aggregate
      .setExpression(
        'waitlist',
        `list_append(if_not_exists(${waitlist}, ${aggregate.value([])}), ${aggregate.value([item.id])})`,
      )
      .when(`${funded} >= ${quota} OR size(${waitlist}) > ${zero}`)
      // The waitlist must be as long as when it was read, so the position answered is exact.
      .when(`size(${waitlist}) = ${waiting} OR (attribute_not_exists(${waitlist}) AND ${waiting} = ${zero})`);
  }
  const transactItems = [
    takeNikGuard(item),
    {
      Update: {
        TableName: tableName(),
        Key: keys.villageAggregate(item.year, item.villageCode),
        ...aggregate.build(),
      },
    },
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.candidate(item.id),
          ...keys.candidateIndex(item.year, item.villageCode, item.id),
          ...item,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    appendHistory(item.id, item.version, {
      at: item.createdAt,
      actor: { id: item.createdBy, role: 'village_official' },
      from: null,
      to: item.status,
      note: null,
    }),
    ...(idempotency
      ? [
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...keys.idempotency(idempotency.sub, idempotency.key),
                fingerprint: idempotency.fingerprint,
                candidateId: item.id,
                expiresAt: Math.floor(Date.parse(item.createdAt) / 1000) + IDEMPOTENCY_TTL_SECONDS,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
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
    const failed = (i: number) => codes[i] === 'ConditionalCheckFailed';
    if (idempotency && failed(4)) return 'idempotencyTaken';
    if (failed(0)) return 'duplicateNik';
    if (failed(1)) return 'placesChanged';
    throw error;
  }
}

/** The guard that makes a NIK unique in a year: put only where none exists. */
const takeNikGuard = (item: CandidateItem) => ({
  Put: {
    TableName: tableName(),
    Item: { ...keys.nikGuard(item.year, item.nikHash), candidateId: item.id, villageCode: item.villageCode },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

export async function readIdempotency(sub: string, key: string): Promise<IdempotencyRecord | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.idempotency(sub, key), ConsistentRead: true }),
  );
  return Item as IdempotencyRecord | undefined;
}

export async function readCandidate(id: string): Promise<CandidateItem | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.candidate(id), ConsistentRead: true }),
  );
  return Item ? stripKeys(Item) : undefined;
}

function stripKeys(item: Record<string, unknown>): CandidateItem {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, ...candidate } = item;
  return candidate as unknown as CandidateItem;
}

/**
 * Replaces a candidate whose version is still `expectedVersion`. When the NIK changed, the
 * old guard is released and the new one taken in the same transaction.
 */
export async function replaceCandidate(
  item: CandidateItem,
  expectedVersion: number,
  previousNikHash: string,
): Promise<'ok' | 'versionMismatch' | 'duplicateNik'> {
  const nikChanged = previousNikHash !== item.nikHash;
  const transactItems = [
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.candidate(item.id),
          ...keys.candidateIndex(item.year, item.villageCode, item.id),
          ...item,
        },
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': expectedVersion },
      },
    },
    ...(nikChanged
      ? [
          takeNikGuard(item),
          {
            Delete: {
              TableName: tableName(),
              Key: keys.nikGuard(item.year, previousNikHash),
              ConditionExpression: 'candidateId = :id',
              ExpressionAttributeValues: { ':id': item.id },
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
    if (codes[1] === 'ConditionalCheckFailed') return 'duplicateNik';
    throw error;
  }
}

export interface CandidatePage {
  items: CandidateItem[];
  lastKey?: Record<string, string>;
}

/**
 * Candidates of a year whose index key starts with `prefix` (a village code followed by `#`,
 * or a kecamatan code followed by `.`, or nothing), in registration order per village.
 * With a status filter DynamoDB filters after reading, so several queries may fill a page.
 */
export async function queryCandidates(options: {
  year: number;
  prefix: string;
  status?: Status;
  limit: number;
  startKey?: Record<string, string>;
}): Promise<CandidatePage> {
  const items: CandidateItem[] = [];
  let startKey = options.startKey;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: options.prefix
          ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)'
          : 'gsi1pk = :pk',
        ExpressionAttributeValues: {
          ':pk': keys.candidateIndex(options.year, '', '').gsi1pk,
          ...(options.prefix ? { ':prefix': options.prefix } : {}),
          ...(options.status ? { ':status': options.status } : {}),
        },
        ...(options.status
          ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } }
          : {}),
        Limit: options.limit - items.length,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []).map(stripKeys));
    startKey = page.LastEvaluatedKey as Record<string, string> | undefined;
  } while (startKey && items.length < options.limit);
  return { items, lastKey: startKey };
}
