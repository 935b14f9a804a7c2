import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { counterChanges } from '../domain/budget.js';
import type { Status } from '../domain/candidate.js';
import { MAX_SEARCH_ENTRIES } from '../domain/search.js';
import { batchGet } from './batch-get.js';
import type { CandidateItem, VillageFunding } from './candidate-item.js';
import { db, tableName } from './client.js';
import { dueIndexOf, followUpWrite } from './follow-up.js';
import { appendHistory, type HistoryEntry } from './history.js';
import { candidateFilter } from './list-filter.js';
import { openRecord, type PersonRecord, releaseRecord } from './people.js';
import { searchWrites } from './search.js';
import { keys, withoutKeys } from './table.js';
import { MAX_TRANSACTION_ITEMS, type TransactItem, transactOr } from './transact.js';
import { UpdateBuilder } from './update-expression.js';
import { aggregateChange } from './villages.js';
import { appendToWaitlist, waitlistLengthIs } from './waitlists.js';

export interface IdempotencyRecord {
  fingerprint: string;
  candidateId: string;
}

const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

/**
 * The writes that register `item`: its NIK guard (one NIK a year), the candidate, its first
 * history entry, the person's write (`personWrite`: opening the record, or carrying it over),
 * the look-alike index, the village aggregate (a place while fewer than `quota` are held and
 * nobody waits, else the end of a waitlist still `waiting` long) and the village's waitlist
 * item (checked empty, or appended to). The place was chosen from the aggregate and waitlist
 * read just before; their conditions make a stale choice fail, to be read again.
 */
export function registrationWrites(
  item: CandidateItem,
  place: { quota: number; waiting: number },
  personWrite: TransactItem,
  firstEntry: Pick<HistoryEntry, 'actor' | 'note'>,
): { writes: TransactItem[]; placesAt: number } {
  const aggregate = new UpdateBuilder()
    .set('villageCode', item.villageCode)
    .set('districtCode', item.districtCode)
    .addAll(counterChanges(undefined, item));
  const funded = () => aggregate.name('funded');
  const quota = () => aggregate.value(place.quota);
  let waitlist: TransactItem;
  if (item.villageFunding === 'FUNDED') {
    aggregate.when(`attribute_not_exists(${funded()}) OR ${funded()} < ${quota()}`);
    waitlist = waitlistLengthIs(item.year, item.villageCode, 0);
  } else {
    // Waitlisted because every place is held, or because others already wait; the waitlist
    // must be as long as when it was read, so the position answered is exact.
    if (place.waiting === 0) aggregate.when(`${funded()} >= ${quota()}`);
    waitlist = appendToWaitlist(item.year, item.villageCode, [item.id], place.waiting);
  }
  const creates = newCandidateWrites(item, personWrite, firstEntry);
  const placesAt = creates.length + item.fingerprints.length;
  const writes = [
    ...creates,
    ...item.fingerprints.map((hash) => addToFingerprint(item.year, hash, item.id)),
    {
      Update: {
        TableName: tableName(),
        Key: keys.villageAggregate(item.year, item.villageCode),
        ...aggregate.build(),
      },
    },
    waitlist,
    ...followUpWrite(item.year, item.villageCode, [[undefined, item]]),
  ];
  return { writes, placesAt };
}

/**
 * Writes a new candidate in one transaction (registrationWrites) and, when given, the
 * idempotency record. `personSeen`: how many records the person had as read.
 */
