import { DomainError } from '../errors.js';

/** What an attempt returns when another request changed what it read: read again and retry. */
export const CONTENDED = Symbol('contended');

/** How long a request keeps retrying lost races before answering 503 RETRY_LATER. */
const BUDGET_MS = 6_000;
const MAX_PAUSE_MS = 200;

/**
 * Runs an optimistic read–decide–write step until it wins: when another request changed
 * what it read (a place, the waitlist, the APBD pool), it pauses for a jittered, growing
 * interval and reads again. Contention on one village or on the APBD pool is short, so the
 * budget is time rather than a count of attempts: a busy moment slows a request down
 * instead of failing it. The first attempt is number 0.
 */
export async function untilSettled<T>(attempt: (n: number) => Promise<T | typeof CONTENDED>): Promise<T> {
  const deadline = Date.now() + BUDGET_MS;
  for (let n = 0; ; n++) {
    if (n > 0) {
      if (Date.now() >= deadline) throw new DomainError('RETRY_LATER', { retryAfter: 1 });
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(MAX_PAUSE_MS, 10 * 2 ** n)));
    }
    const outcome = await attempt(n);
    if (outcome !== CONTENDED) return outcome;
  }
}
