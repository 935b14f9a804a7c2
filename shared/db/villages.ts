import { STATUSES, type Status } from '../domain/candidate.js';
import type { ProgramSettings } from '../domain/program.js';
import { batchGet } from './batch-get.js';
import { settingsOf } from './programs.js';
import { keys } from './table.js';

/**
 * The per-village, per-year aggregate, updated in the same transaction as every change it
 * counts. `funded` is the number of village places held; `waitlist` holds the ids of
 * waitlisted candidates in registration order (position = index + 1); `count_<STATUS>`
 * counts candidates by status.
 */
export interface VillageAggregate {
  funded?: number;
  registered?: number;
  waitlist?: string[];
  [count: `count_${string}`]: number | undefined;
}

export const countAttribute = (status: Status) => `count_${status}` as const;

export function byStatusOf(aggregate: VillageAggregate | undefined): Record<Status, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, aggregate?.[countAttribute(s)] ?? 0])) as Record<
    Status,
    number
  >;
}

/** The programme year and one village's aggregate in one request. */
export async function readProgramAndVillage(
  year: number,
  villageCode: string,
): Promise<{ program?: ProgramSettings; aggregate?: VillageAggregate }> {
  const programKey = keys.program(year);
  const items = await batchGet([programKey, keys.villageAggregate(year, villageCode)]);
  const program = items.find((i) => i.sk === programKey.sk);
  const aggregate = items.find((i) => i.sk !== programKey.sk) as VillageAggregate | undefined;
  return { program: program ? settingsOf(program) : undefined, aggregate };
}

/** Aggregates of several villages of one year, in one request. */
export async function readVillageAggregates(
  year: number,
  villageCodes: string[],
): Promise<Map<string, VillageAggregate>> {
  const items = await batchGet([...new Set(villageCodes)].map((code) => keys.villageAggregate(year, code)));
  return new Map(items.map((item) => [String(item.sk).replace('VILLAGE#', ''), item as VillageAggregate]));
}
