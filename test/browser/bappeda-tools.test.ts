import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSystem, seriousViolations } from '../support/browser.js';
import { registration } from '../support/candidates.js';
import type { TestSystem } from '../support/system.js';

/**
 * Finding people and keeping the register clean, in Chromium at 360 px: a volunteer searches
 * from the worklist. `SCREENSHOTS=1` saves the pages under docs/screenshots.
 */
const SCREENSHOTS = process.env.SCREENSHOTS === '1';
const VILLAGE = '33.29.01.2001'; // Banjaran, Salem
const FAR_VILLAGE = '33.29.02.2001'; // Bangbayang, Bantarkawung

let sys: TestSystem;
let browser: Browser;
let base: string;
let close: () => Promise<void> = async () => {};
const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
let serial = 1;

async function register(fullName: string, villageCode = VILLAGE, extra: Record<string, unknown> = {}) {
  const res = await sys.request<{ id: string; version: number }>('POST', '/candidates', {
    token: await sys.token('village_official', villageCode),
    body: registration(serial++, { year, villageCode, fullName, ...extra }),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

beforeAll(async () => {
  ({ sys, base, browser, close } = await browserSystem());
}, 60_000);

afterAll(async () => close());

async function signedIn(who: RegExp): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${base}/masuk`);
  await page.getByRole('button', { name: who }).click();
  return page;
}

async function check(page: Page, name: string) {
  await page.waitForLoadState('load');
  expect(await seriousViolations(page), name).toEqual([]);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${name} scrolls sideways`).toBeLessThanOrEqual(360);
  if (SCREENSHOTS)
    await page.screenshot({ path: join('docs', 'screenshots', `${name}-phone.png`), fullPage: true });
}

describe('search at 360 px', () => {
  it('finds a person by words of the name from the worklist, only in the kecamatan', async () => {
    const dewi = await register('Dewi Lestari Ningsih');
    await register('Dewi Lestiani');
    await register('Dewi Lestari Ningsih', FAR_VILLAGE);
    const page = await signedIn(/Relawan FMPP Kecamatan Salem/);
    expect(new URL(page.url()).pathname).toBe('/kerja');
    await page.getByLabel('Cari orang').fill('DEWI lestari');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/calon');
    await check(page, 'search');
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Dewi Lestari Ningsih');
    expect(await page.getByLabel('Cari orang').inputValue()).toBe('DEWI lestari');
    await rows.first().getByRole('link').click();
    expect(new URL(page.url()).pathname).toBe(`/calon/${dewi.id}`);

    // A query it cannot read says what to type instead, beside the box.
    await page.goto(`${base}/calon?q=12`);
    expect(await page.locator('#f-q-error').textContent()).toContain('4 angka terakhir NIK');
    await page.getByLabel('Cari orang').fill('zzzz');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    expect(await page.locator('main').textContent()).toContain('Tidak ada orang yang cocok di wilayah Anda');
  });
});

describe('duplicate review at 360 px', () => {
  it('shows a pair side by side, decides "same person" after a confirmation, and the pair is gone', async () => {
    const earlier = await register('Kartini Ganda Sari', VILLAGE, { birthDate: '2011-04-21' });
    const later = await register('Kartini Ganda Sari', VILLAGE, { birthDate: '2011-04-21' });
    const page = await signedIn(/Staf Bappeda/);
    await page.getByRole('link', { name: 'Data ganda' }).click();
    expect(new URL(page.url()).pathname).toBe('/ganda');
    await check(page, 'duplicate-review');
    const group = page.locator('section.card', { hasText: 'Kartini Ganda Sari' });
    expect(await group.locator('.pair .card').count()).toBe(2);
    expect(await group.textContent()).toMatch(/\*{12}\d{4}/);
    await group.getByLabel('Catatan (masuk riwayat)').fill('Dicek dengan KK');
    await group.getByRole('button', { name: 'Orang yang sama…' }).click();
    expect(await page.locator('h1').textContent()).toContain('Orang yang sama: Kartini Ganda Sari');
    await page.getByRole('button', { name: 'Ya, orang yang sama' }).click();
    expect(new URL(page.url()).pathname).toBe('/ganda');
    expect(await page.getByRole('status').first().textContent()).toContain('data yang belakangan dibatalkan');
    expect(await page.locator('section.card', { hasText: 'Kartini Ganda Sari' }).count()).toBe(0);
    const bappeda = await sys.token('bappeda_staff');
    const got = async (id: string) =>
      (await sys.request<{ status: string }>('GET', `/candidates/${id}`, { token: bappeda })).body.status;
    expect(await got(later.id)).toBe('WITHDRAWN');
    expect(await got(earlier.id)).toBe('IDENTIFIED');
  });
});
