/**
 * How a year's budget report, a village summary and a kecamatan's follow-up report grow:
 * with villages, not with people.
 *
 * Each scenario is a programme year of its own. 30 and 297 villages hold real candidates,
 * registered by the registration service (the handlers' own code path below HTTP). Brebes
 * has only 297 villages, so the 3,000-village year is made of the 297 real aggregates of the
 * 10-each year plus 2,703 copies of them under made-up village codes, written straight into
 * the year's partition (their waitlists, if any, into the year's waitlist partition): the
 * report reads (and pays for) all 3,000 aggregates, but its rows are the 297 villages of the
 * reference data, so the summing of rows is measured for 297, not 3,000.
 * The scenarios are asked in turn, 30 times (after 5 unmeasured rounds), forwards and backwards.
 */
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../shared/db/client.js';
import { keys } from '../shared/db/table.js';
import { readYear } from '../shared/db/year.js';
import type { Principal } from '../shared/principal.js';
import { registerCandidate } from '../shared/services/candidates.js';
import { saveProgram } from '../shared/services/programs.js';
import { inBatches } from '../test/support/bulk.js';
import { countDynamoRequests } from '../test/support/request-counter.js';
import { takePerson } from './latency.js';
import { latency, ratio } from './stats.js';
import { type BenchSystem, TABLE, villageList } from './system.js';

const RUNS = 30;
/** The kecamatan whose follow-up report is measured (Salem: its villages come first in the list). */
const BAPPEDA: Principal = { sub: 'bench-bappeda', role: 'bappeda_staff' };
const FOLLOW_UP_DISTRICT = '33.29.01';

