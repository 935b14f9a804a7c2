import { PATHWAYS, SEXES } from './candidate.js';
import { TRACKS } from './program.js';

/**
 * What the programme achieved, counted on each village's aggregate beside its places and
 * money (shared/domain/budget.ts), by the same transactions that change the records: so an
 * outcome report reads one item a village whatever the number of people, and each figure
 * equals a recount of the records.
 */
export const REASON_CODES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

export const OUTCOME_COUNTERS = [
  ...TRACKS.map((t) => `track_${t}` as const),
  ...SEXES.map((s) => `sex_${s}` as const),
  'everEnrolled',
  'reEnrolled',
  ...PATHWAYS.map((p) => `pathway_${p}` as const),
  ...REASON_CODES.map((n) => `reason_${n}` as const),
] as const;
export type OutcomeCounter = (typeof OUTCOME_COUNTERS)[number];

/** What of a record the outcome figures count. */
export interface OutcomeFacts {
  track: (typeof TRACKS)[number];
  sex: (typeof SEXES)[number];
  reasonCode: number;
  /** The latest school: set on enrolment and kept, so a record with one was ever enrolled. */
  school: { level: (typeof PATHWAYS)[number] } | null;
  /** Enrolled again after dropping out (absent: never). */
  reEnrolled?: boolean;
}

/**
 * One record's part in the outcome counters: its track, sex and reason for being out of
 * school; once enrolled, "ever enrolled" and the pathway of its latest school; "re-enrolled"
 * once it came back after dropping out.
 */
export function outcomeContribution(c: OutcomeFacts): Record<OutcomeCounter, number> {
  const counts = Object.fromEntries(OUTCOME_COUNTERS.map((k) => [k, 0])) as Record<OutcomeCounter, number>;
  counts[`track_${c.track}`] = 1;
  counts[`sex_${c.sex}`] = 1;
  if ((REASON_CODES as readonly number[]).includes(c.reasonCode))
    counts[`reason_${c.reasonCode}` as OutcomeCounter] = 1;
  if (c.school) {
    counts.everEnrolled = 1;
    counts[`pathway_${c.school.level}`] = 1;
  }
  if (c.reEnrolled) counts.reEnrolled = 1;
  return counts;
}
