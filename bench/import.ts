/** Bulk import of a 2,000-row survey list through the real handlers: dry run and commit, median of 3. */

import { countDynamoRequests } from '../test/support/request-counter.js';
import { surveyCsv, surveyRow } from '../test/support/survey-list.js';
import { median } from './stats.js';
import type { BenchSystem } from './system.js';

const ROWS = 2000;
const RUNS = 3;

/**
 * A village's 2,000-row list: the tests' survey rows, with NIKs, KKs and names made distinct
 * per village (the NIK's birth day is 45 + 5 + index: the same women's day, another digit).
 */
const surveyList = (villageIndex: number) =>
  surveyCsv(
    Array.from({ length: ROWS }, (_, i) => {
      const row = surveyRow(1 + i);
      return {
        ...row,
        NIK: (row.NIK ?? '').replace('332901450710', `3329014${villageIndex + 5}0710`),
        'No KK': (row['No KK'] ?? '').replace('332901010110', `33290101011${villageIndex}`),
        // A name of its own in each village, so that no row looks like another village's.
        'Nama Lengkap': `${row['Nama Lengkap']} ${String.fromCharCode(65 + villageIndex)}`,
      };
    }),
  );

export interface ImportFigures {
  rows: number;
  runs: number;
  dryRunMs: number;
  commitMs: number;
  dryRunRowsPerSecond: number;
  commitRowsPerSecond: number;
  dynamoRequests: { dryRun: Record<string, number>; commit: Record<string, number> };
}

/** Imports into year 2026 of villages 33.29.01.2001 to 2003, one fresh file each. */
export async function measureImport(sys: BenchSystem): Promise<ImportFigures> {
  // The year as the other parts leave it (creating it is a no-op when it exists), so that this part runs alone too.
  await sys.call('PUT', '/programs/2026', sys.bappeda, { body: {} });
  const counter = countDynamoRequests();
  const timings = { dryRun: [] as number[], commit: [] as number[] };
  const requests = { dryRun: {} as Record<string, number>, commit: {} as Record<string, number> };
  for (let run = 0; run < RUNS; run++) {
    const village = `33.29.01.200${run + 1}`;
    const token = await sys.officialOf(village);
    // Each village's NIKs differ by the village digit in the birth-day field (45 + run).
    const file = surveyList(run);
    for (const [kind, query] of [
      ['dryRun', 'year=2026&dryRun=true'],
      ['commit', 'year=2026'],
    ] as const) {
      counter.reset();
      const started = performance.now();
      const res = await sys.gateway.handle({
        method: 'POST',
        url: `/imports?${query}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: file,
      });
      timings[kind].push(performance.now() - started);
      requests[kind] = Object.fromEntries(
        Object.entries(counter.byCommand()).map(([c, n]) => [c.replace(/Command$/, ''), n]),
      );
      const summary = (JSON.parse(res.body.toString()) as { summary?: Record<string, number> }).summary;
      if (res.status !== 200 || summary?.errors !== 0)
        throw new Error(`${kind} failed: ${res.status} ${res.body.toString().slice(0, 300)}`);
    }
  }
  return {
    rows: ROWS,
    runs: RUNS,
    dryRunMs: Math.round(median(timings.dryRun)),
    commitMs: Math.round(median(timings.commit)),
    dryRunRowsPerSecond: Math.round(ROWS / (median(timings.dryRun) / 1000)),
    commitRowsPerSecond: Math.round(ROWS / (median(timings.commit) / 1000)),
    dynamoRequests: requests,
  };
}
