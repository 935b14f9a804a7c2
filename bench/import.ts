/** Bulk import of a 2,000-row survey list through the real handlers: dry run and commit, median of 3. */
import { IMPORT_COLUMNS } from '../shared/imports/columns.js';
import { countDynamoRequests } from '../test/support/request-counter.js';
import { median } from './stats.js';
import type { BenchSystem } from './system.js';

const ROWS = 2000;
const RUNS = 3;

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

export interface ImportFigures {
  rows: number;
  runs: number;
  dryRunMs: number;
  commitMs: number;
  dryRunRowsPerSecond: number;
  commitRowsPerSecond: number;
  dynamoRequests: { dryRun: Record<string, number>; commit: Record<string, number> };
}

/** Imports into year 2026 of villages 33.29.01.2001 to 2003, one fresh file each. */
export async function measureImport(sys: BenchSystem): Promise<ImportFigures> {
  const counter = countDynamoRequests();
  const timings = { dryRun: [] as number[], commit: [] as number[] };
  const requests = { dryRun: {} as Record<string, number>, commit: {} as Record<string, number> };
  for (let run = 0; run < RUNS; run++) {
    const village = `33.29.01.200${run + 1}`;
    const token = await sys.officialOf(village);
    // Each village's NIKs differ by the village digit in the birth-day field (45 + run).
    const file = surveyList(run).replaceAll('332901450710', `3329014${run + 5}0710`);
    for (const [kind, query] of [
      ['dryRun', 'year=2026&dryRun=true'],
      ['commit', 'year=2026'],
    ] as const) {
      counter.reset();
      const started = performance.now();
      const res = await sys.gateway.handle({
        method: 'POST',
        url: `/imports?${query}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: file,
      });
      timings[kind].push(performance.now() - started);
      requests[kind] = Object.fromEntries(
        Object.entries(counter.byCommand()).map(([c, n]) => [c.replace(/Command$/, ''), n]),
      );
      const summary = (JSON.parse(res.body.toString()) as { summary?: Record<string, number> }).summary;
      if (res.status !== 200 || summary?.errors !== 0)
        throw new Error(`${kind} failed: ${res.status} ${JSON.stringify(summary)}`);
    }
  }
  return {
    rows: ROWS,
    runs: RUNS,
    dryRunMs: Math.round(median(timings.dryRun)),
    commitMs: Math.round(median(timings.commit)),
    dryRunRowsPerSecond: Math.round(ROWS / (median(timings.dryRun) / 1000)),
    commitRowsPerSecond: Math.round(ROWS / (median(timings.commit) / 1000)),
    dynamoRequests: requests,
  };
}
