import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_FIGURES } from '../../shared/domain/disclosure.js';
import { registration } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * The open data, without signing in: small counts hidden with what would give them away,
 * totals that add up where shown, nothing personal or per village, cacheable answers.
 */
type Figures = Record<(typeof PUBLIC_FIGURES)[number], number | null>;
type Open = { year: number; rows: (Figures & { code: string; name: string })[]; totals: Figures };

const YEAR = 2026;
let sys: TestSystem;
let serial = 1;

beforeAll(async () => {
  sys = await startTestSystem();
  const bappeda = await sys.token('bappeda_staff');
  expect(
    (await sys.request('PUT', `/programs/${YEAR}`, { token: bappeda, body: { villageQuota: 20 } })).status,
  ).toBe(200);
  // Salem 3, Bantarkawung 12, Bumiayu 9.
  for (const [village, count] of [
    ['33.29.01.2001', 3],
    ['33.29.02.2001', 12],
    ['33.29.03.2001', 9],
  ] as const) {
    const token = await sys.token('village_official', village);
    for (let i = 0; i < count; i++) {
      const res = await sys.request<{ id: string; version: number }>('POST', '/candidates', {
        token,
        body: registration(serial++, { villageCode: village, year: YEAR }),
      });
      expect(res.status).toBe(201);
    }
  }
});

const NO_PERSONAL = [/\d{16}/, /Siti|Aminah|Tarsih/, /\d{2}\.\d{2}\.\d{2}\.\d{4}/];

describe('open data', () => {
  it('needs no token, hides a kecamatan of 3 and its complement, and adds up where shown', async () => {
    const res = await sys.request<Open>('GET', `/public/outcomes?year=${YEAR}`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const salem = res.body.rows.find((r) => r.code === '33.29.01');
    expect(salem?.registered).toBeNull();
    expect(salem?.ats).toBeNull();
    // The complement: another figure of the registered column is hidden too, so the total
    // less the others does not give Salem's 3 away.
    const hiddenRegistered = [...res.body.rows.map((r) => r.registered), res.body.totals.registered].filter(
      (v) => v === null,
    );
    expect(hiddenRegistered.length).toBeGreaterThanOrEqual(2);
    expect(res.body.rows.some((r) => r.registered !== null && r.registered > 0)).toBe(true);
    // Every column adds up where all of it is shown; every published count is 0 or 5 and above.
    for (const k of PUBLIC_FIGURES) {
      const column = res.body.rows.map((r) => r[k]);
      if (res.body.totals[k] !== null && column.every((v) => v !== null))
        expect(column.reduce((n: number, v) => n + (v ?? 0), 0)).toBe(res.body.totals[k]);
      for (const v of [...column, res.body.totals[k]])
        if (v !== null) expect(v === 0 || v >= 5, `${k} ${v}`).toBe(true);
    }
    for (const r of [...res.body.rows, res.body.totals])
      if (r.registered !== null && r.ats !== null && r.dts !== null) expect(r.ats + r.dts).toBe(r.registered);
  });

  it('says nothing personal and nothing per village, as JSON, CSV or the page', async () => {
    const answers = [
      await sys.request('GET', `/public/outcomes?year=${YEAR}`),
      await sys.request('GET', `/public/outcomes?year=${YEAR}&format=csv`),
      await sys.request('GET', `/data?year=${YEAR}`),
    ];
    for (const a of answers) {
      expect(a.status).toBe(200);
      for (const pattern of NO_PERSONAL) expect(a.text).not.toMatch(pattern);
      expect(a.headers['set-cookie']).toBeUndefined();
    }
    const [, csv, page] = answers;
    expect(csv?.text).toMatch(/^\uFEFFKode kecamatan;Kecamatan;Terdaftar;/);
    expect(csv?.text).toContain('33.29.01;Salem;<5;<5;');
    expect(page?.text).toContain('&lt;5');
    expect(page?.text).toContain(`href="/public/outcomes?year=${YEAR}&amp;format=csv"`);
    expect(page?.text).toContain('Cara menghitung');
  });

  it('answers 304 to a client that holds the same figures, and the new figures once they change', async () => {
    const first = await sys.request('GET', `/public/outcomes?year=${YEAR}`);
    const etag = first.headers.etag ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await sys.gateway.handle({
      method: 'GET',
      url: `/public/outcomes?year=${YEAR}`,
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const token = await sys.token('village_official', '33.29.02.2001');
    for (let i = 0; i < 6; i++) {
      const res = await sys.request('POST', '/candidates', {
        token,
        body: registration(serial++, { villageCode: '33.29.02.2001', year: YEAR }),
      });
      expect(res.status).toBe(201);
    }
    const changed = await sys.gateway.handle({
      method: 'GET',
      url: `/public/outcomes?year=${YEAR}`,
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('refuses what it does not know, and says a year without a programme plainly', async () => {
    expect((await sys.request('GET', '/public/outcomes?year=2026&village=33.29.01.2001')).status).toBe(400);
    expect((await sys.request('GET', '/public/outcomes?year=abc')).status).toBe(400);
    expect((await sys.request('GET', '/public/outcomes?year=2031')).status).toBe(409);
    const page = await sys.request('GET', '/data?year=2031');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Tahun program 2031 belum ada.');
  });
});
