import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSystem, seriousViolations } from '../support/browser.js';
import { registration } from '../support/candidates.js';
import type { TestSystem } from '../support/system.js';

/**
 * The "Capaian" page for Bappeda and the public page /data, at 360 px and on a desktop, axe
 * clean, and the Capaian page printed to PDF by Chromium (A4). `SCREENSHOTS=1` saves the page
 * as printed, and /data on a phone, under docs/screenshots.
 */
const SCREENSHOTS = process.env.SCREENSHOTS === '1';

let sys: TestSystem;
let browser: Browser;
let base: string;
let close: () => Promise<void> = async () => {};
const year = Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4));

beforeAll(async () => {
  ({ sys, base, browser, close } = await browserSystem());
  // Salem 3 (hidden on the public page), Bantarkawung 8, two of them at school.
  let serial = 1;
  for (const [village, count] of [
    ['33.29.01.2001', 3],
    ['33.29.02.2001', 8],
  ] as const) {
    const token = await sys.token('village_official', village);
    for (let i = 0; i < count; i++) {
      const res = await sys.request<{ id: string; version: number }>('POST', '/candidates', {
        token,
        body: registration(serial++, { villageCode: village, year }),
      });
      expect(res.status).toBe(201);
      if (village === '33.29.02.2001' && i < 2) {
        const volunteer = await sys.token('fmpp_volunteer', '33.29.02');
        let c = res.body;
        for (const body of [
          { to: 'VERIFIED' },
          { to: 'ENROLLED', school: { npsn: 'P9997333', name: 'PKBM Harapan', level: 'PAKET_B' } },
        ]) {
          c = (
            await sys.request<{ id: string; version: number }>('POST', `/candidates/${c.id}/transitions`, {
              token: volunteer,
              body,
              headers: { 'if-match': `"${c.version}"` },
            })
          ).body;
        }
      }
    }
  }
}, 60_000);

afterAll(() => close());

async function check(page: Page, name: string, width: number) {
  await page.setViewportSize({ width, height: 900 });
  await page.waitForLoadState('load');
  expect(await seriousViolations(page), `${name} at ${width}`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(overflow, `${name} at ${width} scrolls sideways`).toBeLessThanOrEqual(width);
}

describe('outcomes in the browser', () => {
  it("shows Bappeda's Capaian page with its charts, on a phone and a desktop, and prints it on A4", async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/masuk`);
    await page.getByRole('button', { name: /Staf Bappeda/ }).click();
    await page.goto(`${base}/capaian?year=${year}`);
    for (const width of [360, 1280]) await check(page, 'capaian', width);
    expect(await page.locator('svg[role=img]').count()).toBe(4);
    expect(await page.locator('main p').first().textContent()).toContain('11 orang terdaftar');
    const row = page.locator('tbody tr', { has: page.locator('th', { hasText: /^Bantarkawung$/ }) });
    expect(await row.locator('td').allTextContents()).toEqual(['8', '2', '2', '0', '0', '0']);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (SCREENSHOTS) {
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.screenshot({ path: join('docs', 'screenshots', 'capaian-print.png'), fullPage: true });
    }
    await context.close();
  }, 60_000);

  it('shows the public page without signing in, small counts as "<5"', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/data?year=${year}`);
    for (const width of [360, 1280]) await check(page, 'data', width);
    const salem = page.locator('tbody tr', { has: page.locator('th', { hasText: /^Salem$/ }) });
    expect((await salem.locator('td').allTextContents())[0]).toBe('<5');
    if (SCREENSHOTS) {
      await page.setViewportSize({ width: 360, height: 800 });
      await page.screenshot({ path: join('docs', 'screenshots', 'open-data-phone.png'), fullPage: true });
    }
    await context.close();
  });
});
