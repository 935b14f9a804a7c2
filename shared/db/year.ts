import type { ProgramSettings } from '../domain/program.js';
import { type ApbdPool, poolFromItem } from './apbd.js';
import { settingsOf } from './programs.js';
import { queryAll } from './query-all.js';
import { keys } from './table.js';
import type { VillageAggregate } from './villages.js';

export interface YearState {
  program?: ProgramSettings;
  programVersion: number;
  pool: ApbdPool;
  villages: Map<string, VillageAggregate>;
}

/**
 * Everything a year's reports and settings checks need, in one partition: the programme,
 * the APBD pool and one aggregate per village. The number of requests grows with villages
 * (a page holds hundreds), never with candidates, and so does the size of what is read: the
 * villages' waitlists are items of another partition (`keys.waitlist`), which this never
 * reads (the reports and the settings check count them with waitlistedIn).
 */
export async function readYear(year: number): Promise<YearState> {
  const state: YearState = { programVersion: 0, pool: poolFromItem(undefined), villages: new Map() };
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.program(year).pk },
  });
  for (const item of items) {
    const sk = String(item.sk);
    if (sk === keys.program(year).sk) {
      state.program = settingsOf(item);
      state.programVersion = Number(item.version ?? 0);
    } else if (sk === keys.apbdPool(year).sk) state.pool = poolFromItem(item);
    else if (sk.startsWith('VILLAGE#'))
      state.villages.set(sk.slice('VILLAGE#'.length), item as VillageAggregate);
  }
  return state;
}
