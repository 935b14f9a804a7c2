import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSystem, seriousViolations } from '../support/browser.js';
import { type Enrolled, enrolledLearner, paymentCsv } from '../support/payment-sheet.js';
import type { TestSystem } from '../support/system.js';

/**
 * Bappeda records payments from a sheet on a phone (360 px wide): from the budget page to the
 * upload, the dry run with a card for the row that will not be recorded, then the payments
 * recorded and said so. Every page visited is checked by axe-core, for sideways scrolling
 * and for buttons and links smaller than 44 px.
 */
const WIDTH = 360;
let browser: Browser;
let base: string;
let sys: TestSystem;
let close: () => Promise<void> = async () => {};
let learners: Enrolled[];
const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();

beforeAll(async () => {
  ({ base, browser, close, sys } = await browserSystem());
  const caller = {
    request: (method: string, url: string, options: Parameters<TestSystem['request']>[2]) =>
      sys.request(method, url, options),
    token: (role: 'village_official' | 'fmpp_volunteer', scope: string) => sys.token(role, scope),
  };
  learners = [
    await enrolledLearner(caller, year, '33.29.06.2001', 1),
    await enrolledLearner(caller, year, '33.29.06.2001', 2),
  ];
}, 90_000);

afterAll(() => close());

async function check(page: Page, name: string) {
  await page.waitForLoadState('load');
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    `${name} scrolls sideways`,
  ).toBeLessThanOrEqual(WIDTH);
  expect(await seriousViolations(page), name).toEqual([]);
  // Every button, link and form control of the page's content is at least 44 px high.
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('main button, main a, main select, main input:not([type=hidden])')]
      .filter((e) => e.getBoundingClientRect().height < 44)
      .map((e) => e.outerHTML.slice(0, 60)),
  );
  expect(small, name).toEqual([]);
}

describe('a payment sheet on a phone', () => {
  it('is checked, shows the row needing attention, and records the rest', async () => {
    const context = await browser.newContext({ viewport: { width: WIDTH, height: 800 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: /Staf Bappeda/ }).click();
    await page.goto(`${base}/anggaran?year=${year}`);
    await page.getByRole('link', { name: 'Catat banyak pembayaran dari lembar Excel atau CSV' }).click();
    await check(page, 'upload form');
    expect(await page.locator('h1').textContent()).toBe('Unggah lembar pembayaran');

    const [first, second] = learners as [Enrolled, Enrolled];
    const csv = `\uFEFF${paymentCsv(
      [
        {
          'ID Calon': first.id,
          Sumber: 'APBDES',
          Jumlah: '1.000.000',
          'Tanggal Bayar': `01-08-${year}`,
          Referensi: 'SP2D/77',
        },
        {
          NIK: second.nik,
          Sumber: 'APBDES',
          Jumlah: '1500000',
          'Tanggal Bayar': `${year}-08-02`,
          Referensi: 'SP2D/78',
        },
        {
          'ID Calon': first.id,
          Sumber: 'APBDES',
          Jumlah: '600000',
          'Tanggal Bayar': `${year}-08-03`,
          Referensi: 'SP2D/79',
        },
      ],
      ';',
    )}`;
    await page.setInputFiles('#f-file', {
      name: 'pembayaran.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('button', { name: 'Periksa' }).click();
    await check(page, 'dry run');
    expect(await page.locator('[role=status]').textContent()).toContain(
      '3 baris: 2 siap, 1 salah. Siap dicatat: Rp 2.500.000.',
    );
    const card = page.locator('.card').filter({ has: page.getByRole('heading', { name: 'Baris 4' }) });
    const problem = card.getByRole('listitem');
    expect(await problem.textContent()).toContain('Jumlah: Pembayaran melebihi komitmen');
    const box = await problem.boundingBox();
    expect((box?.x ?? WIDTH) + (box?.width ?? 0)).toBeLessThanOrEqual(WIDTH);
    // Nothing recorded before the confirmation.
    const paid = async (id: string) =>
      (
        await sys.request<{ funding: { apbdes: { disbursed: number } } }>('GET', `/candidates/${id}`, {
          token: await sys.token('bappeda_staff'),
        })
      ).body.funding.apbdes.disbursed;
    expect(await paid(first.id)).toBe(0);

    await page.getByRole('button', { name: 'Catat pembayaran' }).click();
    await check(page, 'payments recorded');
    expect(await page.locator('[role=status]').textContent()).toContain(
      '2 pembayaran dicatat, jumlah Rp 2.500.000.',
    );
    expect([await paid(first.id), await paid(second.id)]).toEqual([1_000_000, 1_500_000]);
    await page.getByRole('link', { name: 'Lihat anggaran' }).click();
    expect(new URL(page.url()).pathname).toBe('/anggaran');
    await context.close();
  }, 90_000);
});