export async function insertCandidate(
  item: CandidateItem,
  place: { quota: number; waiting: number },
  personSeen: number,
  idempotency?: { key: string; sub: string; fingerprint: string },
): Promise<'ok' | 'duplicateNik' | 'personTaken' | 'idempotencyTaken' | 'placesChanged'> {
  const { writes, placesAt } = registrationWrites(
    item,
    place,
    openRecord(item.nikHash, personRecordOf(item), personSeen),
    { actor: { id: item.createdBy, role: 'village_official' }, note: null },
  );
  const transactItems = [
    ...writes,
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
  return transactOr(transactItems, (failed) => {
    if (idempotency && failed(transactItems.length - 1)) return 'idempotencyTaken';
    if (failed(0)) return 'duplicateNik';
    if (failed(PERSON_INDEX)) return 'personTaken';
    if (failed(placesAt) || failed(placesAt + 1)) return 'placesChanged';
    return undefined;
  });
}

/** Where the person's write stands among a new candidate's writes (newCandidateWrites). */
export const PERSON_INDEX = 3;

/** What the person item keeps of a record: its id, year, village and status. */
export const personRecordOf = (c: CandidateItem): PersonRecord => ({
  id: c.id,
  year: c.year,
  villageCode: c.villageCode,
  status: c.status,
});

/** A candidate as the table holds it: its keys, its list entries, its due index entry while open. */
const storedItem = (c: CandidateItem) => ({
  ...keys.candidate(c.id),
  ...keys.candidateIndex(c.year, c.villageCode, c.id),
  ...dueIndexOf(c),
  ...c,
});

/**
 * What creates a candidate: its NIK guard, its record, its first history entry (by whom,
 * with what note) and the person's write that opens it (`openRecord`, or `carryRecord` for a
 * carried-over one).
 */
const newCandidateWrites = (
  item: CandidateItem,
  personWrite: TransactItem,
  firstEntry: Pick<HistoryEntry, 'actor' | 'note'>,
): TransactItem[] => [
  takeNikGuard(item),
  {
    Put: { TableName: tableName(), Item: storedItem(item), ConditionExpression: 'attribute_not_exists(pk)' },
  },
  appendHistory(item.id, item.version, {
    at: item.createdAt,
    ...firstEntry,
    from: null,
    to: item.status,
  }),
  personWrite,
  ...searchWrites(undefined, item),
];

/** Adds (or removes) a candidate in the look-alike index. */
const addToFingerprint = (year: number, hash: string, id: string) => ({
  Update: {
    TableName: tableName(),
    Key: keys.fingerprint(year, hash),
    UpdateExpression: 'ADD ids :id',
    ExpressionAttributeValues: { ':id': new Set([id]) },
  },
});
export const removeFromFingerprint = (year: number, hash: string, id: string) => ({
  Update: {
    TableName: tableName(),
    Key: keys.fingerprint(year, hash),
    UpdateExpression: 'DELETE ids :id',
    ExpressionAttributeValues: { ':id': new Set([id]) },
  },
});

/** The guard that makes a NIK unique in a year: put only where none exists. */
const takeNikGuard = (item: CandidateItem) => ({
  Put: {
    TableName: tableName(),
    Item: { ...keys.nikGuard(item.year, item.nikHash), candidateId: item.id, villageCode: item.villageCode },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/**
 * Rows of a file written in one transaction: 4 items each (NIK guard, candidate, history,
 * person) and its search entries, with the look-alike index (2 fingerprints a row at most),
 * the aggregate, the waitlist and the follow-up counters within DynamoDB's 100.
 */
export const ROWS_PER_BATCH = Math.floor((MAX_TRANSACTION_ITEMS - 3) / (4 + MAX_SEARCH_ENTRIES + 2));

/**
 * Writes several new candidates of one village in one transaction (a committed import): their
 * NIK guards, records and first history entries, the look-alike index, and the village
 * aggregate and waitlist once, conditioned on the places and waitlist being exactly as `seen`.
 * Any failed condition (a NIK registered meanwhile, places changed) cancels the whole batch;
 * the caller then registers its rows one by one.
 */
export async function insertCandidateBatch(
  rows: { item: CandidateItem; personSeen: number }[],
  seen: { funded: number; waiting: number },
): Promise<'ok' | 'conflict'> {
  const items = rows.map((r) => r.item);
  const first = items[0];
  if (!first) return 'ok';
  const aggregate = new UpdateBuilder()
    .set('villageCode', first.villageCode)
    .set('districtCode', first.districtCode);
  for (const item of items) aggregate.addAll(counterChanges(undefined, item));
  const [funded, zero, seenFunded] = [
    aggregate.name('funded'),
    aggregate.value(0),
    aggregate.value(seen.funded),
  ];
  aggregate.when(
    `${funded} = ${seenFunded} OR (attribute_not_exists(${funded}) AND ${seenFunded} = ${zero})`,
  );
  const waitlisted = items.filter((i) => i.villageFunding === 'WAITLISTED').map((i) => i.id);
  const waitlist =
    waitlisted.length > 0
      ? appendToWaitlist(first.year, first.villageCode, waitlisted, seen.waiting)
      : waitlistLengthIs(first.year, first.villageCode, seen.waiting);
  const byFingerprint = new Map<string, string[]>();
  for (const item of items)
    for (const h of item.fingerprints) byFingerprint.set(h, [...(byFingerprint.get(h) ?? []), item.id]);
  const transactItems = [
    ...rows.flatMap(({ item, personSeen }) =>
      newCandidateWrites(item, openRecord(item.nikHash, personRecordOf(item), personSeen), {
        actor: { id: item.createdBy, role: 'village_official' },
        note: null,
      }),
    ),
    ...[...byFingerprint].map(([hash, ids]) => ({
      Update: {
        TableName: tableName(),
        Key: keys.fingerprint(first.year, hash),
        UpdateExpression: 'ADD ids :ids',
        ExpressionAttributeValues: { ':ids': new Set(ids) },
      },
    })),
    {
      Update: {
        TableName: tableName(),
        Key: keys.villageAggregate(first.year, first.villageCode),
        ...aggregate.build(),
      },
    },
    waitlist,
    ...followUpWrite(
      first.year,
      first.villageCode,
      items.map((item) => [undefined, item]),
    ),
  ];
  return transactOr(transactItems, (_, anyFailed) => (anyFailed ? 'conflict' : undefined));
}

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
  return Item ? withoutKeys<CandidateItem>(Item) : undefined;
}

/** Several candidates in one request (a person's other records); those that do not exist are left out. */
export async function readCandidates(ids: string[]): Promise<CandidateItem[]> {
  return (await batchGet(ids.map((id) => keys.candidate(id)))).map((item) =>
    withoutKeys<CandidateItem>(item),
  );
}

/** Puts a candidate that is still at `expectedVersion`. */
export const putCandidate = (c: CandidateItem, expectedVersion: number) => ({
  Put: {
    TableName: tableName(),
    Item: storedItem(c),
    ConditionExpression: 'version = :v',
    ExpressionAttributeValues: { ':v': expectedVersion },
  },
});

/**
 * Replaces a candidate still at `previous.version`. A changed NIK moves its guard, and changed
 * look-alike fingerprints move in the index, in the same transaction.
 */
export async function replaceCandidate(
  item: CandidateItem,
  previous: CandidateItem,
  /** When the NIK changed: how many records the new NIK's person had as read. */
  newPersonSeen = 0,
  /** The history entry of the change, written with it. */
  entry?: HistoryEntry,
): Promise<'ok' | 'versionMismatch' | 'duplicateNik' | 'personTaken'> {
  const nikChanged = previous.nikHash !== item.nikHash;
  const gone = previous.fingerprints.filter((h) => !item.fingerprints.includes(h));
  const added = item.fingerprints.filter((h) => !previous.fingerprints.includes(h));
  const transactItems = [
    putCandidate(item, previous.version),
    ...(nikChanged
      ? [
          takeNikGuard(item),
          {
            Delete: {
              TableName: tableName(),
              Key: keys.nikGuard(item.year, previous.nikHash),
              ConditionExpression: 'candidateId = :id',
              ExpressionAttributeValues: { ':id': item.id },
            },
          },
          // The record moves from the old NIK's person to the new one's, who must have none open.
          releaseRecord(previous.nikHash, item.id),
          openRecord(item.nikHash, personRecordOf(item), newPersonSeen),
        ]
      : []),
    ...gone.map((hash) => removeFromFingerprint(item.year, hash, item.id)),
    ...added.map((hash) => addToFingerprint(item.year, hash, item.id)),
    ...(entry ? [appendHistory(item.id, item.version, entry)] : []),
    // A corrected name or NIK moves the record in the search index.
    ...searchWrites(previous, item),
    // A corrected track, sex or reason moves the village's outcome figures.
    ...aggregateChange(previous, item),
  ];
  return transactOr(transactItems, (failed) => {
    if (failed(0)) return 'versionMismatch';
    if (nikChanged && failed(1)) return 'duplicateNik';
    if (nikChanged && failed(4)) return 'personTaken';
    return undefined;
  });
}

export interface CandidatePage {
  items: CandidateItem[];
  lastKey?: Record<string, string>;
}

/**
 * Candidates of a year whose index key starts with `prefix` (a village code followed by `#`,
 * or a kecamatan code followed by `.`, or nothing), in registration order per village.
 * Filters (statuses, village funding, a flag) are applied by DynamoDB, which filters after
 * reading: several requests may fill one page, so that no page comes back short while later
 * ones hold matches.
 */
/** The index a list reads, and its partition: one cohort's, or every cohort's. */
export function listIndex(year: number | undefined): { name: 'gsi1' | 'gsi2'; pk: string } {
  const keysOf = keys.candidateIndex(year ?? 0, '', '');
  return year === undefined ? { name: 'gsi2', pk: keysOf.gsi2pk } : { name: 'gsi1', pk: keysOf.gsi1pk };
}

export async function queryCandidates(options: {
  /** A cohort (its index, `gsi1`), or every cohort (`gsi2`, by village then year). */
  year?: number;
  prefix: string;
  statuses?: readonly Status[];
  villageFunding?: VillageFunding;
  flag?: string;
  limit: number;
  startKey?: Record<string, string>;
}): Promise<CandidatePage> {
  const index = listIndex(options.year);
  const filter = candidateFilter(
    {
      ...(options.statuses ? { statuses: options.statuses } : {}),
      ...(options.villageFunding ? { villageFunding: options.villageFunding } : {}),
      ...(options.flag ? { flag: options.flag } : {}),
    },
    { ':pk': index.pk, ...(options.prefix ? { ':prefix': options.prefix } : {}) },
  );
  const items: CandidateItem[] = [];
  let startKey = options.startKey;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: index.name,
        KeyConditionExpression: options.prefix
          ? `${index.name}pk = :pk AND begins_with(${index.name}sk, :prefix)`
          : `${index.name}pk = :pk`,
        ...filter,
        Limit: options.limit - items.length,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []).map((item) => withoutKeys<CandidateItem>(item)));
    startKey = page.LastEvaluatedKey as Record<string, string> | undefined;
  } while (startKey && items.length < options.limit);
  return { items, lastKey: startKey };
}

/**
 * A cohort's records still before enrolment (IDENTIFIED, VERIFIED), in registration order
 * (their ids sort by creation time), at most `max`: what a cohort carry-over takes.
 */
export async function carriableRecords(year: number, max: number): Promise<CandidateItem[]> {
  const { items } = await queryCandidates({
    year,
    prefix: '',
    statuses: ['IDENTIFIED', 'VERIFIED'],
    limit: max,
  });
  return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
