import * as z from 'zod/mini';
import type { FieldProblem } from '../errors.js';
import { STATUSES, type Status } from './candidate.js';
import { type CalendarDate, compareDates, parseIsoDate } from './dates.js';
import { formatRupiah } from './money.js';
import { OUTCOME_COUNTERS, type OutcomeFacts, outcomeContribution } from './outcomes.js';

/** Holders in these statuses have their place reserved; in the others (but leaving) committed. */
export const RESERVED_STATUSES: readonly Status[] = ['IDENTIFIED', 'VERIFIED'];
export const COMMITTED_STATUSES: readonly Status[] = ['ENROLLED', 'ACTIVE', 'COMPLETED', 'DROPPED_OUT'];

/** What of a candidate the village and year totals count: places, money and outcomes. */
export interface BudgetFacts extends OutcomeFacts {
  status: Status;
  villageFunding: 'FUNDED' | 'WAITLISTED' | 'NONE';
  villageAmount: number | null;
  apbd: { amount: number } | null;
  disbursed: { APBDES: number; APBD: number };
}

export const COUNTERS = [
  'registered',
  'funded',
  ...STATUSES.map((s) => `count_${s}` as const),
  'apbdesReserved',
  'apbdesCommitted',
  'apbdesDisbursed',
  'apbdPlaces',
  'apbdReserved',
  'apbdCommitted',
  'apbdDisbursed',
  ...OUTCOME_COUNTERS,
] as const;
export type Counter = (typeof COUNTERS)[number];

/**
 * One candidate's part in every counter of its village's aggregate. Every write changes the
 * aggregate by `after − before` of the candidates it touches, so the aggregate always equals
 * the sum over the village's candidates.
 */
export function contributionOf(c: BudgetFacts): Record<Counter, number> {
  const zero = Object.fromEntries(COUNTERS.map((k) => [k, 0])) as Record<Counter, number>;
  const reserved = RESERVED_STATUSES.includes(c.status);
  const committed = COMMITTED_STATUSES.includes(c.status);
  const village = c.villageFunding === 'FUNDED' ? (c.villageAmount ?? 0) : 0;
  const apbd = c.apbd?.amount ?? 0;
  return {
    ...zero,
    registered: 1,
    funded: c.villageFunding === 'FUNDED' ? 1 : 0,
    [`count_${c.status}`]: 1,
    apbdesReserved: reserved ? village : 0,
    apbdesCommitted: committed ? village : 0,
    apbdesDisbursed: c.disbursed.APBDES,
    apbdPlaces: c.apbd ? 1 : 0,
    apbdReserved: reserved ? apbd : 0,
    apbdCommitted: committed ? apbd : 0,
    apbdDisbursed: c.disbursed.APBD,
    ...outcomeContribution(c),
  };
}

/** The change in every counter when a candidate goes from `before` (absent: new) to `after`. */
export function counterChanges(before: BudgetFacts | undefined, after: BudgetFacts): Record<Counter, number> {
  const a = contributionOf(after);
  if (!before) return a;
  const b = contributionOf(before);
  return Object.fromEntries(COUNTERS.map((k) => [k, a[k] - b[k]])) as Record<Counter, number>;
}

export const FUNDING_SOURCES = ['APBDES', 'APBD'] as const;

export const disbursementSchema = z.strictObject({
  source: z.enum(FUNDING_SOURCES),
  amount: z.int().check(z.minimum(1), z.maximum(1_000_000_000_000)),
  paidAt: z.string().check(z.maxLength(32)),
  reference: z.string().check(z.maxLength(200)),
});
export type DisbursementInput = z.infer<typeof disbursementSchema>;

/** Voiding a payment: why (3 to 500 characters once spaces are tidied, checked by the service). */
export const voidSchema = z.strictObject({ reason: z.string().check(z.maxLength(2000)) });

/** What is committed to a candidate from a source: the place's amount once enrolled, else 0. */
export function committedTo(c: BudgetFacts, source: (typeof FUNDING_SOURCES)[number]): number {
  const contribution = contributionOf(c);
  return source === 'APBDES' ? contribution.apbdesCommitted : contribution.apbdCommitted;
}

/** A reference as stored: trimmed, runs of spaces folded into one. */
export const normaliseReference = (raw: string): string => raw.trim().replace(/\s+/g, ' ');

/** An SP2D number or the like, once normalised: 1–64 of letters, digits, spaces, `.`, `/`, `_`, `-`. */
export const isReference = (reference: string): boolean => /^[A-Za-z0-9 ./_-]{1,64}$/.test(reference);

/**
 * The rules of one payment to a candidate of a programme year, shared by a single payment
 * (`recordDisbursement`) and every row of a payment sheet: the reference's form, the paid date
 * between the start of the candidate's year and `today`, and the amount within what is
 * committed to the candidate from that source, less what was paid. `problems` are the form's
 * (400); `ceiling` is the amount beyond the commitment (409 CEILING_EXCEEDED), checked only
 * when the form is right. The reference must be normalised already.
 */
export function paymentProblems(
  candidate: BudgetFacts & { year: number },
  payment: { source: (typeof FUNDING_SOURCES)[number]; amount: number; paidAt: string; reference: string },
  today: CalendarDate,
): { problems: FieldProblem[]; ceiling?: FieldProblem } {
  const problems: FieldProblem[] = [];
  if (!isReference(payment.reference)) problems.push({ field: 'reference', key: 'disbursement.reference' });
  const paidAt = parseIsoDate(payment.paidAt);
  if (paidAt === 'format' || paidAt === 'invalid') {
    problems.push({ field: 'paidAt', key: paidAt === 'format' ? 'date.format' : 'date.invalid' });
  } else if (paidAt.year < candidate.year || compareDates(paidAt, today) > 0) {
    problems.push({ field: 'paidAt', key: 'disbursement.paidAt' });
  }
  if (problems.length > 0) return { problems };
  const committed = committedTo(candidate, payment.source);
  const left = committed - candidate.disbursed[payment.source];
  if (payment.amount <= left) return { problems };
  return {
    problems,
    ceiling:
      committed === 0
        ? { field: 'amount', key: 'disbursement.noCommitment', params: { source: payment.source } }
        : {
            field: 'amount',
            key: 'disbursement.overCommitment',
            params: { left: formatRupiah(Math.max(0, left)) },
          },
  };
}
