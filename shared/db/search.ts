import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { indexedWords, searchWords } from '../domain/search.js';
import type { CandidateItem } from './candidate-item.js';
import { db, tableName } from './client.js';
import { candidateFilter } from './list-filter.js';
import { keys } from './table.js';
import type { TransactItem } from './transact.js';

/**
 * The search index: per kecamatan, one entry per indexed word of a record's name
 * (`W#<word>#…`) and one for the last four digits of its NIK (`L#<digits>#…`), each with the
 * record's village, cohort and id, and the entry of a word with all the name's words (to check
 * the other words of a query without reading the record). Written in the transactions that
 * create a record, correct its name or NIK, or anonymise it.
 */
export interface SearchEntry {
  pk: string;
  sk: string;
  id: string;
  year: number;
  villageCode: string;
  words?: string;
}

/** A record's index entries (none once anonymised). */
export function searchEntriesOf(c: CandidateItem): SearchEntry[] {
  if (c.anonymised || !c.nik) return [];
  const place = { id: c.id, year: c.year, villageCode: c.villageCode };
  const words = searchWords(c.fullName ?? '');
  return [
    ...indexedWords(words).map((word) => ({
      ...keys.searchEntry(c.districtCode, `W#${word}`, c.villageCode, c.year, c.id),
      ...place,
      words: words.join(' '),
    })),
    { ...keys.searchEntry(c.districtCode, `L#${c.nik.slice(-4)}`, c.villageCode, c.year, c.id), ...place },
  ];
}

/**
 * The index writes of a record going from `before` (absent: new) to `after`: nothing when its
 * entries are the same, else the entries it loses deleted and its entries put.
 */
export function searchWrites(before: CandidateItem | undefined, after: CandidateItem): TransactItem[] {
  const old = before ? searchEntriesOf(before) : [];
  const next = searchEntriesOf(after);
  const same = (a: SearchEntry, b: SearchEntry) => a.sk === b.sk && a.words === b.words;
  if (old.length === next.length && old.every((e, i) => next[i] && same(e, next[i]))) return [];
  return [
    ...old
      .filter((e) => !next.some((n) => n.pk === e.pk && n.sk === e.sk))
      .map((e) => ({ Delete: { TableName: tableName(), Key: { pk: e.pk, sk: e.sk } } })),
    ...next.map((e) => ({ Put: { TableName: tableName(), Item: e } })),
  ];
}

/**
 * One kecamatan's index entries under `prefix` (`W#siti`, `L#0001`) after the sort key
 * `after`, in key order, narrowed to a village and cohort by DynamoDB and by `accepts` here,
 * until `want` are found or `maxRead` entries were read. `readTo` is the key read up to when
 * it stopped before the end of the range (undefined: the range was read to its end).
 */
export async function querySearch(options: {
  districtCode: string;
  prefix: string;
  after?: string;
  villageCode?: string;
  year?: number;
  accepts: (entry: SearchEntry) => boolean;
  want: number;
  maxRead: number;
}): Promise<{ found: SearchEntry[]; readTo?: string }> {
  const { districtCode, prefix, after, villageCode, year, accepts, want, maxRead } = options;
  const pk = keys.searchEntry(districtCode, '', '', 0, '').pk;
  const filter = candidateFilter(
    { ...(villageCode ? { villageCode } : {}), ...(year === undefined ? {} : { year }) },
    { ':pk': pk, ':prefix': prefix },
  );
  const found: SearchEntry[] = [];
  let read = 0;
  let startKey: Record<string, unknown> | undefined = after ? { pk, sk: after } : undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ...filter,
        Limit: Math.min(100, maxRead - read),
        ExclusiveStartKey: startKey,
      }),
    );
    read += page.ScannedCount ?? 0;
    for (const item of (page.Items ?? []) as SearchEntry[]) {
      if (!accepts(item)) continue;
      found.push(item);
      if (found.length >= want) return { found, readTo: item.sk };
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey && read < maxRead);
  return startKey ? { found, readTo: String(startKey.sk) } : { found };
}
