import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Status } from '../domain/candidate.js';
import { batchGet } from './batch-get.js';
import { db, tableName } from './client.js';
import { keys } from './table.js';

/**
 * A person across cohorts, keyed by the keyed hash of their NIK (never the NIK): which of
 * their records is open, and each record's year, village and status. Every write that opens
 * or closes a record (registration, an import, carry-over, a move to COMPLETED, INELIGIBLE or
 * WITHDRAWN, anonymisation) changes it in the same transaction, with conditions, so that a
 * person never has two open records, whatever the concurrency. Finding a person's earlier
 * records is one keyed read of this item.
 */
export interface PersonRecord {
  id: string;
  year: number;
  villageCode: string;
  /** The status the record had when it was written or closed (closed statuses never change). */
  status: Status;
}

export interface Person {
  /** The open record's id; `ANONYMISED` when it was anonymised while open (the NIK stays refused). */
  open?: string;
  /** How many records were ever opened: what a registration's condition checks it read. */
  records: number;
  byId: Map<string, PersonRecord>;
}

export const ANONYMISED_OPEN = 'ANONYMISED';
const RECORD_PREFIX = 'r_';

/** A stored person item as a Person (no item: nobody, with no records). */
export function personOf(item: Record<string, unknown> | undefined): Person {
  const byId = new Map<string, PersonRecord>();
  for (const [name, value] of Object.entries(item ?? {})) {
    if (name.startsWith(RECORD_PREFIX)) byId.set(name.slice(RECORD_PREFIX.length), value as PersonRecord);
  }
  return {
    ...(typeof item?.open === 'string' ? { open: item.open } : {}),
    records: Number(item?.records ?? 0),
    byId,
  };
}

/** A person's records across cohorts, by the keyed hash of their NIK. */
export async function readPerson(nikHash: string): Promise<Person> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.person(nikHash), ConsistentRead: true }),
  );
  return personOf(Item);
}

/** Several people in one request (a list's rows), by hash; nobody yet: no records. */
export async function readPeople(nikHashes: string[]): Promise<Map<string, Person>> {
  const hashes = [...new Set(nikHashes)];
  const items = await batchGet(hashes.map((h) => keys.person(h)));
  const byPk = new Map(items.map((item) => [String(item.pk), item]));
  return new Map(hashes.map((h) => [h, personOf(byPk.get(keys.person(h).pk))]));
}

/** The records that are not open, oldest year first: what a new registration lists as `previous`. */
export const closedRecords = (person: Person): PersonRecord[] =>
  [...person.byId.values()].filter((r) => r.id !== person.open).sort((a, b) => a.year - b.year);

const NAMES = { '#open': 'open', '#records': 'records' };

/**
 * Opens `record` for the person, who must have no open record and exactly `seenRecords`
 * records (as read): a stale reading fails, to be read again.
 */
export function openRecord(nikHash: string, record: PersonRecord, seenRecords: number) {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.person(nikHash),
      UpdateExpression: 'SET #open = :id, #record = :record ADD #records :one',
      ConditionExpression:
        'attribute_not_exists(#open) AND (attribute_not_exists(#records) OR #records = :seen)',
      ExpressionAttributeNames: { ...NAMES, '#record': `${RECORD_PREFIX}${record.id}` },
      ExpressionAttributeValues: { ':id': record.id, ':record': record, ':one': 1, ':seen': seenRecords },
    },
  };
}

/**
 * Closes the person's record `record` with its final status. When it is the person's open
 * record (`wasOpen`) the person has none open afterwards; a record that is not (two records
 * open in two cohorts from before the person item existed, see scripts/migrate-cohorts.ts)
 * only has its status written. A person item written before this record (none, for records
 * older than the item) is created as it should be.
 */
export function closeRecord(nikHash: string, record: PersonRecord, wasOpen = true) {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.person(nikHash),
      UpdateExpression: wasOpen ? 'SET #record = :record REMOVE #open' : 'SET #record = :record',
      ConditionExpression: wasOpen
        ? 'attribute_not_exists(#open) OR #open = :id'
        : 'attribute_exists(#open) AND #open <> :id',
      ExpressionAttributeNames: { '#open': 'open', '#record': `${RECORD_PREFIX}${record.id}` },
      ExpressionAttributeValues: { ':id': record.id, ':record': record },
    },
  };
}

/**
 * A correction moved the record to another NIK: it leaves the old person (whose open record
 * it was) entirely.
 */
export function releaseRecord(nikHash: string, recordId: string) {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.person(nikHash),
      UpdateExpression: 'REMOVE #open, #record',
      ConditionExpression: 'attribute_not_exists(#open) OR #open = :id',
      ExpressionAttributeNames: { '#open': 'open', '#record': `${RECORD_PREFIX}${recordId}` },
      ExpressionAttributeValues: { ':id': recordId },
    },
  };
}

/**
 * Carry-over: the open record `from` closes (WITHDRAWN) and `to` opens, in one update. A
 * person item that does not name `from` as open (`fromOpen` false: its records are older than
 * the item, see scripts/migrate-cohorts.ts) must still have no open record and `seenRecords`.
 */
export function carryRecord(
  nikHash: string,
  from: PersonRecord,
  to: PersonRecord,
  seen: { fromOpen: boolean; records: number },
) {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.person(nikHash),
      UpdateExpression: 'SET #open = :to, #from = :fromRecord, #to = :toRecord ADD #records :one',
      ConditionExpression: seen.fromOpen
        ? '#open = :from'
        : 'attribute_not_exists(#open) AND (attribute_not_exists(#records) OR #records = :seen)',
      ExpressionAttributeNames: {
        ...NAMES,
        '#from': `${RECORD_PREFIX}${from.id}`,
        '#to': `${RECORD_PREFIX}${to.id}`,
      },
      ExpressionAttributeValues: {
        ...(seen.fromOpen ? { ':from': from.id } : { ':seen': seen.records }),
        ':to': to.id,
        ':fromRecord': from,
        ':toRecord': to,
        ':one': 1,
      },
    },
  };
}

/**
 * Anonymisation: the record's year, village and status leave the person item (nothing links
 * the NIK's hash to it any more). Were it open, the person keeps an open record without a
 * name, so that the NIK stays refused in every year, as the year's NIK guard keeps it refused
 * in its own.
 */
export function forgetRecord(nikHash: string, recordId: string, wasOpen: boolean) {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.person(nikHash),
      UpdateExpression: wasOpen ? 'SET #open = :anonymised REMOVE #record' : 'REMOVE #record',
      ConditionExpression: wasOpen ? '#open = :id' : 'attribute_not_exists(#open) OR #open <> :id',
      ExpressionAttributeNames: { '#open': 'open', '#record': `${RECORD_PREFIX}${recordId}` },
      ExpressionAttributeValues: { ':id': recordId, ...(wasOpen ? { ':anonymised': ANONYMISED_OPEN } : {}) },
    },
  };
}
