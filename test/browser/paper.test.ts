import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CalendarDate, todayInBrebes } from '../../shared/domain/dates.js';
import { followUpOf } from '../../shared/domain/follow-up.js';
import { IMPORT_COLUMNS } from '../../shared/imports/columns.js';
import { browserSystem, seriousViolations } from '../support/browser.js';
import { DISTRICT, OTHER_VILLAGE_SAME_DISTRICT, registration, VILLAGE } from '../support/candidates.js';
import type { TestSystem } from '../support/system.js';

/**
 * Paper for the field, in Chromium: the printable registration form `/formulir` (readable
 * without signing in, at 360 px, its fields named exactly as the survey template's columns,
 * printed on one or two A4 pages) and the printable worklist `/kerja/cetak` (names, villages
 * and due dates of the volunteer's kecamatan, never a NIK). `SCREENSHOTS=1` saves the first
 * printed page of each under docs/screenshots.
 */
const SCREENSHOTS = process.env.SCREENSHOTS === '1';

let sys: TestSystem;
let browser: Browser;
let base: string;
let close: () => Promise<void> = async () => {};
const year = todayInBrebes().year;
let today: CalendarDate;

interface Seeded {
  fullName: string;
  village: string;
  nik: string;
  kk: string;
  due: string;
}
const seeded: Seeded[] = [];

beforeAll(async () => {
  ({ sys, base, browser, close } = await browserSystem());
  today = todayInBrebes();
  // Bentar first, so that the table's village order is the page's doing.
  const people = [
    [OTHER_VILLAGE_SAME_DISTRICT, 'Rohmat Hidayat', { dusun: 'Cigadog', rt: '002', rw: '001' }],
    [OTHER_VILLAGE_SAME_DISTRICT, 'Nurul Aini', null],
    [VILLAGE, 'Wulan Sari', { dusun: 'Krajan', rt: '003', rw: '001' }],
    [VILLAGE, 'Dede Kurniawan', { dusun: 'Pasir', rt: null, rw: '004' }],
    [VILLAGE, 'Siti Aminah', null],
  ] as const;
  let serial = 701;
  for (const [village, fullName, address] of people) {
    const body = { ...registration(serial++, { year, villageCode: village, fullName }), address };
    const res = await sys.request<{ status: 'IDENTIFIED'; createdAt: string; flags: string[] }>(
      'POST',
      '/candidates',
      { token: await sys.token('village_official', village), body },
    );
    expect(res.status).toBe(201);
    const due = followUpOf(res.body, today)?.nextDue ?? '';
    seeded.push({ fullName, village, nik: body.nik, kk: body.kk, due });
  }
}, 60_000);

afterAll(() => close());

/** The PDF's pages: its `/Type /Page` objects (not the `/Pages` tree). */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;

/** Prints the page on A4 and takes the first printed page as a picture (saved with SCREENSHOTS=1). */
async function print(page: Page, screenshot: string): Promise<Buffer> {
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 });
  const png = await page.screenshot();
  expect(png.length).toBeGreaterThan(1000);
  if (SCREENSHOTS) writeFileSync(join('docs', 'screenshots', screenshot), png);
  await page.emulateMedia({ media: 'screen' });
  return pdf;
}

async function check360(page: Page, name: string) {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForLoadState('load');
  expect(await seriousViolations(page), name).toEqual([]);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${name} scrolls sideways`).toBeLessThanOrEqual(360);
}

async function signedIn(account: RegExp): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${base}/masuk`);
  await page.getByRole('button', { name: account }).click();
  await page.waitForLoadState('load');
  return page;
}

/** The header row of a CSV file (a BOM and `;` or `,` as separator allowed). */
function csvHeader(text: string): string[] {
  const first = (text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '').trim();
  const separator = first.includes(';') ? ';' : ',';
  return first.split(separator).map((cell) => cell.replace(/^"(.*)"$/, '$1').trim());
}

