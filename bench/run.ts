/**
 * `npm run bench`: measures what users wait for, against DynamoDB Local in memory and the
 * real handlers behind the local gateway. Prints a Markdown table and writes the same
 * figures as JSON to BENCH_OUT (default bench/latest.json, ignored by git).
 *
 * Now: bulk import of a 2,000-row survey list (dry run and commit), median of 3 runs.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensureTable, startDynamoDbLocal } from '../infra/local/dynamodb-local.js';
import { LocalGateway } from '../infra/local/gateway.js';
import { LocalIdentityProvider } from '../infra/local/identity-provider.js';
import { importHandlers } from '../infra/local/system.js';
import { IMPORT_COLUMNS } from '../shared/imports/columns.js';

const ROWS = 2000;
const RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function surveyList(villageIndex: number): string {
  const lines = [IMPORT_COLUMNS.map((c) => c.header).join(',')];
  for (let i = 0; i < ROWS; i++) {
    const serial = String(1 + i).padStart(4, '0');
    const yy = String(10 + villageIndex).padStart(2, '0');
    const cells: Record<string, string> = {
      NIK: `33290145071${villageIndex}${serial}`.slice(0, 12) + serial,
      'No KK': `3329010${villageIndex}0${yy}1${serial}`.slice(0, 16),
      'Nama Lengkap': `Warga ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}${String.fromCharCode(65 + villageIndex)}`,
      'Tanggal Lahir': '2010-07-05',
      'Jenis Kelamin': 'P',
      Jalur: 'ATS',
      'Status Sekolah': 'PUTUS_SEKOLAH',
      'Pendidikan Terakhir': 'SD',
      'Kode Alasan': '1',
      'Nama Wali': 'Tarsih',
      Disabilitas: 'Tidak',
      'Persetujuan Oleh': 'WALI',
      'Nama Pemberi Persetujuan': 'Tarsih',
    };
    lines.push(IMPORT_COLUMNS.map((c) => cells[c.header] ?? '').join(','));
  }
  return lines.join('\r\n');
}

const dynamo = await startDynamoDbLocal();
try {
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    TABLE_NAME: 'gkb-bench',
    NIK_HASH_KEY: randomBytes(32).toString('base64url'),
    SESSION_KEY: randomBytes(32).toString('base64url'),
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  await ensureTable(dynamo.endpoint, 'gkb-bench');
  const identity = await LocalIdentityProvider.create();
  const gateway = new LocalGateway(await importHandlers(), identity);
  const bappeda = await identity.issueToken({ sub: 'bench-bappeda', 'cognito:groups': ['bappeda_staff'] });
  await gateway.handle({
    method: 'PUT',
    url: '/programs/2026',
    headers: { authorization: `Bearer ${bappeda}` },
    body: '{}',
  });

  const timings = { dryRun: [] as number[], commit: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    const village = `33.29.01.200${run + 1}`;
    const token = await identity.issueToken({
      sub: `bench-${village}`,
      'cognito:groups': ['village_official'],
      'custom:village_code': village,
    });
    // Each village's NIKs differ by the village digit in the birth-day field (41 + run).
    const file = surveyList(run).replaceAll('332901450710', `3329014${run + 5}0710`);
    for (const [kind, query] of [
      ['dryRun', 'year=2026&dryRun=true'],
      ['commit', 'year=2026'],
    ] as const) {
      const started = performance.now();
      const res = await gateway.handle({
        method: 'POST',
        url: `/imports?${query}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: file,
      });
      timings[kind].push(performance.now() - started);
      const summary = (JSON.parse(res.body.toString()) as { summary?: Record<string, number> }).summary;
      if (res.status !== 200 || summary?.errors !== 0)
        throw new Error(`${kind} failed: ${res.status} ${JSON.stringify(summary)}`);
    }
  }
  const result = {
    machine: 'this machine, DynamoDB Local in memory',
    import: {
      rows: ROWS,
      runs: RUNS,
      dryRunMs: Math.round(median(timings.dryRun)),
      commitMs: Math.round(median(timings.commit)),
      dryRunRowsPerSecond: Math.round(ROWS / (median(timings.dryRun) / 1000)),
      commitRowsPerSecond: Math.round(ROWS / (median(timings.commit) / 1000)),
    },
  };
  console.log(`| measure | median of ${RUNS} | rows/s |
|---|---|---|
| import ${ROWS} rows, dry run | ${(result.import.dryRunMs / 1000).toFixed(1)} s | ${result.import.dryRunRowsPerSecond} |
| import ${ROWS} rows, commit | ${(result.import.commitMs / 1000).toFixed(1)} s | ${result.import.commitRowsPerSecond} |`);
  const out = process.env.BENCH_OUT ?? 'bench/latest.json';
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwritten to ${out}`);
} finally {
  await dynamo.stop();
}
