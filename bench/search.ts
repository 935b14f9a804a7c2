/**
 * Search among 30,000 records (api.md: `GET /candidates?q=`): the records and their search
 * entries written straight into the table (made-up people, 30,000 across the regency's
 * villages in one cohort), then searches through the real handlers, each 30 times: a word
 * every record shares (the first page of 30,000 matches), two words naming a handful, two
 * words whose longer one all share (what the index reads is capped), a word naming one, the last four NIK digits, for Bappeda (17 kecamatan) and a volunteer (one).
 * What a search reads follows its matches: the entries read are counted from DynamoDB's
 * `ScannedCount`, never the 30,000.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CandidateItem } from '../shared/db/candidate-item.js';
import { db } from '../shared/db/client.js';
import { searchEntriesOf } from '../shared/db/search.js';
import { keys } from '../shared/db/table.js';
import { newId } from '../shared/domain/ids.js';
import { inBatches } from '../test/support/bulk.js';
import { countDynamoRequests } from '../test/support/request-counter.js';
import { person } from './people.js';
import { median, percentile } from './stats.js';
import { type BenchSystem, TABLE, villageList } from './system.js';

const YEAR = 2021;
export const SEARCH_RECORDS = 30_000;
const RUNS = 30;

export interface SearchFigures {
  records: number;
  searches: {
    search: string;
    who: string;
    found: number;
    p50Ms: number;
    p99Ms: number;
    requests: Record<string, number>;
  }[];
}

/** A record as registration stores it, for person `n` in a village, holding a place. */
function record(n: number): CandidateItem {
  const village = villageList[n % villageList.length] ?? villageList[0];
  if (!village) throw new Error('no villages');
  const p = person(n);
  const at = new Date().toISOString();
  return {
    ...p,
    address: null,
    phone: null,
    disability: null,
    reasonNote: null,
    id: newId(),
    year: YEAR,
    villageCode: village.code,
    districtCode: village.districtCode,
    status: 'IDENTIFIED',
    villageFunding: 'FUNDED',
    villageAmount: 1_500_000,
    apbd: null,
    disbursed: { APBDES: 0, APBD: 0 },
    school: null,
    version: 1,
    warnings: [],
    createdAt: at,
    updatedAt: at,
    createdBy: 'bench',
    nikHash: `bench-${n}`,
    fingerprints: [],
    flags: [],
  } as unknown as CandidateItem;
}

async function seed(): Promise<CandidateItem[]> {
  const records = Array.from({ length: SEARCH_RECORDS }, (_, n) => record(n));
  const items = records.flatMap((c) => [
    { ...keys.candidate(c.id), ...keys.candidateIndex(c.year, c.villageCode, c.id), ...c },
    ...searchEntriesOf(c),
  ]);
  const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) =>
    items.slice(i * 25, i * 25 + 25),
  );
  await inBatches(batches, 8, async (batch) => {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await db().send(
        new BatchWriteCommand({ RequestItems: { [TABLE]: requests } }),
      );
      requests = (UnprocessedItems?.[TABLE] ?? []) as typeof requests;
    }
  });
  return records;
}

export async function measureSearch(sys: BenchSystem): Promise<SearchFigures> {
  const records = await seed();
  const one = records[12_345] ?? records[0];
  if (!one) throw new Error('nothing seeded');
  const [, second = '', third = ''] = one.fullName.toLowerCase().split(' ');
  const volunteer = await sys.volunteerOf(one.districtCode);
  const cases: [string, string, string][] = [
    ['a word all 30,000 share (first page of 50)', 'warga', sys.bappeda],
    ['two rarer words', `${second} ${third}`, sys.bappeda],
    [
      'the longer word shared by all (reads capped, page may end early)',
      `warga ${second.slice(0, 3)}`,
      sys.bappeda,
    ],
    ['a word naming one', second, sys.bappeda],
    ['last four NIK digits', one.nik.slice(-4), sys.bappeda],
    ['a word all share, one kecamatan', 'warga', volunteer],
  ];
  const counter = countDynamoRequests();
  const searches: SearchFigures['searches'] = [];
  for (const [label, q, token] of cases) {
    const url = `/candidates?year=${YEAR}&limit=50&q=${encodeURIComponent(q)}`;
    const times: number[] = [];
    let found = 0;
    let requests: Record<string, number> = {};
    for (let i = 0; i < RUNS; i++) {
      counter.reset();
      const started = performance.now();
      const { body } = await sys.call<{ items: unknown[] }>('GET', url, token);
      times.push(performance.now() - started);
      found = body.items.length;
      requests = counter.byCommand();
    }
    searches.push({
      search: label,
      who: token === sys.bappeda ? 'Bappeda' : 'volunteer',
      found,
      p50Ms: Math.round(median(times) * 10) / 10,
      p99Ms: Math.round(percentile(times, 99) * 10) / 10,
      requests,
    });
  }
  return { records: SEARCH_RECORDS, searches };
}
