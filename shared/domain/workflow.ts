import * as z from 'zod/mini';
import type { Role } from '../principal.js';
import { PATHWAYS, STATUSES, type Status } from './candidate.js';

/** The programme's status workflow (docs/rules.md), and no other move. COMPLETED, INELIGIBLE and WITHDRAWN are final. */
export const NEXT_STATUSES: Record<Status, readonly Status[]> = {
  IDENTIFIED: ['VERIFIED', 'INELIGIBLE', 'WITHDRAWN'],
  VERIFIED: ['ENROLLED', 'INELIGIBLE', 'WITHDRAWN'],
  ENROLLED: ['ACTIVE', 'DROPPED_OUT'],
  ACTIVE: ['COMPLETED', 'DROPPED_OUT'],
  DROPPED_OUT: ['ENROLLED'],
  COMPLETED: [],
  INELIGIBLE: [],
  WITHDRAWN: [],
};

/**
 * A record is closed in these statuses (final: nothing moves them again) and open in the
 * others. A person has at most one open record across every cohort.
 */
export const CLOSED_STATUSES: readonly Status[] = ['COMPLETED', 'INELIGIBLE', 'WITHDRAWN'];
export const isOpen = (status: Status): boolean => !CLOSED_STATUSES.includes(status);

/** Leaving the programme before enrolment releases the candidate's place. */
export const RELEASING_STATUSES: readonly Status[] = ['INELIGIBLE', 'WITHDRAWN'];
/** Statuses before enrolment: a place held then is reserved, not yet committed. */
export const BEFORE_ENROLMENT: readonly Status[] = ['IDENTIFIED', 'VERIFIED'];

export type TransitionVerdict = 'allowed' | 'forbidden' | 'invalid';

/**
 * Who may move a candidate from one status to another. Volunteers make every transition
 * (403 never, 409 for a move the workflow lacks); a village official may only withdraw, and
 * only before enrolment; Bappeda makes none.
 */
export function transitionVerdict(role: Role, from: Status, to: Status): TransitionVerdict {
  if (role === 'bappeda_staff') return 'forbidden';
  if (role === 'village_official') {
    if (to !== 'WITHDRAWN') return 'forbidden';
    if (!BEFORE_ENROLMENT.includes(from) && !RELEASING_STATUSES.includes(from)) return 'forbidden';
  }
  return NEXT_STATUSES[from].includes(to) ? 'allowed' : 'invalid';
}

/**
 * An NPSN as the national school register writes it: 8 digits for a formal school (SD, SMP,
 * SMA, SMK), or `P` (PKBM and SKB, where Paket A, B and C are taught) or `K` (course
 * providers, LKP) and 7 digits. Spaces are dropped and the letter upper-cased; anything else
 * is undefined.
 */
export function normaliseNpsn(text: string): string | undefined {
  const npsn = text.replace(/\s/g, '').toUpperCase();
  return /^(?:\d{8}|[PK]\d{7})$/.test(npsn) ? npsn : undefined;
}

export const schoolSchema = z.strictObject({
  npsn: z.string().check(z.maxLength(32)),
  name: z.string().check(z.maxLength(300)),
  level: z.enum(PATHWAYS),
});
export type School = z.infer<typeof schoolSchema>;

export const transitionSchema = z.strictObject({
  to: z.enum(STATUSES),
  note: z.nullish(z.string().check(z.maxLength(500))),
  school: z.nullish(schoolSchema),
});
export type TransitionInput = z.infer<typeof transitionSchema>;

/** A learner at school, who may move to another: ENROLLED or ACTIVE. */
export const ENROLLED_STATUSES: readonly Status[] = ['ENROLLED', 'ACTIVE'];

export const schoolChangeSchema = z.strictObject({
  school: schoolSchema,
  note: z.nullish(z.string().check(z.maxLength(500))),
});
export type SchoolChangeInput = z.infer<typeof schoolChangeSchema>;

/** `POST /candidates/{id}/carry-over`: the later programme year to carry the record into. */
export const carryOverSchema = z.strictObject({ year: z.int() });

/** `POST /programs/{year}/carry-over`: the cohort to carry into the path's year. */
export const cohortCarryOverSchema = z.strictObject({ fromYear: z.int() });
