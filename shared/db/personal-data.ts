import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Visit } from '../domain/follow-up.js';
import { newId } from '../domain/ids.js';
import type { Role } from '../principal.js';
import type { CandidateItem, Disbursement } from './candidate-item.js';
import { putCandidate, removeFromFingerprint } from './candidates.js';
import { db, tableName } from './client.js';
import type { HistoryEntry } from './history.js';
import { forgetRecord } from './people.js';
import { queryAll } from './query-all.js';
import { searchWrites } from './search.js';
import { keys, withoutKeys } from './table.js';
import { MAX_TRANSACTION_ITEMS, transact, transactOr } from './transact.js';

/** Who acted: a person with a role, or the system's retention run. */
export interface Actor {
  id: string;
  role: Role | 'system';
}

/**
 * One entry of a candidate's processing record (UU PDP): a showing of the full NIK/KK, a
 * subject-access export or the anonymisation. Appended, never changed.
 */
export interface AccessEntry {
  at: string;
  actor: Actor;
  action: 'VIEW' | 'EXPORT' | 'ANONYMISE';
  /** Where it happened: the API, the web app, or the scheduled retention run. */
  channel: 'api' | 'web' | 'schedule';
  reason?: string;
}

/** Everything stored under a candidate's partition: the record and what hangs off it. */
export interface CandidateFile {
  candidate: CandidateItem;
  history: (HistoryEntry & { sk: string })[];
  disbursements: Disbursement[];
  access: AccessEntry[];
  visits: (Visit & { sk: string })[];
}

/** The candidate's whole partition in one query (paged), or undefined when there is none. */
export async function readCandidateFile(id: string): Promise<CandidateFile | undefined> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.candidate(id).pk },
  });
  const record = items.find((i) => i.sk === keys.candidate(id).sk);
  if (!record) return undefined;
  /** An item of the partition without its keys. */
  const entry = <T>({ pk: _pk, sk: _sk, ...rest }: Record<string, unknown>) => rest as T;
  const withPrefix = (prefix: string) => items.filter((i) => String(i.sk).startsWith(prefix));
  return {
    candidate: withoutKeys<CandidateItem>(record),
    history: withPrefix('HISTORY#').map((i) => ({ ...entry<HistoryEntry>(i), sk: String(i.sk) })),
    disbursements: withPrefix('DISBURSEMENT#').map((i) => entry<Disbursement>(i)),
    access: withPrefix('ACCESS#').map((i) => entry<AccessEntry>(i)),
    visits: withPrefix('VISIT#').map((i) => ({ ...entry<Visit>(i), sk: String(i.sk) })),
  };
}

/** The Put that appends one entry to a candidate's processing record. */
const appendAccess = (candidateId: string, entry: AccessEntry) => ({
  TableName: tableName(),
  Item: { ...keys.access(candidateId, entry.at, newId()), ...entry },
  ConditionExpression: 'attribute_not_exists(pk)',
});

/** Appends one entry to a candidate's processing record. */
export async function recordAccess(candidateId: string, entry: AccessEntry): Promise<void> {
  await db().send(new PutCommand(appendAccess(candidateId, entry)));
}

/** A transaction holds at most 100 items; the notes beyond that are cleared first. */

/**
 * Writes an anonymisation: the stripped candidate (at the version read), the NIK guard
 * reduced to its key (it still refuses the NIK this year, but no longer says whose it was),
 * the candidate's id taken out of the look-alike index, the notes cleared from its history and visits
 * and the anonymisation appended to its processing record. Places, counts and money are not
 * touched: the village aggregate and the APBD pool do not change.
 */
export async function writeAnonymisation(
  file: CandidateFile,
  stripped: CandidateItem,
  entry: AccessEntry,
  person: { unlinked: { before: CandidateItem; after: CandidateItem }[]; wasOpen: boolean },
): Promise<'ok' | 'versionMismatch' | 'linksChanged'> {
  const { candidate } = file;
  const clearNotes = [...file.history, ...file.visits]
    .filter((h) => h.note !== null && h.note !== undefined)
    .map((h) => ({
      Update: {
        TableName: tableName(),
        Key: { pk: keys.candidate(candidate.id).pk, sk: h.sk },
        UpdateExpression: 'SET note = :null',
        ExpressionAttributeValues: { ':null': null },
      },
    }));
  const main = [
    putCandidate(stripped, candidate.version),
    // Its search entries go: the name and NIK digits they are keyed by are personal data.
    ...searchWrites(candidate, stripped),
    {
      Update: {
        TableName: tableName(),
        Key: keys.nikGuard(candidate.year, candidate.nikHash),
        UpdateExpression: 'REMOVE candidateId, villageCode',
      },
    },
    ...candidate.fingerprints.map((hash) => removeFromFingerprint(candidate.year, hash, candidate.id)),
    // The person's link to this record goes; an open one leaves the NIK refused everywhere.
    forgetRecord(candidate.nikHash, candidate.id, person.wasOpen),
    ...person.unlinked.map((r) => putCandidate(r.after, r.before.version)),
    { Put: appendAccess(candidate.id, entry) },
  ];
  // Clearing a note is harmless on its own, so what does not fit goes first, in batches.
  const room = MAX_TRANSACTION_ITEMS - main.length;
  for (let i = 0; i < clearNotes.length - room; i += MAX_TRANSACTION_ITEMS) {
    await transact(clearNotes.slice(i, Math.min(i + MAX_TRANSACTION_ITEMS, clearNotes.length - room)));
  }
  return transactOr(
    [...main, ...clearNotes.slice(Math.max(0, clearNotes.length - room))],
    (failed, anyFailed) => (failed(0) ? 'versionMismatch' : anyFailed ? 'linksChanged' : undefined),
  );
}