describe('the paper registration form', () => {
  it('is readable without signing in, at 360 px, and prints on one or two A4 pages', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, bypassCSP: true });
    const page = await context.newPage();
    const res = await page.goto(`${base}/formulir`);
    expect(res?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/formulir');
    const html = await page.content();
    expect(html.length).toBeLessThan(60_000);
    await check360(page, '/formulir');
    expect(await page.locator('main').textContent()).toContain('Tekan Cetak di menu peramban, pilih A4');
    expect(await page.locator('a[href="/impor/templat?format=xlsx"]').count()).toBe(1);
    // Each coded column's codes as tick boxes, the NIK in 16 boxes.
    const sex = page.locator('.pf-f', { has: page.locator('[data-column="Jenis Kelamin"]') });
    expect(await sex.locator('li').allTextContents()).toEqual(['☐ L — Laki-laki', '☐ P — Perempuan']);
    const nik = page.locator('.pf-f', { has: page.locator('[data-column="NIK"]') });
    expect(await nik.locator('.pf-boxes span').count()).toBe(16);
    expect(await nik.textContent()).toContain('Wajib');
    const reasons = page.locator('.pf-f', { has: page.locator('[data-column="Kode Alasan"]') });
    expect(await reasons.locator('li').count()).toBe(12);
    const pdf = await print(page, 'paper-form-print.png');
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(1);
    expect(pageCount(pdf)).toBeLessThanOrEqual(2);
    // The header is hidden in print.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').isVisible()).toBe(false);
    await context.close();
  }, 60_000);

  it("names its fields exactly as the survey template's columns, in order", async () => {
    const page = await signedIn(/Operator Desa Banjaran/);
    await page.goto(`${base}/formulir`);
    const named = await page
      .locator('[data-column]')
      .evaluateAll((els) => els.map((el) => [el.getAttribute('data-column'), el.textContent]));
    for (const [attribute, text] of named) expect(text).toBe(attribute);
    const columns = named.map(([, text]) => text);
    expect(columns).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    const template = await page.context().request.get(`${base}/impor/templat?format=csv`);
    expect(template.status()).toBe(200);
    const header = csvHeader(await template.text());
    expect(header.length).toBeGreaterThan(10);
    expect(columns).toEqual(header);
    await page.context().close();
  }, 60_000);
});

describe('the printable worklist', () => {
  it("lists the volunteer's kecamatan village by village, with names and due dates and no NIK", async () => {
    const page = await signedIn(/Relawan FMPP Kecamatan Salem/);
    await page.goto(`${base}/kerja`);
    await page.getByRole('link', { name: 'Cetak daftar kerja' }).click();
    expect(new URL(page.url()).pathname).toBe('/kerja/cetak');
    const html = await page.content();
    expect(html.length).toBeLessThan(60_000);
    await check360(page, '/kerja/cetak');
    expect(await page.locator('h1').textContent()).toBe('Daftar kerja Kecamatan Salem');
    expect(await page.locator('main').textContent()).toMatch(/Dicetak \d{1,2} \w+ \d{4}/);
    for (const s of seeded) {
      for (const digits of [s.nik, s.kk, s.nik.slice(0, 8), s.nik.slice(-8)])
        expect(html, `${s.fullName}'s NIK/KK`).not.toContain(digits);
    }
    const rows = await page
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
    expect(rows).toHaveLength(seeded.length);
    const months = [
      'Januari',
      'Februari',
      'Maret',
      'April',
      'Mei',
      'Juni',
      'Juli',
      'Agustus',
      'September',
      'Oktober',
      'November',
      'Desember',
    ];
    const dateText = (iso: string) => {
      const [y, m, d] = iso.split('-').map(Number);
      return `${d} ${months[(m ?? 1) - 1]} ${y}`;
    };
    for (const s of seeded) {
      const row = rows.find((r) => r[0] === s.fullName);
      expect(row, s.fullName).toBeDefined();
      expect(row?.[1]).toBe(s.village === VILLAGE ? 'Banjaran' : 'Bentar');
      expect(row?.[4]).toBe(String(year));
      expect(row?.[5]).toBe(dateText(s.due));
      expect(row?.slice(6)).toEqual(['', '']);
    }
    expect(rows.find((r) => r[0] === 'Wulan Sari')?.[2]).toBe('Dusun Krajan, RT 003/RW 001');
    // Village by village (Banjaran before Bentar), then by due date.
    const order = rows.map((r) => `${r[1]}#${seeded.find((s) => s.fullName === r[0])?.due}`);
    expect(order).toEqual([...order].sort());
    expect(rows.map((r) => r[1])).toEqual(['Banjaran', 'Banjaran', 'Banjaran', 'Bentar', 'Bentar']);
    const pdf = await print(page, 'worklist-print.png');
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(1);
    // Another kecamatan is not the volunteer's.
    const other = await page.goto(`${base}/kerja/cetak?district=33.29.02`);
    expect(other?.status()).toBe(404);
    expect(await page.content()).not.toContain('Rohmat Hidayat');
    await page.context().close();
  }, 60_000);

  it('is refused to an official, and asks Bappeda for a kecamatan', async () => {
    const official = await signedIn(/Operator Desa Banjaran/);
    const refused = await official.goto(`${base}/kerja/cetak`);
    expect(refused?.status()).toBe(403);
    expect(await official.content()).not.toContain('Wulan Sari');
    await official.context().close();

    const bappeda = await signedIn(/Staf Bappeda/);
    const missing = await bappeda.goto(`${base}/kerja/cetak`);
    expect(missing?.status()).toBe(400);
    expect(await bappeda.content()).not.toContain('Wulan Sari');
    await check360(bappeda, '/kerja/cetak without a kecamatan');
    await bappeda.getByRole('link', { name: 'Salem' }).click();
    expect(new URL(bappeda.url()).search).toBe(`?district=${DISTRICT}`);
    expect(await bappeda.locator('h1').textContent()).toBe('Daftar kerja Kecamatan Salem');
    expect(await bappeda.locator('tbody tr').count()).toBe(seeded.length);
    await bappeda.context().close();
  }, 60_000);
});
