import { now as clockNow } from '../clock.js';
import { batchGet } from '../db/batch-get.js';
import type { CandidateItem } from '../db/candidate-item.js';
import { readCandidates } from '../db/candidates.js';
import { keys } from '../db/table.js';
import type { Status } from '../domain/candidate.js';
import { canSeeVillage, type Principal } from '../principal.js';
import { POSSIBLE_DUPLICATE } from './candidates.js';
import { waitlistChangeFor } from './transitions.js';

/**
 * What an action will do, read before it is done so that a page can say it in the user's
 * terms ("Tempat desa akan diberikan kepada Engkos Kosasih, daftar tunggu no. 1").
 */
export type PlaceConsequence =
  /** The village place goes to the first on the waitlist (`name` null when anonymised). */
  | { kind: 'promote'; id: string; name: string | null }
  /** The village place is free for the next registration. */
  | { kind: 'free' }
  /** A waitlisted person leaves the waitlist at this position; those after move up. */
  | { kind: 'unqueue'; position: number }
  /** Nothing about places changes. */
  | { kind: 'keep' };

/** What moving `candidate` to `to` does to its village's places (a fresh read of the waitlist). */
export async function placeConsequence(candidate: CandidateItem, to: Status): Promise<PlaceConsequence> {
  const change = await waitlistChangeFor(candidate, to, clockNow().toISOString());
  switch (change.kind) {
    case 'promote':
      return {
        kind: 'promote',
        id: change.head.id,
        name: change.head.anonymised ? null : change.head.fullName,
      };
    case 'unqueue':
      return { kind: 'unqueue', position: change.index + 1 };
    case 'free':
      return { kind: 'free' };
    default:
      return { kind: 'keep' };
  }
}

/** A record that looks like another (same name and birth date, or same KK and birth date). */
export interface LookAlike {
  id: string;
  year: number;
  villageCode: string;
  fullName: string | null;
  status: Status;
}

/**
 * The records a flagged candidate looks like, in its cohort, as far as the viewer may see
 * them: one BatchGetItem of its fingerprints and one of the records (none when unflagged).
 */
export async function lookAlikesOf(principal: Principal, candidate: CandidateItem): Promise<LookAlike[]> {
  if (!candidate.flags.includes(POSSIBLE_DUPLICATE) || candidate.fingerprints.length === 0) return [];
  const entries = await batchGet(candidate.fingerprints.map((h) => keys.fingerprint(candidate.year, h)));
  const ids = new Set(entries.flatMap((e) => [...((e.ids as Set<string> | undefined) ?? [])]));
  ids.delete(candidate.id);
  if (ids.size === 0) return [];
  const others = await readCandidates([...ids].slice(0, 20));
  return others
    .filter((o) => canSeeVillage(principal, o.villageCode))
    .map((o) => ({
      id: o.id,
      year: o.year,
      villageCode: o.villageCode,
      fullName: o.anonymised ? null : o.fullName,
      status: o.status,
    }));
}
