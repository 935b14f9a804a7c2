import { now as clockNow } from '../clock.js';
import { auditPut } from '../db/audit.js';
import type { CandidateItem } from '../db/candidate-item.js';
import { putCandidate, readCandidate, readCandidates } from '../db/candidates.js';
import { CONTENDED, untilSettled } from '../db/contention.js';
import { appendHistory, type HistoryEntry } from '../db/history.js';
import { decidePairs, openLookAlikes } from '../db/look-alikes.js';
import { readPerson } from '../db/people.js';
import { type TransactItem, transactOr } from '../db/transact.js';
import { writeTransition } from '../db/transitions.js';
import type { DuplicateReviewInput } from '../domain/duplicates.js';
import { afterStatusChange } from '../domain/follow-up.js';
import { isId } from '../domain/ids.js';
import { NEXT_STATUSES } from '../domain/workflow.js';
import { DomainError } from '../errors.js';
import { addMessages } from '../i18n.js';
import type { Principal } from '../principal.js';
import { listCandidates, POSSIBLE_DUPLICATE, type StoredCandidate, withPosition } from './candidates.js';
import { findingMessages } from './finding-messages.js';
import { waitlistChangeFor } from './transitions.js';

addMessages(findingMessages);

/** Look-alikes one decision is about at most (two writes each in its transaction). */
const MAX_DECIDED = 20;

/** A record after a review: its next version, without the flag when none of its pairs stays open. */
function reviewed(c: CandidateItem, stillOpen: boolean, at: string): CandidateItem {
  return {
    ...c,
    flags: stillOpen ? c.flags : c.flags.filter((f) => f !== POSSIBLE_DUPLICATE),
    version: c.version + 1,
    updatedAt: at,
  };
}

/**
 * `POST /candidates/{id}/duplicate-review` (Bappeda): the decision about a record and every
 * record it looks like. DIFFERENT_PERSON takes the pair off both sides. SAME_PERSON withdraws
 * this record, which must be the later one of each pair, releasing its place (the waitlist
 * moves up as on any withdrawal); the earlier records stay. Both sides get a history entry
 * naming the decision and the other records, and the audit an entry, in one transaction.
 */
export async function reviewDuplicate(
  principal: Principal,
  id: string,
  ifMatch: number | undefined,
  input: DuplicateReviewInput,
  now: () => Date = clockNow,
): Promise<StoredCandidate> {
  if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
  let personOpen = true;
  return untilSettled(async () => {
    const current = isId(id) ? await readCandidate(id) : undefined;
    if (!current) throw new DomainError('NOT_FOUND');
    if (ifMatch === undefined) throw new DomainError('PRECONDITION_REQUIRED');
    if (ifMatch !== current.version) throw new DomainError('VERSION_MISMATCH');
    const open = (await openLookAlikes([current])).get(current.id) ?? [];
    // The earliest first, as many as one transaction holds: a record with more keeps its flag.
    const others = (await readCandidates(open))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .slice(0, MAX_DECIDED);
    if (others.length === 0)
      throw new DomainError('INVALID_TRANSITION', { message: { key: 'duplicate.nothingToReview' } });
    const same = input.decision === 'SAME_PERSON';
    if (same && others.some((o) => o.createdAt > current.createdAt))
      throw new DomainError('INVALID_TRANSITION', { message: { key: 'duplicate.notLater' } });
    if (same && !NEXT_STATUSES[current.status].includes('WITHDRAWN'))
      throw new DomainError('INVALID_TRANSITION', { message: { key: 'duplicate.cannotWithdraw' } });

    const at = now().toISOString();
    const actor = { id: principal.sub, role: principal.role };
    const note = input.note?.trim() || null;
    const ids = others.map((o) => o.id);
    const review = (c: CandidateItem, against: string[], to = c.status): HistoryEntry => ({
      at,
      actor,
      from: c.status,
      to,
      note,
      duplicateReview: { decision: input.decision, with: against },
    });
    // Each other record keeps its flag while it has another pair open (read with this one's).
    const theirs = await openLookAlikes(others);
    const alongside: TransactItem[] = [
      ...decidePairs(current, ids),
      ...others.flatMap((o) => {
        const stillOpen = (theirs.get(o.id) ?? []).some((id) => id !== current.id);
        const after = reviewed(o, stillOpen, at);
        return [putCandidate(after, o.version), appendHistory(o.id, after.version, review(o, [current.id]))];
      }),
      auditPut({
        at,
        actor,
        action: 'DUPLICATE_DECIDED',
        year: current.year,
        target: current.id,
        details: { decision: input.decision, with: ids.join(' ') },
      }),
    ];
    let outcome: string;
    let updated: CandidateItem;
    if (same) {
      const waitlist = await waitlistChangeFor(current, 'WITHDRAWN', at);
      if (waitlist.kind === 'unqueue' && waitlist.index < 0) return CONTENDED;
      updated = {
        ...afterStatusChange(reviewed(current, false, at), at),
        status: 'WITHDRAWN',
        villageFunding: 'NONE',
        villageAmount: null,
        apbd: null,
      };
      outcome = await writeTransition(
        current,
        updated,
        review(current, ids, 'WITHDRAWN'),
        waitlist,
        personOpen,
        alongside,
      );
      if (outcome === 'personChanged') personOpen = (await readPerson(current.nikHash)).open === current.id;
    } else {
      updated = reviewed(current, open.length > others.length, at);
      outcome = await transactOr(
        [
          putCandidate(updated, current.version),
          appendHistory(current.id, updated.version, review(current, ids)),
          ...alongside,
        ],
        (failed, anyFailed) => (failed(0) ? 'versionMismatch' : anyFailed ? 'changed' : undefined),
      );
    }
    if (outcome === 'versionMismatch') throw new DomainError('VERSION_MISMATCH');
    if (outcome !== 'ok') return CONTENDED;
    return withPosition(updated);
  });
}

/** A record flagged for review with the records it looks like, as Bappeda's page shows them. */
export interface DuplicateGroup {
  later: CandidateItem;
  earlier: CandidateItem[];
}

/** Flagged records a page of the review shows at most. */
const GROUPS_SHOWN = 30;

/**
 * What is left to review (Bappeda): the flagged records of every cohort, each with the
 * records it looks like and whose pair is still open, oldest first. Reads the flagged records
 * (a filtered list of the regency), their look-alike entries and the other records.
 */
export async function openDuplicates(principal: Principal): Promise<DuplicateGroup[]> {
  if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
  const flagged = (
    await listCandidates(principal, { possibleDuplicates: true, limit: GROUPS_SHOWN })
  ).items.map((s) => s.candidate);
  const open = await openLookAlikes(flagged);
  const others = new Map(
    (await readCandidates([...new Set([...open.values()].flat())])).map((c) => [c.id, c]),
  );
  return flagged
    .map((later) => ({ later, earlier: (open.get(later.id) ?? []).flatMap((id) => others.get(id) ?? []) }))
    .filter((g) => g.earlier.length > 0)
    .sort((a, b) => a.later.createdAt.localeCompare(b.later.createdAt));
}
