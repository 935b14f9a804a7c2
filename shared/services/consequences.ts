import { now as clockNow } from '../clock.js';
import type { CandidateItem } from '../db/candidate-item.js';
import { readCandidates } from '../db/candidates.js';
import { openLookAlikes } from '../db/look-alikes.js';
import type { Status } from '../domain/candidate.js';
import { canSeeVillage, type Principal } from '../principal.js';
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
 * The records a candidate looks like, in its cohort, whose pair with it is not decided (on
 * both sides: the earlier record names the later too), as far as the viewer may see them:
 * one BatchGetItem of its fingerprints and one of the records (none without look-alikes).
 */
export async function lookAlikesOf(principal: Principal, candidate: CandidateItem): Promise<LookAlike[]> {
  const ids = (await openLookAlikes([candidate])).get(candidate.id) ?? [];
  if (ids.length === 0) return [];
  const others = await readCandidates(ids.slice(0, 20));
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
