/** Anonymisation of candidates (UU PDP): implemented in the next commit. */
export interface RetentionRun {
  /** Programme years whose retention period has ended. */
  years: number[];
  /** Candidates anonymised by this run. */
  anonymised: number;
}

export async function anonymiseExpiredYears(_now: Date): Promise<RetentionRun> {
  throw new Error('not implemented yet');
}
