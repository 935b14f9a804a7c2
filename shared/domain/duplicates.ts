import * as z from 'zod/mini';

/** What Bappeda decides about a record and the records it looks like. */
export const DUPLICATE_DECISIONS = ['DIFFERENT_PERSON', 'SAME_PERSON'] as const;
export type DuplicateDecision = (typeof DUPLICATE_DECISIONS)[number];

export const duplicateReviewSchema = z.strictObject({
  decision: z.enum(DUPLICATE_DECISIONS),
  note: z.nullish(z.string().check(z.maxLength(500))),
});
export type DuplicateReviewInput = z.infer<typeof duplicateReviewSchema>;
