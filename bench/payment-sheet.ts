/**
 * A payment sheet of 500 rows through the real handlers: 100 enrolled learners in 10 villages
 * of 2025, five payments of Rp 300,000 each (their whole commitment), dry run then commit,
 * once each (a commit uses the commitments up), with the DynamoDB requests of each.
 */
import { villages } from '../shared/domain/regions.js';
import { inBatches } from '../test/support/bulk.js';
import { type Caller, type Enrolled, enrolledLearner, paymentCsv } from '../test/support/payment-sheet.js';
import { countDynamoRequests } from '../test/support/request-counter.js';
import type { BenchSystem } from './system.js';

// A year of its own: the scaling part fills every village quota of the years it uses.
const YEAR = 2020;
const LEARNERS = 100;
const PAYMENTS_EACH = 5;

export interface PaymentSheetFigures {
  rows: number;
  learners: number;
  dryRunMs: number;
  commitMs: number;
  recorded: number;
  dynamoRequests: { dryRun: Record<string, number>; commit: Record<string, number> };
}

/** The bench system as the tests' helpers call it. */
const callerOf = (sys: BenchSystem): Caller => ({
  async request(method, url, options) {
    const res = await sys.gateway.handle({
      method,
      url,
      headers: {
        authorization: `Bearer ${options.token ?? ''}`,
        'content-type': 'application/json',
        ...(options.headers ?? {}),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    return { status: res.status, body: JSON.parse(res.body.toString('utf8')) as unknown };
  },
  token: (role, scope) => (role === 'village_official' ? sys.officialOf(scope) : sys.volunteerOf(scope)),
});

export async function measurePaymentSheet(sys: BenchSystem): Promise<PaymentSheetFigures> {
  await sys.call('PUT', `/programs/${YEAR}`, sys.bappeda, { body: {} });
  // Ten learners (the village quota) in each of ten villages of another kecamatan than the import's.
  const places = villages
    .filter((v) => v.districtCode === '33.29.10')
    .slice(0, LEARNERS / 10)
    .flatMap((v) => Array.from({ length: 10 }, () => v.code));
  const learners: Enrolled[] = await inBatches(places, 8, (village, i) =>
    enrolledLearner(callerOf(sys), YEAR, village, 7000 + i),
  );
  const sheet = paymentCsv(
    learners.flatMap((l, i) =>
      Array.from({ length: PAYMENTS_EACH }, (_, p) => ({
        // Half the learners named by id, half by NIK.
        ...(i % 2 === 0 ? { 'ID Calon': l.id } : { NIK: l.nik }),
        Sumber: 'APBDES',
        Jumlah: '300000',
        'Tanggal Bayar': `${YEAR}-08-0${p + 1}`,
        Referensi: `SP2D/${YEAR}/${i}/${p}`,
      })),
    ),
  );
  const counter = countDynamoRequests();
  const figures = { dryRun: 0, commit: 0 };
  const requests = { dryRun: {} as Record<string, number>, commit: {} as Record<string, number> };
  let recorded = 0;
  for (const [kind, query] of [
    ['dryRun', 'dryRun=true'],
    ['commit', 'dryRun=false'],
  ] as const) {
    counter.reset();
    const started = performance.now();
    const res = await sys.gateway.handle({
      method: 'POST',
      url: `/disbursements/imports?year=${YEAR}&${query}`,
      headers: { authorization: `Bearer ${sys.bappeda}`, 'content-type': 'text/csv' },
      body: sheet,
    });
    figures[kind] = Math.round(performance.now() - started);
    requests[kind] = Object.fromEntries(
      Object.entries(counter.byCommand()).map(([c, n]) => [c.replace(/Command$/, ''), n]),
    );
    const summary = (JSON.parse(res.body.toString()) as { summary?: Record<string, number> }).summary;
    if (res.status !== 200 || summary?.ok !== LEARNERS * PAYMENTS_EACH)
      throw new Error(`payment sheet ${kind}: ${res.status} ${JSON.stringify(summary)}`);
    recorded = summary.recorded ?? 0;
  }
  return {
    rows: LEARNERS * PAYMENTS_EACH,
    learners: LEARNERS,
    dryRunMs: figures.dryRun,
    commitMs: figures.commit,
    recorded,
    dynamoRequests: requests,
  };
}
