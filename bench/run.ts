/**
 * `npm run bench` (not part of `npm test`): starts DynamoDB Local in memory and the local API
 * Gateway with the real handlers, measures, prints Markdown tables and writes the same figures
 * as JSON to BENCH_OUT (default bench/latest.json, ignored by git). A full run (no BENCH_ONLY)
 * also writes its tables into docs/performance.md, between `<!-- bench:start -->` and
 * `<!-- bench:end -->`, so that the figures there are always those of a real run. Every timing is a median
 * over repeated runs (latencies also p99), compared as a ratio with a baseline measured in the
 * same run. `BENCH_ONLY=cold,latency,counts,scaling,import,sheets,search` runs some parts only.
 *
 * 1. cold start of each bundle as CDK builds it, against a minimal handler;
 * 2. warm latency of six operations at concurrency 1 and 16, against their DynamoDB floor;
 * 3. DynamoDB requests per operation;
 * 4. budget report and village summary for 30, 297 and 3,000 villages, 10 or 50 candidates each;
 * 5. import of 2,000 rows, dry run and commit;
 * 6. a payment sheet of 500 rows, dry run and commit;
 * 7. search among 30,000 records.
 * Nothing personal is printed: the people are made up, and only statuses and figures are shown.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { type BundleFigures, measureColdStarts } from './cold-start.js';
import { type ImportFigures, measureImport } from './import.js';
import { type LatencyFigures, measureLatency, SINGLE_ITEM } from './latency.js';
import { measurePaymentSheet, type PaymentSheetFigures } from './payment-sheet.js';
import { PERFORMANCE_DOC, writePerformanceDoc } from './performance-doc.js';
import { countRequests } from './request-counts.js';
import { candidatesRatio, followUpRatio, measureScaling, type ScalingFigures } from './scaling.js';
import { measureSearch, type SearchFigures } from './search.js';
import { startBenchSystem } from './system.js';

// Node 20 is supported by the pinned SDK; its notice about future versions is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const parts = new Set(
  (process.env.BENCH_ONLY ?? 'cold,latency,counts,scaling,import,sheets,search').split(','),
);
const KB = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
const table = (header: string[], rows: (string | number)[][]) =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
const calls = (requests: Record<string, number>) =>
  Object.entries(requests)
    .map(([command, n]) => `${n} ${command}`)
    .join(' + ') || 'none';
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

const result: {
  machine: string;
  startedAt: string;
  coldStart?: BundleFigures[];
  latency?: LatencyFigures[];
  requestsPerOperation?: Record<string, Record<string, number>>;
  scaling?: ScalingFigures[];
  import?: ImportFigures;
  paymentSheet?: PaymentSheetFigures;
  search?: SearchFigures;
  budgets: { budget: string; measured: string; met: boolean }[];
} = {
  machine: `${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, DynamoDB Local in memory`,
  startedAt: new Date().toISOString(),
  budgets: [],
};
const out: string[] = [];
const print = (text: string) => {
  console.log(text);
  out.push(text);
};

if (parts.has('cold')) {
  const figures = await measureColdStarts();
  result.coldStart = figures;
  print(
    `\n**Cold start** (bundled as CDK does; fresh \`node\` importing it and building the handler, median of 20)\n`,
  );
  print(
    table(
      [
        'bundle',
        'minified',
        'gzip',
        'process p50',
        'p99',
        'import alone',
        '× baseline',
        'largest parts (KB)',
      ],
      figures.map((f) => [
        f.name,
        KB(f.minifiedBytes),
        KB(f.gzipBytes),
        `${f.processMs} ms`,
        `${f.processP99Ms} ms`,
        `${f.importMs} ms`,
        f.vsBaseline.toFixed(2),
        Object.entries(f.largest)
          .slice(0, 4)
          .map(([pkg, kb]) => `${pkg} ${kb}`)
          .join(', '),
      ]),
    ),
  );
  for (const f of figures.filter((f) => f.name !== 'baseline')) {
    result.budgets.push({
      budget: `${f.name}: import at most 2.5× the baseline`,
      measured: `${f.vsBaseline.toFixed(2)}×`,
      met: f.vsBaseline <= 2.5,
    });
    result.budgets.push({
      budget: `${f.name}: under 400 KB minified`,
      measured: KB(f.minifiedBytes),
      met: f.minifiedBytes < 400 * 1024,
    });
  }
}

const needsSystem = ['latency', 'counts', 'scaling', 'import', 'sheets', 'search'].some((p) => parts.has(p));
if (needsSystem) {
  const sys = await startBenchSystem();
  try {
    if (parts.has('latency')) {
      const figures = await measureLatency(sys);
      result.latency = figures;
      print(
        `\n**Warm latency** (through the local API Gateway and the real handlers; floor: the raw DynamoDB calls alone)\n`,
      );
      print(
        table(
          [
            'operation',
            'concurrency',
            'p50',
            'p99',
            'req/s',
            'floor p50',
            'floor p99',
            'floor req/s',
            '× floor',
            'budget p50',
          ],
          figures.map((f) => [
            f.operation,
            f.concurrency,
            `${f.p50} ms`,
            `${f.p99} ms`,
            f.perSecond,
            `${f.floor.p50} ms`,
            `${f.floor.p99} ms`,
            f.floor.perSecond,
            f.vsFloor.toFixed(2),
            f.budgetMs === null ? '' : `≤ ${f.budgetMs} ms ${f.p50 <= f.budgetMs ? '✓' : '✗'}`,
          ]),
        ),
      );
      for (const f of figures.filter((f) => f.budgetMs !== null)) {
        result.budgets.push({
          budget: `${f.operation} at concurrency ${f.concurrency}: p50 ≤ 1.5 × floor + 1 ms (${f.budgetMs} ms)`,
          measured: `${f.p50} ms`,
          met: f.p50 <= (f.budgetMs ?? 0),
        });
      }
      const perOp = Object.fromEntries(
        figures.filter((f) => f.concurrency === 1).map((f) => [f.operation, f.dynamoRequests]),
      );
      result.requestsPerOperation = { ...perOp };
      const reg = perOp.register ?? {};
      const tr = perOp.transition ?? {};
      result.budgets.push({
        budget: 'register: one transaction plus at most one read',
        measured: calls(reg),
        met:
          reg.TransactWriteItems === 1 &&
          (reg.BatchGetItem ?? 0) + (reg.GetItem ?? 0) + (reg.Query ?? 0) <= 1,
      });
      result.budgets.push({
        budget: 'transition (IDENTIFIED → VERIFIED): one transaction plus at most one read',
        measured: calls(tr),
        met: tr.TransactWriteItems === 1 && (tr.BatchGetItem ?? 0) + (tr.GetItem ?? 0) + (tr.Query ?? 0) <= 1,
      });
      void SINGLE_ITEM;
    }
    if (parts.has('counts')) {
      const counts = await countRequests(sys);
      result.requestsPerOperation = { ...(result.requestsPerOperation ?? {}), ...counts };
    }
    if (result.requestsPerOperation) {
      print("\n**DynamoDB requests per operation** (SDK middleware on the handlers' client)\n");
      print(
        table(
          ['operation', 'requests'],
          Object.entries(result.requestsPerOperation).map(([op, r]) => [op, calls(r)]),
        ),
      );
    }
    if (parts.has('scaling')) {
      const figures = await measureScaling(sys);
      result.scaling = figures;
      print(
        "\n**Scaling** (budget report by kecamatan, one village summary, one kecamatan's follow-up report, the outcome report and the public figures, median and p99 of 30)\n",
      );
      print(
        table(
          [
            'year holds',
            'candidates',
            'report p50',
            'report p99',
            'its read alone p50',
            'report requests',
            'summary p50',
            'summary p99',
            'summary requests',
            'follow-up p50',
            'follow-up p99',
            'follow-up requests',
            'outcomes p50',
            'outcomes requests',
            'public p50',
            'public requests',
          ],
          figures.map((f) => [
            f.scenario,
            f.candidates,
            `${f.budgetReport.p50} ms`,
            `${f.budgetReport.p99} ms`,
            `${f.reportRead.p50} ms`,
            f.budgetReport.dynamoRequests,
            `${f.villageSummary.p50} ms`,
            `${f.villageSummary.p99} ms`,
            f.villageSummary.dynamoRequests,
            `${f.followUpReport.p50} ms`,
            `${f.followUpReport.p99} ms`,
            f.followUpReport.dynamoRequests,
            `${f.outcomesReport.p50} ms`,
            f.outcomesReport.dynamoRequests,
            `${f.publicOutcomes.p50} ms`,
            f.publicOutcomes.dynamoRequests,
          ]),
        ),
      );
      const ten = figures.find((f) => f.villages === 297 && f.candidatesPerVillage === 10);
      const fifty = figures.find((f) => f.villages === 297 && f.candidatesPerVillage === 50);
      result.budgets.push({
        budget: 'budget report requests do not grow with candidates (297 villages × 10 and × 50)',
        measured: `${ten?.budgetReport.dynamoRequests} and ${fifty?.budgetReport.dynamoRequests}`,
        met: ten?.budgetReport.dynamoRequests === fifty?.budgetReport.dynamoRequests,
      });
      result.budgets.push({
        budget: 'follow-up report requests do not grow with candidates (297 villages × 10 and × 50)',
        measured: `${ten?.followUpReport.dynamoRequests} and ${fifty?.followUpReport.dynamoRequests}`,
        met: ten?.followUpReport.dynamoRequests === fifty?.followUpReport.dynamoRequests,
      });
      for (const [name, of] of [
        ['outcome report', (f: ScalingFigures) => f.outcomesReport],
        ['public figures', (f: ScalingFigures) => f.publicOutcomes],
      ] as const) {
        const [a, b] = [of(ten as ScalingFigures), of(fifty as ScalingFigures)];
        result.budgets.push({
          budget: `${name} requests and time do not grow with candidates (297 villages × 10 and × 50, within 1.2×)`,
          measured: `${a.dynamoRequests} and ${b.dynamoRequests}; ${(b.p50 / Math.max(a.p50, 0.1)).toFixed(2)}×`,
          met: a.dynamoRequests === b.dynamoRequests && b.p50 <= 1.2 * a.p50,
        });
      }
      const u = followUpRatio(figures);
      result.budgets.push({
        budget: 'follow-up report time, 297 villages × 50 within 1.2× of × 10',
        measured: `${u.toFixed(2)}×`,
        met: u <= 1.2,
      });
      const r = candidatesRatio(figures);
      result.budgets.push({
        budget: 'report time, 297 villages × 50 within 1.2× of × 10',
        measured: `${r.toFixed(2)}×`,
        met: r <= 1.2,
      });
    }
    if (parts.has('import')) {
      const figures = await measureImport(sys);
      result.import = figures;
      print(`\n**Import** (${figures.rows} rows, CSV, median of ${figures.runs})\n`);
      print(
        table(
          ['measure', 'time', 'rows/s', 'DynamoDB requests'],
          [
            [
              `dry run`,
              `${(figures.dryRunMs / 1000).toFixed(1)} s`,
              figures.dryRunRowsPerSecond,
              calls(figures.dynamoRequests.dryRun),
            ],
            [
              `commit`,
              `${(figures.commitMs / 1000).toFixed(1)} s`,
              figures.commitRowsPerSecond,
              calls(figures.dynamoRequests.commit),
            ],
          ],
        ),
      );
    }
    if (parts.has('sheets')) {
      const f = await measurePaymentSheet(sys);
      result.paymentSheet = f;
      print(`\n**Payment sheet** (${f.rows} rows, CSV, ${f.learners} learners in 10 villages, one run)\n`);
      print(
        table(
          ['measure', 'time', 'rows/s', 'DynamoDB requests'],
          [
            [
              'dry run',
              `${(f.dryRunMs / 1000).toFixed(1)} s`,
              Math.round(f.rows / (f.dryRunMs / 1000)),
              calls(f.dynamoRequests.dryRun),
            ],
            [
              'commit',
              `${(f.commitMs / 1000).toFixed(1)} s`,
              Math.round(f.rows / (f.commitMs / 1000)),
              calls(f.dynamoRequests.commit),
            ],
          ],
        ),
      );
      result.budgets.push({
        budget: `payment sheet of ${f.rows} rows: every payment recorded, one transaction each, within 20 s`,
        measured: `${f.recorded} in ${(f.commitMs / 1000).toFixed(1)} s, ${f.dynamoRequests.commit.TransactWriteItems ?? 0} transactions`,
        met:
          f.recorded === f.rows &&
          f.dynamoRequests.commit.TransactWriteItems === f.rows &&
          f.commitMs < 20_000,
      });
    }
    if (parts.has('search')) {
      const f = await measureSearch(sys);
      result.search = f;
      print(
        `\n**Search** among ${f.records.toLocaleString('en')} records of one cohort (30 runs each, a page of 50)\n`,
      );
      print(
        table(
          ['search', 'by', 'found', 'p50', 'p99', 'DynamoDB requests'],
          f.searches.map((s) => [
            s.search,
            s.who,
            s.found,
            `${s.p50Ms} ms`,
            `${s.p99Ms} ms`,
            calls(s.requests),
          ]),
        ),
      );
      const most = Math.max(...f.searches.map((s) => s.requests.QueryCommand ?? 0));
      result.budgets.push({
        budget: `search among ${f.records.toLocaleString('en')}: at most 500 index entries (5 Queries) a kecamatan and one BatchGetItem a page`,
        measured: `at most ${most} Queries (17 kecamatan)`,
        met: f.searches.every(
          (s) => (s.requests.QueryCommand ?? 0) <= 5 * 17 && (s.requests.BatchGetItemCommand ?? 0) <= 1,
        ),
      });
      const volunteer = Math.max(...f.searches.filter((s) => s.who === 'volunteer').map((s) => s.p50Ms));
      const regency = Math.max(...f.searches.filter((s) => s.who === 'Bappeda').map((s) => s.p50Ms));
      result.budgets.push({
        budget: 'search p50: one kecamatan under 100 ms, the regency (17 side by side) under 500 ms',
        measured: `${volunteer} ms, ${regency} ms`,
        met: volunteer < 100 && regency < 500,
      });
    }
  } finally {
    await sys.stop();
  }
}

print('\n**Budgets**\n');
print(
  table(
    ['budget', 'measured', ''],
    result.budgets.map((b) => [b.budget, b.measured, verdict(b.met)]),
  ),
);
const file = process.env.BENCH_OUT ?? 'bench/latest.json';
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`\n${result.machine}; written to ${file}`);
if (process.env.BENCH_ONLY === undefined) {
  writePerformanceDoc(
    `Run of ${result.startedAt.slice(0, 10)}, ${result.machine}. ` +
      `${result.budgets.every((b) => b.met) ? 'Every budget is met.' : 'Some budgets are **missed**.'}\n${out.join('\n')}`,
  );
  console.log(`tables written into ${PERFORMANCE_DOC}`);
}
