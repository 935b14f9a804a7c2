import { type Counter, counterChanges } from '../domain/budget.js';
import { STATUSES, type Status } from '../domain/candidate.js';
import type { ProgramSettings } from '../domain/program.js';
import { batchGet } from './batch-get.js';
import type { CandidateItem } from './candidate-item.js';
import { tableName } from './client.js';
import { type Person, personOf } from './people.js';
import { settingsOf } from './programs.js';
import { keys } from './table.js';
import type { TransactItem } from './transact.js';
import { UpdateBuilder } from './update-expression.js';
import { waitlistOf } from './waitlists.js';

/**
 * The per-village, per-year aggregate, updated in the same transaction as every change it
 * counts: one number per counter of `shared/domain/budget.ts` (candidates by status, village
 * places held, APBD places, money reserved, committed and disbursed per source). The village's
 * waitlist is an item of its own (`shared/db/waitlists.ts`), so that the aggregate stays the
 * same size whatever the number of people.
 */
export type VillageAggregate = Partial<Record<Counter, number>>;

export function byStatusOf(aggregate: VillageAggregate | undefined): Record<Status, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, aggregate?.[`count_${s}`] ?? 0])) as Record<
    Status,
    number
  >;
}

/**
 * The village's waitlisted candidates, from its counters alone (reports and the settings
 * check read aggregates, not waitlists). Registration puts everyone in a village place
 * (`funded`) or on the waitlist; leaving (INELIGIBLE, WITHDRAWN) and an APBD place take a
 * candidate off it for good; so the waitlist is what remains. Equal to the waitlist's length,
 * since both change in the same transactions.
 */
export function waitlistedIn(a: VillageAggregate): number {
  const n = (value: number | undefined) => value ?? 0;
  return n(a.registered) - n(a.funded) - n(a.count_INELIGIBLE) - n(a.count_WITHDRAWN) - n(a.apbdPlaces);
}

/** The aggregates of several villages of a year (villages without one are left out). */
export async function readAggregates(year: number, villageCodes: string[]): Promise<VillageAggregate[]> {
  return (await batchGet(
    villageCodes.map((code) => keys.villageAggregate(year, code)),
  )) as VillageAggregate[];
}

/**
 * The programme year and one village's counters in one request, without the waitlist's ids:
 * what a village summary shows (the number waiting is `waitlistedIn`), at the same cost
 * whatever the number of people waiting.
 */
export async function readProgramAndCounters(
  year: number,
  villageCode: string,
): Promise<{ program?: ProgramSettings; aggregate?: VillageAggregate }> {
  const programKey = keys.program(year);
  const items = await batchGet([programKey, keys.villageAggregate(year, villageCode)]);
  const program = items.find((i) => i.sk === programKey.sk && i.pk === programKey.pk);
  const aggregate = items.find((i) => i !== program) as VillageAggregate | undefined;
  return { program: program ? settingsOf(program) : undefined, aggregate };
}

/**
 * The programme year, one village's aggregate and its waitlist in one request, and with them
 * the ids already under any of the given look-alike fingerprints and, given a NIK's keyed
 * hash, the person's records across cohorts.
 */
export async function readProgramAndVillage(
  year: number,
  villageCode: string,
  fingerprints: string[] = [],
  nikHash?: string,
): Promise<{
  program?: ProgramSettings;
  aggregate?: VillageAggregate;
  waitlist: string[];
  lookAlikes: Set<string>;
  person: Person;
}> {
  const programKey = keys.program(year);
  const villageKey = keys.villageAggregate(year, villageCode);
  const waitlistKey = keys.waitlist(year, villageCode);
  const items = await batchGet([
    programKey,
    villageKey,
    waitlistKey,
    ...fingerprints.map((h) => keys.fingerprint(year, h)),
    ...(nikHash ? [keys.person(nikHash)] : []),
  ]);
  const find = (key: { pk: string; sk: string }) => items.find((i) => i.pk === key.pk && i.sk === key.sk);
  const program = find(programKey);
  const aggregate = find(villageKey) as VillageAggregate | undefined;
  const lookAlikes = new Set(
    items.filter((i) => i.sk === 'FP').flatMap((i) => [...((i.ids as Set<string>) ?? [])]),
  );
  return {
    program: program ? settingsOf(program) : undefined,
    aggregate,
    waitlist: waitlistOf(find(waitlistKey)),
    lookAlikes,
    person: personOf(nikHash ? find(keys.person(nikHash)) : undefined),
  };
}

/**
 * The village aggregate's update for a record that changed without a transition (a school
 * change, a correction): the outcome counters it moves, none when no counter moves.
 */
export function aggregateChange(current: CandidateItem, updated: CandidateItem): TransactItem[] {
  const aggregate = new UpdateBuilder().addAll(counterChanges(current, updated));
  if (aggregate.isEmpty) return [];
  aggregate.when('attribute_exists(pk)');
  return [
    {
      Update: {
        TableName: tableName(),
        Key: keys.villageAggregate(updated.year, updated.villageCode),
        ...aggregate.build(),
      },
    },
  ];
}
