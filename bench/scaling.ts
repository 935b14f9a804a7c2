/**
 * How a year's budget report and a village summary grow: with villages, not with people.
 *
 * 30 and 297 villages hold real candidates, registered by the registration service (the
 * handlers' own code path below HTTP). Brebes has only 297 villages, so the 3,000-village
 * year is made of the 297 real aggregates of the 10-each year plus 2,703 copies of them
 * under made-up village codes, written straight into the year's partition: the report
 * reads (and pays for) all 3,000 items, but its rows are the 297 villages of the reference
 * data, so the summing of rows is measured for 297, not 3,000.
 */
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../shared/db/client.js';
import { keys } from '../shared/db/table.js';
import type { Principal } from '../shared/principal.js';
import { registerCandidate } from '../shared/services/candidates.js';
import { saveProgram } from '../shared/services/programs.js';
import { inBatches } from '../test/support/bulk.js';
import { countDynamoRequests } from '../test/support/request-counter.js';
import { takePerson } from './latency.js';
import { latency, ratio, timed } from './stats.js';
import { type BenchSystem, TABLE, villageList } from './system.js';

const RUNS = 30;

export interface ScalingFigures {
  scenario: string;
  villages: number;
  candidatesPerVillage: number;
  candidates: number;
  /** Candidates the report counts: checks that the year holds what the scenario says. */
  registeredInReport: number;
  budgetReport: { p50: number; p99: number; dynamoRequests: number };
  villageSummary: { p50: number; p99: number; dynamoRequests: number };
}

async function registerInVillages(year: number, count: number, perVillage: number) {
  const chosen = villageList.slice(0, count);
  // Village after village, so that concurrent registrations meet in different villages.
  const jobs = Array.from({ length: perVillage }, () => chosen).flat();
  await inBatches(jobs, 16, async (village) => {
    const official: Principal = {
      sub: `bench-official-${village.code}`,
      role: 'village_official',
      villageCode: village.code,
      districtCode: village.districtCode,
    };
    await registerCandidate(official, { year, villageCode: village.code, ...takePerson() });
  });
}

/** The 3,000-village year: the real year's items, and 2,703 copies of its aggregates as other villages. */
async function copyYearTo3000(from: number, to: number) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.program(from).pk },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const aggregates = items.filter((i) => String(i.sk).startsWith('VILLAGE#'));
  const copies = [
    ...items.map((i) => ({ ...i, pk: keys.program(to).pk, ...(i.sk === 'PROGRAM' ? { year: to } : {}) })),
    ...Array.from({ length: 3000 - aggregates.length }, (_, n) => {
      const code = `33.29.${String(90 + Math.floor(n / 1000)).padStart(2, '0')}.${String(1000 + (n % 1000))}`;
      return { ...aggregates[n % aggregates.length], ...keys.villageAggregate(to, code), villageCode: code };
    }),
  ];
  for (let i = 0; i < copies.length; i += 25) {
    let pending = copies.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const out = await db().send(new BatchWriteCommand({ RequestItems: { [TABLE]: pending } }));
      pending = (out.UnprocessedItems?.[TABLE] ?? []) as typeof pending;
    }
  }
}

export async function measureScaling(sys: BenchSystem): Promise<ScalingFigures[]> {
  const counter = countDynamoRequests();
  const measure = async (
    scenario: string,
    year: number,
    villages: number,
    perVillage: number,
  ): Promise<ScalingFigures> => {
    const summaryVillage = villageList[0]?.code ?? '';
    const report = () => sys.call('GET', `/reports/budget?year=${year}&by=district`, sys.bappeda);
    const summary = () => sys.call('GET', `/villages/${summaryVillage}?year=${year}`, sys.bappeda);
    for (let i = 0; i < 5; i++) await Promise.all([report(), summary()]);
    counter.reset();
    const reportRun = await timed(RUNS, 1, report);
    const reportRequests = counter.total() / RUNS;
    counter.reset();
    const summaryRun = await timed(RUNS, 1, summary);
    const summaryRequests = counter.total() / RUNS;
    const { body } = await sys.call<{ totals: { registered: number } }>(
      'GET',
      `/reports/budget?year=${year}&by=district`,
      sys.bappeda,
    );
    const r = latency(reportRun);
    const s = latency(summaryRun);
    return {
      scenario,
      villages,
      candidatesPerVillage: perVillage,
      candidates: villages * perVillage,
      registeredInReport: body.totals.registered,
      budgetReport: { p50: r.p50, p99: r.p99, dynamoRequests: reportRequests },
      villageSummary: { p50: s.p50, p99: s.p99, dynamoRequests: summaryRequests },
    };
  };

  const [small, full, large] = [2027, 2025, 2024];
  for (const year of [small, full]) await saveProgram(year, {});
  await registerInVillages(small, 30, 10);
  await registerInVillages(full, 297, 10);
  await copyYearTo3000(full, large);
  const figures = [
    await measure('30 villages × 10', small, 30, 10),
    await measure('297 villages × 10', full, 297, 10),
    await measure('3,000 villages × 10 (2,703 copied aggregates)', large, 3000, 10),
  ];
  await registerInVillages(full, 297, 40);
  figures.push(await measure('297 villages × 50', full, 297, 50));
  return figures;
}

/** Report p50 with 50 candidates a village over 10 (budget: at most 1.2). */
export const candidatesRatio = (figures: ScalingFigures[]) =>
  ratio(
    figures.find((f) => f.villages === 297 && f.candidatesPerVillage === 50)?.budgetReport.p50 ?? 0,
    figures.find((f) => f.villages === 297 && f.candidatesPerVillage === 10)?.budgetReport.p50 ?? 0,
  );
