import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { COUNTERS } from '../domain/budget.js';
import { defaultProgram, type ProgramSettings } from '../domain/program.js';
import { type ApbdPool, emptyPool, poolFromItem } from './apbd.js';
import { db, tableName } from './client.js';
import { settingsOf } from './programs.js';
import { keys } from './table.js';
import type { VillageAggregate } from './villages.js';

export interface YearState {
  program?: ProgramSettings;
  programVersion: number;
  pool: ApbdPool;
  villages: Map<string, VillageAggregate>;
}

/**
 * Every attribute of the year's items but the aggregates' waitlists: the programme's
 * settings and version, the APBD pool, the counters. A waitlist holds the id of every
 * waitlisted candidate, so reading it would make a report's cost grow with people.
 */
const WITHOUT_WAITLISTS = [
  ...new Set([
    'pk',
    'sk',
    'version',
    ...Object.keys(defaultProgram(2026)),
    ...Object.keys(emptyPool()),
    ...COUNTERS,
  ]),
];

/**
 * Everything a year's reports and settings checks need, in one partition: the programme,
 * the APBD pool and one aggregate per village. The number of requests grows with villages
 * (a page holds hundreds), never with candidates. Reports ask for no waitlists (they count
 * them with waitlistedIn); the settings check needs them to promote when a quota rises.
 */
export async function readYear(
  year: number,
  options: { waitlists: boolean } = { waitlists: true },
): Promise<YearState> {
  const projection = options.waitlists
    ? {}
    : {
        ProjectionExpression: WITHOUT_WAITLISTS.map((_, i) => `#a${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(WITHOUT_WAITLISTS.map((name, i) => [`#a${i}`, name])),
      };
  const state: YearState = { programVersion: 0, pool: poolFromItem(undefined), villages: new Map() };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.program(year).pk },
        ConsistentRead: true,
        ExclusiveStartKey: start,
        ...projection,
      }),
    );
    for (const item of page.Items ?? []) {
      const sk = String(item.sk);
      if (sk === keys.program(year).sk) {
        state.program = settingsOf(item);
        state.programVersion = Number(item.version ?? 0);
      } else if (sk === keys.apbdPool(year).sk) state.pool = poolFromItem(item);
      else if (sk.startsWith('VILLAGE#'))
        state.villages.set(sk.slice('VILLAGE#'.length), item as VillageAggregate);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return state;
}
