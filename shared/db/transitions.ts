import { counterChanges } from '../domain/budget.js';
import { isOpen } from '../domain/workflow.js';
import { returnPlace } from './apbd.js';
import type { CandidateItem } from './candidate-item.js';
import { personRecordOf, putCandidate } from './candidates.js';
import { tableName } from './client.js';
import { followUpWrite } from './follow-up.js';
import { appendHistory, type HistoryEntry } from './history.js';
import { closeRecord } from './people.js';
import { keys } from './table.js';
import { type TransactItem, transactOr } from './transact.js';
import { UpdateBuilder } from './update-expression.js';
import { aggregateChange } from './villages.js';
import { removeFromWaitlist, waitlistLengthIs } from './waitlists.js';

/**
 * What a transition does to the village's waitlist, decided from the waitlist just read:
 * - `keep`: nothing;
 * - `free`: a village place is released and nobody waits for it;
 * - `promote`: a village place is released and the head of the waitlist (`head`, before)
 *   takes it (`promoted`, after);
 * - `unqueue`: the waitlisted candidate leaves the waitlist from `index`.
 */
export type WaitlistChange =
  | { kind: 'keep' }
  | { kind: 'free' }
  | { kind: 'promote'; head: CandidateItem; promoted: CandidateItem }
  | { kind: 'unqueue'; index: number };

/**
 * The writes of a transition: the candidate (if still at its version, first), its history
 * entry, the village aggregate (counts, places, money: the change of every candidate
 * touched), the village's waitlist (still empty, or its head or the leaver taken out where it
 * was read), the promoted candidate, and an APBD place returned to the pool. Conditions make
 * a stale reading of the waitlist fail, to be read again, and the village's follow-up counters
 * (the record's due date moves with its status). The person's write is the caller's.
 */
export function transitionWrites(
  current: CandidateItem,
  updated: CandidateItem,
  entry: HistoryEntry,
  waitlist: WaitlistChange,
): TransactItem[] {
  const { year, villageCode } = updated;
  const aggregate = new UpdateBuilder().addAll(counterChanges(current, updated)).when('attribute_exists(pk)');
  if (waitlist.kind === 'promote') aggregate.addAll(counterChanges(waitlist.head, waitlist.promoted));
  const waitlistWrite =
    waitlist.kind === 'free'
      ? waitlistLengthIs(year, villageCode, 0)
      : waitlist.kind === 'promote'
        ? removeFromWaitlist(year, villageCode, 0, waitlist.head.id)
        : waitlist.kind === 'unqueue'
          ? removeFromWaitlist(year, villageCode, waitlist.index, current.id)
          : undefined;
  const releasedApbd = current.apbd && !updated.apbd ? current.apbd : undefined;
  return [
    putCandidate(updated, current.version),
    appendHistory(updated.id, updated.version, entry),
    {
      Update: {
        TableName: tableName(),
        Key: keys.villageAggregate(year, villageCode),
        ...aggregate.build(),
      },
    },
    ...(waitlistWrite ? [waitlistWrite] : []),
    ...(waitlist.kind === 'promote' ? [putCandidate(waitlist.promoted, waitlist.head.version)] : []),
    ...(releasedApbd ? [returnPlace(year, releasedApbd)] : []),
    ...followUpWrite(year, villageCode, [[current, updated]]),
  ];
}

/**
 * Writes a transition in one transaction (transitionWrites). A record that closes is no
 * longer the person's open one (`personOpen`: whether it was, as last read; an anonymised
 * record has no NIK hash left, its person keeps the NIK refused, see forgetRecord).
 */
export async function writeTransition(
  current: CandidateItem,
  updated: CandidateItem,
  entry: HistoryEntry,
  waitlist: WaitlistChange,
  personOpen = true,
  /** Writes of the same change elsewhere (a duplicate review's other records and audit entry). */
  alongside: TransactItem[] = [],
): Promise<'ok' | 'versionMismatch' | 'personChanged' | 'placesChanged'> {
  const writes = transitionWrites(current, updated, entry, waitlist);
  const closes = !isOpen(updated.status) && isOpen(current.status) && Boolean(updated.nikHash);
  const transactItems = [
    ...writes,
    ...(closes ? [closeRecord(updated.nikHash, personRecordOf(updated), personOpen)] : []),
    ...alongside,
  ];
  return transactOr(transactItems, (failed, anyFailed) => {
    if (failed(0)) return 'versionMismatch';
    if (closes && failed(writes.length)) return 'personChanged';
    return anyFailed ? 'placesChanged' : undefined;
  });
}

/**
 * A school change: the candidate (if still at its version), its history entry, and the
 * village aggregate's pathways (the outcome figures count the level of the latest school).
 */
export function writeSchoolChange(
  current: CandidateItem,
  updated: CandidateItem,
  entry: HistoryEntry,
): Promise<'ok' | 'versionMismatch'> {
  return transactOr(
    [
      putCandidate(updated, current.version),
      appendHistory(updated.id, updated.version, entry),
      ...aggregateChange(current, updated),
    ],
    (failed) => (failed(0) ? 'versionMismatch' : undefined),
  );
}

/**
 * Gives a free village place to the head of the waitlist (after the quota was raised): the
 * aggregate, the waitlist and the promoted candidate in one transaction, while the head is
 * still the head and fewer than `quota` places are held.
 */
export async function writePromotion(
  head: CandidateItem,
  promoted: CandidateItem,
  quota: number,
): Promise<boolean> {
  const aggregate = new UpdateBuilder().addAll(counterChanges(head, promoted));
  aggregate.when(`${aggregate.name('funded')} < ${aggregate.value(quota)}`);
  const outcome = await transactOr(
    [
      {
        Update: {
          TableName: tableName(),
          Key: keys.villageAggregate(head.year, head.villageCode),
          ...aggregate.build(),
        },
      },
      removeFromWaitlist(head.year, head.villageCode, 0, head.id),
      putCandidate(promoted, head.version),
    ],
    (_, anyFailed) => (anyFailed ? 'changed' : undefined),
  );
  return outcome === 'ok';
}