export interface ScalingFigures {
  scenario: string;
  villages: number;
  candidatesPerVillage: number;
  candidates: number;
  /** Candidates the report counts: checks that the year holds what the scenario says. */
  registeredInReport: number;
  budgetReport: { p50: number; p99: number; dynamoRequests: number };
  /** The report's one DynamoDB read alone (readYear), p50 and p99. */
  reportRead: { p50: number; p99: number };
  villageSummary: { p50: number; p99: number; dynamoRequests: number };
  /** The follow-up report of one kecamatan (Salem): its villages' counters, not its people. */
  followUpReport: { p50: number; p99: number; dynamoRequests: number };
  /** The outcome report by kecamatan, and the public figures (with their suppression). */
  outcomesReport: { p50: number; p99: number; dynamoRequests: number };
  publicOutcomes: { p50: number; p99: number; dynamoRequests: number };
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

/** Every item of one partition. */
async function partition(pk: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * The 3,000-village year: the real year's items and waitlists, and 2,703 copies of its
 * aggregates (with their waitlists) as other villages.
 */
async function copyYearTo3000(from: number, to: number) {
  const items = await partition(keys.program(from).pk);
  const waitlists = new Map(
    (await partition(keys.waitlist(from, '').pk)).map((w) => [String(w.sk).slice('VILLAGE#'.length), w]),
  );
  const aggregates = items.filter((i) => String(i.sk).startsWith('VILLAGE#'));
  const copyOf = (n: number) => {
    const aggregate = aggregates[n % aggregates.length] ?? {};
    const code = `33.29.${String(90 + Math.floor(n / 1000)).padStart(2, '0')}.${String(1000 + (n % 1000))}`;
    const waitlist = waitlists.get(String(aggregate.villageCode));
    return [
      { ...aggregate, ...keys.villageAggregate(to, code), villageCode: code },
      ...(waitlist ? [{ ...waitlist, ...keys.waitlist(to, code) }] : []),
    ];
  };
  const copies = [
    ...items.map((i) => ({ ...i, pk: keys.program(to).pk, ...(i.sk === 'PROGRAM' ? { year: to } : {}) })),
    ...[...waitlists.values()].map((w) => ({ ...w, pk: keys.waitlist(to, '').pk })),
    ...Array.from({ length: 3000 - aggregates.length }, (_, n) => copyOf(n)).flat(),
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
  const scenarios = [
    { scenario: '30 villages × 10', year: 2027, villages: 30, perVillage: 10 },
    { scenario: '297 villages × 10', year: 2025, villages: 297, perVillage: 10 },
    { scenario: '3,000 villages × 10 (2,703 copied aggregates)', year: 2024, villages: 3000, perVillage: 10 },
    { scenario: '297 villages × 50', year: 2022, villages: 297, perVillage: 50 },
  ];
  for (const s of scenarios) if (s.villages <= villageList.length) await saveProgram(BAPPEDA, s.year, {});
  for (const s of scenarios) {
    if (s.villages <= villageList.length) await registerInVillages(s.year, s.villages, s.perVillage);
  }
  await copyYearTo3000(2025, 2024);

  // Every run asks each scenario in turn, so that load on the machine weighs on all alike,
  // forwards and backwards in alternate runs: whatever comes right after the 3,000-village
  // year pays for its garbage, and × 50 came right after it in every run (1.22× of × 10,
  // where 200 alternating requests of each measured 1.00×). Now × 10 and × 50 each follow
  // it in half the runs.
  const summaryVillage = villageList[0]?.code ?? '';
  const samples = scenarios.map(() => ({
    report: { durations: [] as number[], wallMs: 0, requests: 0 },
    summary: { durations: [] as number[], wallMs: 0, requests: 0 },
    read: { durations: [] as number[], wallMs: 0, requests: 0 },
    followUp: { durations: [] as number[], wallMs: 0, requests: 0 },
    outcomes: { durations: [] as number[], wallMs: 0, requests: 0 },
    open: { durations: [] as number[], wallMs: 0, requests: 0 },
  }));
  const once = async (
    target: { durations: number[]; wallMs: number; requests: number },
    url: string | (() => Promise<unknown>),
  ) => {
    counter.reset();
    const t = performance.now();
    await (typeof url === 'string' ? sys.call('GET', url, sys.bappeda) : url());
    const elapsed = performance.now() - t;
    target.durations.push(elapsed);
    target.wallMs += elapsed;
    target.requests += counter.total();
  };
  for (let run = -5; run < RUNS; run++) {
    for (let k = 0; k < scenarios.length; k++) {
      const i = run % 2 === 0 ? k : scenarios.length - 1 - k;
      const s = scenarios[i];
      const sample = samples[i];
      if (!s || !sample) continue;
      const scratch = { durations: [] as number[], wallMs: 0, requests: 0 };
      await once(run < 0 ? scratch : sample.report, `/reports/budget?year=${s.year}&by=district`);
      await once(run < 0 ? scratch : sample.summary, `/villages/${summaryVillage}?year=${s.year}`);
      await once(run < 0 ? scratch : sample.read, () => readYear(s.year));
      await once(
        run < 0 ? scratch : sample.followUp,
        `/reports/follow-up?year=${s.year}&district=${FOLLOW_UP_DISTRICT}`,
      );
      await once(run < 0 ? scratch : sample.outcomes, `/reports/outcomes?year=${s.year}&by=district`);
      await once(run < 0 ? scratch : sample.open, `/public/outcomes?year=${s.year}`);
    }
  }
  const figures: ScalingFigures[] = [];
  for (const [i, s] of scenarios.entries()) {
    const sample = samples[i];
    if (!sample) continue;
    const { body } = await sys.call<{ totals: { registered: number } }>(
      'GET',
      `/reports/budget?year=${s.year}&by=district`,
      sys.bappeda,
    );
    const r = latency(sample.report);
    const v = latency(sample.summary);
    const d = latency(sample.read);
    const u = latency(sample.followUp);
    const o = latency(sample.outcomes);
    const pub = latency(sample.open);
    figures.push({
      scenario: s.scenario,
      villages: s.villages,
      candidatesPerVillage: s.perVillage,
      candidates: s.villages * s.perVillage,
      registeredInReport: body.totals.registered,
      budgetReport: { p50: r.p50, p99: r.p99, dynamoRequests: sample.report.requests / RUNS },
      reportRead: { p50: d.p50, p99: d.p99 },
      villageSummary: { p50: v.p50, p99: v.p99, dynamoRequests: sample.summary.requests / RUNS },
      followUpReport: { p50: u.p50, p99: u.p99, dynamoRequests: sample.followUp.requests / RUNS },
      outcomesReport: { p50: o.p50, p99: o.p99, dynamoRequests: sample.outcomes.requests / RUNS },
      publicOutcomes: { p50: pub.p50, p99: pub.p99, dynamoRequests: sample.open.requests / RUNS },
    });
  }
  return figures;
}

/** Follow-up report p50 with 50 candidates a village over 10. */
export const followUpRatio = (figures: ScalingFigures[]) =>
  ratio(
    figures.find((f) => f.villages === 297 && f.candidatesPerVillage === 50)?.followUpReport.p50 ?? 0,
    figures.find((f) => f.villages === 297 && f.candidatesPerVillage === 10)?.followUpReport.p50 ?? 0,
  );

/** Report p50 with 50 candidates a village over 10 (budget: at most 1.2). */
export const candidatesRatio = (figures: ScalingFigures[]) =>
  ratio(
    figures.find((f) => f.villages === 297 && f.candidatesPerVillage === 50)?.budgetReport.p50 ?? 0,
    figures.find((f) => f.villages === 297 && f.candidatesPerVillage === 10)?.budgetReport.p50 ?? 0,
  );
