/** Order statistics for the benchmark: every timing is a median, latencies also a p99. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? 0;
}

export const median = (xs: readonly number[]) => percentile(xs, 50);

/** Milliseconds with one decimal, as the tables print them. */
export const ms = (x: number) => Math.round(x * 10) / 10;

/** A ratio with two decimals. */
export const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : 0);

/** Runs `work` `count` times, at most `concurrency` at a time, and answers each call's duration (ms). */
export async function timed(
  count: number,
  concurrency: number,
  work: (i: number) => Promise<unknown>,
): Promise<{ durations: number[]; wallMs: number }> {
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t = performance.now();
      await work(i);
      durations.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { durations, wallMs: performance.now() - started };
}

/** p50, p99 and requests per second of one timed run. */
export function latency(run: { durations: number[]; wallMs: number }) {
  return {
    p50: ms(median(run.durations)),
    p99: ms(percentile(run.durations, 99)),
    perSecond: Math.round(run.durations.length / (run.wallMs / 1000)),
  };
}
