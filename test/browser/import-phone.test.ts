import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSystem, seriousViolations } from '../support/browser.js';

/**
 * A village official uploads a survey list on a phone (360 px wide): the reasons a row failed
 * are read without scrolling sideways, the failed rows are downloaded, fixed and uploaded
 * again, and then registered. Every page visited is checked by axe-core.
 */
const WIDTH = 360;
let browser: Browser;
let base: string;

let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ base, browser, close } = await browserSystem());
}, 60_000);

afterAll(() => close());

/** The page fits the phone's width and has no serious or critical axe violation. */
async function check(page: Page, name: string) {
  await page.waitForLoadState('load');
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    `${name} scrolls sideways`,
  ).toBeLessThanOrEqual(WIDTH);
  expect(await seriousViolations(page), name).toEqual([]);
}

async function upload(page: Page, csv: string) {
  await page.goto(`${base}/impor`);
  await check(page, 'upload form');
  await page.setInputFiles('#f-file', { name: 'daftar.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Periksa' }).click();
  await check(page, 'check result');
}

const HEADER =
  'NIK;No KK;Nama Lengkap;Tanggal Lahir;Jenis Kelamin;Jalur;Status Sekolah;Pendidikan Terakhir;Kode Alasan;Nama Wali;Persetujuan Oleh;Nama Pemberi Persetujuan';
/** A girl born 5 July 2010 (NIK day 45: 5 + 40), serial `s` of four digits. */
const nik = (s: string) => `332901450710${s}`;
const row = (s: string, name: string, cells: { nik?: string; date?: string; sex?: string } = {}) =>
  `${cells.nik ?? nik(s)};332901010110${s};${name};${cells.date ?? '05-07-2010'};${cells.sex ?? 'P'};ATS;PUTUS_SEKOLAH;SD;1;Tarsih;WALI;Tarsih`;

describe('the upload on a phone', () => {
  it('shows why rows failed within the screen, and registers them once the downloaded file is fixed', async () => {
    const context = await browser.newContext({
      viewport: { width: WIDTH, height: 800 },
      acceptDownloads: true,
      // axe-core is injected as a script, which the pages' CSP rightly forbids: the test bypasses it.
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: /Operator Desa Bangbayang/ }).click();

    const csv = `\uFEFF${[
      HEADER,
      row('8001', 'Warga Ponsel Satu'),
      row('8002', 'Warga Ponsel Dua', { date: '31/02/2012' }),
      row('8003', 'Warga Ponsel Tiga', { nik: '3,32901E+15' }),
      row('8004', 'Warga Ponsel Empat', { sex: 'X' }),
      row('8005', 'Warga Ponsel Lima'),
    ].join('\r\n')}`;
    await upload(page, csv);
    expect(await page.locator('[role=status]').textContent()).toContain('5 baris: 2 siap, 3 salah.');

    // Each failed row's card names the row, the person and the reason, inside the screen.
    for (const [line, name, reason] of [
      [3, 'Warga Ponsel Dua', 'Tanggal Lahir: 31 Februari 2012 tidak ada di kalender.'],
      [4, 'Warga Ponsel Tiga', 'NIK: Excel mengubah NIK ini menjadi angka'],
      [5, 'Warga Ponsel Empat', 'Jenis Kelamin: Isi salah satu: L, P.'],
    ] as const) {
      const card = page
        .locator('.card')
        .filter({ has: page.getByRole('heading', { name: `Baris ${line} · ${name}` }) });
      const problem = card.getByRole('listitem').filter({ hasText: reason });
      expect(await problem.count(), `the card of row ${line}`).toBe(1);
      expect(await problem.isVisible()).toBe(true);
      const box = await problem.boundingBox();
      expect(box?.x).toBeGreaterThanOrEqual(0);
      expect((box?.x ?? WIDTH) + (box?.width ?? 0)).toBeLessThanOrEqual(WIDTH);
    }

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Unduh baris yang salah' }).click(),
    ]);
    const failed = readFileSync(await download.path(), 'utf8');
    expect(failed.split('\r\n')[0]).toContain(';Kesalahan');
    expect(failed.split('\r\n').filter((l) => l.includes('Warga Ponsel'))).toHaveLength(3);

    // The two ready rows are registered first.
    await page.getByRole('button', { name: 'Daftarkan' }).click();
    await check(page, 'registration result');
    expect(await page.locator('[role=status]').textContent()).toContain('2 didaftarkan');

    // The file as downloaded, its bad values fixed (the Kesalahan column left in), uploaded again.
    const fixed = failed
      .replace('31/02/2012', '05-07-2010')
      .replace('3,32901E+15', nik('8003'))
      .replace(';X;', ';P;');
    await upload(page, fixed);
    expect(await page.locator('[role=status]').textContent()).toContain('3 baris: 3 siap.');
    await page.getByRole('button', { name: 'Daftarkan' }).click();
    await check(page, 'registration result of the fixed rows');
    expect(await page.locator('[role=status]').textContent()).toContain('3 didaftarkan');
    const registered = page.getByRole('region', { name: /Didaftarkan/ }).getByRole('listitem');
    expect(await registered.allTextContents()).toEqual([
      'Warga Ponsel Dua · Tempat desa',
      'Warga Ponsel Tiga · Tempat desa',
      'Warga Ponsel Empat · Tempat desa',
    ]);
    await page.getByRole('link', { name: 'Warga Ponsel Tiga' }).click();
    expect(new URL(page.url()).pathname).toMatch(/^\/calon\/[0-9A-Z]{26}$/);
    expect(await page.locator('h1').textContent()).toContain('Warga Ponsel Tiga');
    await check(page, 'candidate page');
    await context.close();
  }, 90_000);
});
