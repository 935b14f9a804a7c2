import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../shared/api/routes.js';
import { browserSystem, seriousViolations } from '../support/browser.js';
import { registration, VILLAGE } from '../support/candidates.js';
import type { TestSystem } from '../support/system.js';

/**
 * Every page of the web app, as each role sees it, at 360 px in Chromium: axe finds no serious
 * or critical violation, and every control a finger uses is at least 44 px tall. The journeys
 * that ask before what cannot be undone, say what they did, and show every problem of a form
 * at once, are walked through as people would.
 */
let sys: TestSystem;
let browser: Browser;
let base: string;
const YEAR = new Date(Date.now() + 7 * 3600_000).getUTCFullYear() + 1;
const ids: Record<string, string> = {};

let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ sys, base, browser, close } = await browserSystem());
  const bappeda = await sys.token('bappeda_staff');
  // One village place a village, so that the second person registered waits.
  await sys.request('PUT', `/programs/${YEAR}`, { token: bappeda, body: { villageQuota: 1 } });
  const official = await sys.token('village_official', VILLAGE);
  for (const [key, serial, fullName] of [
    ['holder', 901, 'Wulan Sari'],
    ['waiting', 902, 'Engkos Kosasih'],
  ] as const) {
    const res = await sys.request<{ id: string }>('POST', '/candidates', {
      token: official,
      body: registration(serial, { year: YEAR, fullName }),
    });
    expect(res.status).toBe(201);
    ids[key] = res.body.id;
  }
}, 60_000);

afterAll(() => close());

