import type { Counter } from '../domain/budget.js';
import { STATUSES, type Status } from '../domain/candidate.js';
import type { ProgramSettings } from '../domain/program.js';
import { batchGet } from './batch-get.js';
import { settingsOf } from './programs.js';
import { keys } from './table.js';

/**
 * The per-village, per-year aggregate, updated in the same transaction as every change it
 * counts: one number per counter of `shared/domain/budget.ts` (candidates by status, village
 * places held, APBD places, money reserved, committed and disbursed per source), and
 * `waitlist`, the ids of waitlisted candidates in registration order (position = index + 1).
 */
export type VillageAggregate = Partial<Record<Counter, number>> & { waitlist?: string[] };

export function byStatusOf(aggregate: VillageAggregate | undefined): Record<Status, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, aggregate?.[`count_${s}`] ?? 0])) as Record<
    Status,
    number
  >;
}

/**
 * The village's waitlisted candidates, from its counters alone (reports read aggregates
 * without their waitlists). Registration puts everyone in a village place (`funded`) or on
 * the waitlist; leaving (INELIGIBLE, WITHDRAWN) and an APBD place take a candidate off it
 * for good; so the waitlist is what remains. `waitlist.length` when the list was read.
 */
export function waitlistedIn(a: VillageAggregate): number {
  if (a.waitlist) return a.waitlist.length;
  const n = (value: number | undefined) => value ?? 0;
  return n(a.registered) - n(a.funded) - n(a.count_INELIGIBLE) - n(a.count_WITHDRAWN) - n(a.apbdPlaces);
}

/**
 * The programme year and one village's aggregate in one request, and with them the ids
 * already under any of the given look-alike fingerprints.
 */
export async function readProgramAndVillage(
  year: number,
  villageCode: string,
  fingerprints: string[] = [],
): Promise<{ program?: ProgramSettings; aggregate?: VillageAggregate; lookAlikes: Set<string> }> {
  const programKey = keys.program(year);
  const villageKey = keys.villageAggregate(year, villageCode);
  const items = await batchGet([
    programKey,
    villageKey,
    ...fingerprints.map((h) => keys.fingerprint(year, h)),
  ]);
  const program = items.find((i) => i.sk === programKey.sk);
  const aggregate = items.find((i) => i.sk === villageKey.sk) as VillageAggregate | undefined;
  const lookAlikes = new Set(
    items.filter((i) => i.sk === 'FP').flatMap((i) => [...((i.ids as Set<string>) ?? [])]),
  );
  return { program: program ? settingsOf(program) : undefined, aggregate, lookAlikes };
}

/** Aggregates of several villages of one year, in one request. */
export async function readVillageAggregates(
  year: number,
  villageCodes: string[],
): Promise<Map<string, VillageAggregate>> {
  const items = await batchGet([...new Set(villageCodes)].map((code) => keys.villageAggregate(year, code)));
  return new Map(items.map((item) => [String(item.sk).replace('VILLAGE#', ''), item as VillageAggregate]));
}
