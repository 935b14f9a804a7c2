import { beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_ROWS_PER_HOUR } from '../../shared/services/imports.js';
import { OTHER_VILLAGE_SAME_DISTRICT, registration, VILLAGE } from '../support/candidates.js';
import { surveyCsv, surveyRow } from '../support/survey-list.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { getPage, signIn } from '../support/web.js';

/**
 * A dry run tells an official, without writing, whether a NIK or a look-alike is registered
 * elsewhere in the regency. It still says so (duplicates must be caught), but never where;
 * an account may check a bounded number of rows an hour; and every import is recorded where
 * Bappeda sees it.
 */
type Report = {
  summary: Record<string, number>;
  rows: { row: number; status: string; messages: { column: string; message: string }[] }[];
};
type ErrorBody = { error: { code: string; details: { field: string; message: string }[] } };

const YEAR = 2026;
/** A list of the given rows (each a serial, or a serial and a name). */
const list = (...rows: (number | [number, string])[]) =>
  surveyCsv(
    rows.map((r) => (typeof r === 'number' ? surveyRow(r) : surveyRow(r[0], { 'Nama Lengkap': r[1] }))),
  );

let sys: TestSystem;

beforeAll(async () => {
  sys = await startTestSystem();
  const bappeda = await sys.token('bappeda_staff');
  expect((await sys.request('PUT', `/programs/${YEAR}`, { token: bappeda, body: {} })).status).toBe(200);
  // Registered in Bentar before Banjaran's official checks a list holding the same NIK.
  const elsewhere = await sys.request('POST', '/candidates', {
    token: await sys.token('village_official', OTHER_VILLAGE_SAME_DISTRICT),
    body: registration(7, { villageCode: OTHER_VILLAGE_SAME_DISTRICT, fullName: 'Warga Bentar' }),
  });
  expect(elsewhere.status).toBe(201);
  const here = await sys.request('POST', '/candidates', {
    token: await sys.token('village_official', VILLAGE),
    body: registration(8, { fullName: 'Warga Banjaran' }),
  });
  expect(here.status).toBe(201);
});

const upload = async (csv: string, token: string, dryRun = true) => {
  const res = await sys.gateway.handle({
    method: 'POST',
    url: `/imports?year=${YEAR}&dryRun=${dryRun}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: Buffer.from(csv),
  });
  return {
    status: res.status,
    headers: res.headers,
    body: JSON.parse(res.body.toString()) as Report & ErrorBody,
  };
};

describe('what a dry run tells', () => {
  it('says a NIK is registered in another village without naming where, and in this one as such', async () => {
    const res = await upload(list(7, 8, 9), await sys.token('village_official', VILLAGE));
    expect(res.status).toBe(200);
    const [elsewhere, here, fresh] = res.body.rows;
    expect(elsewhere).toMatchObject({ status: 'DUPLICATE' });
    expect(elsewhere?.messages[0]?.message).toBe(
      'NIK ini sudah terdaftar di desa lain pada tahun program ini; baris ini tidak didaftarkan.',
    );
    expect(here?.messages[0]?.message).toBe(
      'NIK ini sudah terdaftar pada tahun program ini; baris ini tidak didaftarkan.',
    );
    expect(fresh?.status).toBe('OK');
    expect(JSON.stringify(res.body)).not.toMatch(/Bentar|33\.29\.01\.2002|Warga Bentar/);
  });
});

describe('the hourly budget of rows an account may check', () => {
  it(`allows ${IMPORT_ROWS_PER_HOUR.toLocaleString('en')} rows an hour, then answers 429 with Retry-After; other accounts are not touched`, async () => {
    const file = list(...Array.from({ length: 2000 }, (_, i) => 3000 + i));
    /** Five full files, then one more row, all within one clock hour (the budget's window). */
    const spend = async (sub: string) => {
      const hour = new Date().toISOString().slice(0, 13);
      const token = await sys.token('village_official', VILLAGE, { sub });
      const accepted: number[] = [];
      for (let used = 0; used + 2000 <= IMPORT_ROWS_PER_HOUR; used += 2000)
        accepted.push((await upload(file, token)).status);
      const refused = await upload(list(9), token);
      return { sameHour: hour === new Date().toISOString().slice(0, 13), accepted, refused };
    };
    let run = await spend('probe-account');
    // A run that crossed into the next hour met two budgets; the next run cannot cross again.
    if (!run.sameHour) run = await spend('probe-account-again');
    const { accepted, refused } = run;
    expect(accepted).toEqual([200, 200, 200, 200, 200]);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(refused.body.error.details[0]).toMatchObject({ field: 'file' });
    expect(refused.body.error.details[0]?.message).toMatch(/paling banyak 10\.000 baris per jam/);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    const other = await sys.token('village_official', VILLAGE, { sub: 'another-account' });
    expect((await upload(list(9), other)).status).toBe(200);
  }, 60_000);
});

describe('the record of imports', () => {
  it('shows Bappeda each check and registration: when, which village, which account, how many rows', async () => {
    const token = await sys.token('village_official', VILLAGE, { sub: 'recorded-account' });
    expect((await upload(list(20, 21), token)).status).toBe(200);
    expect((await upload(list(20, 21), token, false)).status).toBe(200);
    const cookie = await signIn(sys, 'bappeda');
    const page = (await getPage(sys, `/impor/riwayat?year=${YEAR}`, cookie)).body.toString();
    const rows = [
      ...page.matchAll(
        /<tr><td>[^<]+ WIB<\/td><td>([^<]+)<\/td><td>[^·]+· recorded-account<\/td><td>([^<]+)<\/td><td class="n">(\d+)<\/td><td class="n">(\d+)<\/td>/g,
      ),
    ].map((m) => m.slice(1));
    expect(rows).toEqual([
      ['Banjaran, Kec. Salem', 'Dicatat (lewat API)', '2', '2'],
      ['Banjaran, Kec. Salem', 'Diperiksa saja (lewat API)', '2', '0'],
    ]);
    expect((await getPage(sys, '/impor/riwayat', await signIn(sys, 'op-banjaran'))).status).toBe(403);
  });
});