async function signedIn(account: RegExp): Promise<Page> {
  // axe-core is injected as a script, which the pages' CSP rightly forbids: the test bypasses it.
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${base}/masuk`);
  await page.getByRole('button', { name: account }).click();
  return page;
}

/** Controls shorter than 44 px (a checkbox counts by its label), named for the failure message. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'button, select, input:not([type=hidden]), textarea, summary, nav a, header a, td a, th a, li > a, .actions a',
    );
    for (const el of controls) {
      const target =
        el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')
          ? (el.closest('label') ?? el)
          : el;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown
      if (box.height < 44) small.push(`${el.outerHTML.slice(0, 80)} (${Math.round(box.height)} px)`);
    }
    return small;
  });
}

async function checkPage(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('load');
  expect(await seriousViolations(page), name).toEqual([]);
  expect(await smallTargets(page), name).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(360);
  // Beside the title, the "?" that opens the page's part of the guide (the guide's own pages excepted).
  if (!new URL(page.url()).pathname.startsWith('/panduan'))
    expect(await page.locator('.title > h1 + a.help[href^="/panduan/topik/"]').count(), `${name}: "?"`).toBe(
      1,
    );
}

describe('every page at 360 px', () => {
  it('has no serious axe violation and no tap target under 44 px, for each role', async () => {
    const pages: Record<string, [RegExp, string][]> = {
      official: [
        [/Operator Desa Banjaran/, '/'],
        [/Operator Desa Banjaran/, '/calon'],
        [/Operator Desa Banjaran/, '/calon/baru'],
        [/Operator Desa Banjaran/, `/calon/${ids.holder}`],
        [/Operator Desa Banjaran/, `/calon/${ids.holder}/ubah`],
        [/Operator Desa Banjaran/, '/impor'],
      ],
      volunteer: [
        [/Relawan FMPP Kecamatan Salem/, '/'],
        [/Relawan FMPP Kecamatan Salem/, '/calon'],
        [/Relawan FMPP Kecamatan Salem/, `/calon/${ids.waiting}`],
        [/Relawan FMPP Kecamatan Salem/, '/kerja'],
        [/Relawan FMPP Kecamatan Salem/, '/kerja/cetak'],
        [/Relawan FMPP Kecamatan Salem/, '/formulir'],
        [/Relawan FMPP Kecamatan Salem/, `/calon/${ids.waiting}/kunjungan`],
        [/Relawan FMPP Kecamatan Salem/, '/pendampingan'],
      ],
      bappeda: [
        [/Staf Bappeda/, '/anggaran'],
        [/Staf Bappeda/, '/kuota'],
        [/Staf Bappeda/, '/impor/riwayat'],
        [/Staf Bappeda/, '/program'],
        [/Staf Bappeda/, '/program/bawa'],
        [/Staf Bappeda/, '/calon?funding=WAITLISTED'],
        [/Staf Bappeda/, `/calon/${ids.waiting}`],
        [/Staf Bappeda/, '/pendampingan'],
        [/Staf Bappeda/, '/capaian'],
        [/Staf Bappeda/, '/pendampingan?district=33.29.01'],
        [/Staf Bappeda/, '/anggaran/pembayaran'],
        [/Staf Bappeda/, '/akun'],
        [/Staf Bappeda/, '/jejak'],
        [/Staf Bappeda/, '/ganda'],
        [/Staf Bappeda/, '/akun/baru'],
        [/Staf Bappeda/, '/akun/unggah'],
        [/Staf Bappeda/, '/akun/op-bentar'],
      ],
    };
    const visited = new Set<string>(['/masuk']);
    const anonymous = await browser.newContext({ viewport: { width: 360, height: 800 }, bypassCSP: true });
    const signIn = await anonymous.newPage();
    await signIn.goto(`${base}/masuk`);
    await checkPage(signIn, '/masuk');
    // The guides, for everyone (test/browser/guide.test.ts checks each against the app).
    for (const path of ['/panduan', '/panduan/operator']) {
      await signIn.goto(`${base}${path}`);
      await checkPage(signIn, path);
    }
    visited.add('/panduan').add('/panduan/{guide}');
    await anonymous.close();
    for (const list of Object.values(pages)) {
      const [account] = list[0] ?? [];
      if (!account) continue;
      const page = await signedIn(account);
      for (const [, path] of list) {
        await page.goto(`${base}${path}`);
        await checkPage(page, path);
        visited.add(
          path
            .replace(/\/[0-9A-Z]{26}/, '/{id}')
            .replace(/^\/akun\/(?!baru$|unggah$)[^/?]+/, '/akun/{username}')
            .replace(/\?.*/, ''),
        );
      }
      await page.context().close();
    }
    // Every page route of the route table was seen (downloads and the sign-in callback are no pages).
    const notPages = [
      '/auth/callback',
      '/calon/{id}/ekspor',
      '/anggaran/unduh',
      '/anggaran/penerima',
      '/capaian/unduh',
      '/impor/templat',
      '/impor/salah',
      '/anggaran/pembayaran/templat',
      '/panduan/topik/{topic}',
    ];
    const pageRoutes = routes
      .filter((r) => r.auth === 'session' && r.method === 'GET' && !notPages.includes(r.path))
      .map((r) => r.path);
    expect(pageRoutes.filter((p) => !visited.has(p))).toEqual([]);
  }, 120_000);
});

describe('what cannot be undone, at 360 px', () => {
  it('asks first with the consequence and a reason, then says what happened', async () => {
    const page = await signedIn(/Operator Desa Banjaran/);
    await page.goto(`${base}/calon/${ids.holder}`);
    const withdraw = page.getByRole('button', { name: 'Mengundurkan diri / pindah' });
    expect(await withdraw.getAttribute('class')).toBe('danger');
    await withdraw.click();
    await checkPage(page, 'confirmation');
    expect(await page.locator('.confirm li').allTextContents()).toContain(
      'Tempat desa akan diberikan kepada Engkos Kosasih, daftar tunggu no. 1.',
    );
    // Without a reason: asked again, nothing done.
    await page.getByRole('button', { name: 'Ya, mengundurkan diri / pindah' }).click();
    expect(await page.locator('.error').first().textContent()).toContain('Tulis alasannya');
    await page.fill('#f-note', 'Pindah ke Jakarta ikut orang tua');
    await page.getByRole('button', { name: 'Ya, mengundurkan diri / pindah' }).click();
    const banner = await page.locator('.done').textContent();
    expect(banner).toContain('Tersimpan: status sekarang «Mengundurkan diri».');
    expect(banner).toContain('Tempat desanya sekarang milik Engkos Kosasih');
    await checkPage(page, 'after withdrawing');
    await page.context().close();
  }, 60_000);
});

describe('a form with five wrong fields, at 360 px', () => {
  it('shows the five problems at once, linked from the summary, and keeps every value', async () => {
    const page = await signedIn(/Operator Desa Banjaran/);
    await page.goto(`${base}/calon/baru`);
    const typed: Record<string, string> = {
      '#f-nik': '3329 0145 0710 099',
      '#f-kk': '33290101011009',
      '#f-fullName': 'Siti Aminah',
      '#f-birthDate': '31/02/2010',
      '#f-phone': '12',
      '#f-guardianName': 'Tarsih',
      '#f-consent-name': 'Tarsih',
    };
    for (const [field, value] of Object.entries(typed)) await page.fill(field, value);
    await page.selectOption('#f-sex', 'F');
    await page.selectOption('#f-track', 'ATS');
    await page.selectOption('#f-outOfSchoolType', 'DROPPED_OUT');
    await page.selectOption('#f-lastLevel', 'SD');
    await page.selectOption('#f-reasonCode', '12');
    await page.selectOption('#f-consent-by', 'GUARDIAN');
    await page.check('#f-consent-given');
    await page.getByRole('button', { name: 'Simpan' }).click();
    const summary = page.locator('[role=alert] li a');
    expect((await summary.evaluateAll((links) => links.map((a) => a.getAttribute('href')))).sort()).toEqual(
      ['#f-birthDate', '#f-kk', '#f-nik', '#f-phone', '#f-reasonNote'].sort(),
    );
    for (const [field, value] of Object.entries(typed))
      expect(await page.inputValue(field), field).toBe(value);
    expect(await page.inputValue('#f-reasonCode')).toBe('12');
    expect(await page.locator('#f-birthDate-error').textContent()).toContain('31 Februari 2010 tidak ada');
    await checkPage(page, 'registration with errors');
    await page.context().close();
  }, 60_000);
});
