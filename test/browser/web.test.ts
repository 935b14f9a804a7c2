import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setToday } from '../../shared/clock.js';
import { browserSystem, seriousViolations, weighPage } from '../support/browser.js';
import type { TestSystem } from '../support/system.js';

/**
 * One journey per role, through the pages only, in Debian's Chromium against the local system.
 * Every page visited is checked by axe-core (no serious or critical violation) and weighed
 * (HTML + CSS + JS under 60 KB). `SCREENSHOTS=1` also saves the main pages under docs/.
 */
const PAGE_BUDGET_BYTES = 60 * 1024;
const SCREENSHOTS = process.env.SCREENSHOTS === '1';
const MAIN_PAGES = [
  'official-home',
  'registration-errors',
  'volunteer-worklist',
  'stale-record',
  'bappeda-budget',
  'confirmation',
  'import-report',
];

let sys: TestSystem;
let browser: Browser;
let base: string;
const checked: { path: string; bytes: number }[] = [];

let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ sys, base, browser, close } = await browserSystem());
}, 60_000);

afterAll(() => close());

async function session(
  label: RegExp,
  width = 360,
): Promise<{ context: BrowserContext; page: Page; check: (name: string) => Promise<void> }> {
  // axe-core is injected as a script, which the pages' CSP rightly forbids: the test bypasses it.
  const context = await browser.newContext({
    viewport: { width, height: 800 },
    acceptDownloads: true,
    bypassCSP: true,
  });
  const page = await context.newPage();
  const weight = weighPage(page);
  const check = async (name: string) => {
    await page.waitForLoadState('load');
    const bytes = await weight();
    checked.push({ path: new URL(page.url()).pathname, bytes });
    expect(bytes, `${name} weighs ${bytes} bytes`).toBeLessThan(PAGE_BUDGET_BYTES);
    expect(await seriousViolations(page), name).toEqual([]);
    if (SCREENSHOTS && MAIN_PAGES.includes(name)) {
      for (const [device, w] of [
        ['phone', 360],
        ['desktop', 1280],
      ] as const) {
        await page.setViewportSize({ width: w, height: 800 });
        await page.screenshot({ path: join('docs', 'screenshots', `${name}-${device}.png`), fullPage: true });
      }
      await page.setViewportSize({ width, height: 800 });
    }
  };
  await page.goto(`${base}/`);
  expect(new URL(page.url()).pathname).toBe('/masuk');
  await check('sign-in');
  await page.getByRole('button', { name: label }).click();
  return { context, page, check };
}

async function register(page: Page, serial: number, nik?: string, year?: number) {
  await page.goto(`${base}/calon/baru`);
  if (year !== undefined) await page.selectOption('#f-year', String(year));
  const s = String(serial).padStart(4, '0');
  await page.fill('#f-nik', nik ?? `3329 0145 0710 ${s}`);
  await page.fill('#f-kk', `332901010110${s}`);
  await page.fill('#f-fullName', `Siti Aminah ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[serial % 26]}`);
  await page.fill('#f-birthDate', '2010-07-05');
  await page.selectOption('#f-sex', 'F');
  await page.selectOption('#f-track', 'ATS');
  await page.selectOption('#f-outOfSchoolType', 'DROPPED_OUT');
  await page.selectOption('#f-lastLevel', 'SD');
  await page.selectOption('#f-reasonCode', '1');
  await page.fill('#f-guardianName', 'Tarsih');
  await page.selectOption('#f-consent-by', 'GUARDIAN');
  await page.fill('#f-consent-name', 'Tarsih');
  await page.check('#f-consent-given');
  await page.getByRole('button', { name: 'Simpan' }).click();
}

describe('the web app in Chromium', () => {
  it('lets a village official register 11 people: 10 places, 1 waiting, and a precise NIK error', async () => {
    const { context, page, check } = await session(/Operator Desa Banjaran/);
    await check('official-home');
    await page.goto(`${base}/calon/baru`);
    await check('registration-form');
    for (let i = 1; i <= 11; i++) {
      await register(page, i);
      await expect.poll(() => page.locator('[role=status]').textContent()).toContain('Tersimpan');
      if (i === 11) {
        expect(await page.locator('[role=status]').textContent()).toContain('daftar tunggu no. 1');
        await check('candidate-official');
      }
    }
    await page.goto(`${base}/`);
    expect(await page.getByTestId('places').textContent()).toBe('10 / 10');
    expect(await page.getByTestId('waitlist').textContent()).toContain('1 orang');

    await register(page, 12, '332901450710012');
    const error = page.locator('#f-nik-error');
    expect(await error.textContent()).toBe('NIK harus 16 angka, yang diisi 15 angka.');
    expect(await page.locator('#f-nik').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[role=alert]').textContent()).toContain('NIK');
    await check('registration-errors');

    await page.goto(`${base}/calon`);
    expect(await page.locator('tbody tr').count()).toBe(11);
    await check('candidates-official');
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.locator('h1').textContent()).toBe('Candidates');
    await page.getByRole('link', { name: 'Bahasa Indonesia' }).click();
    await context.close();
  }, 120_000);

  it('lets a volunteer verify and enrol one, and says so when someone else changed a record first', async () => {
    const { context, page, check } = await session(/Relawan FMPP Kecamatan Salem/);
    await check('volunteer-worklist');
    // The worklist: every open record of Salem, in the order its visit is due.
    expect(new URL(page.url()).pathname).toBe('/kerja');
    expect(await page.locator('li.card').count()).toBe(11);
    await page.locator('li.card').first().getByRole('link').first().click();
    await check('candidate-volunteer');
    await page.getByRole('button', { name: 'Sudah dikunjungi: mau kembali sekolah' }).click();
    expect(await page.locator('dd strong').textContent()).toBe('Terverifikasi');
    await page.fill('#f-school-npsn', '20325671');
    await page.fill('#f-school-name', 'SMP Negeri 1 Salem');
    await page.selectOption('#f-school-level', 'SMP');
    await page.getByRole('button', { name: 'Catat masuk sekolah' }).click();
    expect(await page.locator('dd strong').textContent()).toBe('Masuk sekolah');
    expect(await page.locator('ol li').count()).toBe(3);

    // Another candidate, changed underneath the open page through the API.
    await page.goto(`${base}/`);
    await page.locator('li.card').first().getByRole('link').first().click();
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    const token = await sys.token('fmpp_volunteer', '33.29.01');
    const current = await sys.request<{ version: number }>('GET', `/candidates/${id}`, { token });
    const changed = await sys.request('POST', `/candidates/${id}/transitions`, {
      token,
      body: { to: 'VERIFIED', note: 'lewat aplikasi lain' },
      headers: { 'if-match': `"${current.body.version}"` },
    });
    expect(changed.status).toBe(200);
    await page.getByRole('button', { name: 'Tidak memenuhi syarat' }).click();
    await check('confirmation');
    await page.fill('#f-note', 'Umur di luar syarat');
    await page.getByRole('button', { name: 'Ya, tidak memenuhi syarat' }).click();
    expect(await page.locator('[role=alert]').textContent()).toContain('sudah diubah orang lain');
    expect(await page.locator('dd strong').textContent()).toBe('Terverifikasi');
    await check('stale-record');
    await context.close();
  }, 60_000);

  it('shows Bappeda the report reflecting it, and downloads CSV and Excel', async () => {
    const { context, page, check } = await session(/Staf Bappeda/, 1280);
    await check('bappeda-budget');
    const salem = page.locator('tbody tr', { has: page.locator('th', { hasText: /^Salem$/ }) });
    const cells = await salem.locator('td').allTextContents();
    expect(cells[0]).toBe('11');
    expect(cells[1]).toBe('10');
    expect(cells[2]).toBe('1');
    expect(cells[3]).toBe('Rp 1.500.000');
    expect(await page.locator('svg[role=img]').count()).toBe(2);

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /CSV per kecamatan/ }).click(),
    ]);
    const csvText = readFileSync((await csv.path()) ?? '', 'utf8');
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    expect(csvText).toContain('33.29.01;Salem;11;10;1;');
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Excel per kecamatan/ }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe(`anggaran-gkb-${new Date().getUTCFullYear()}-kecamatan.xlsx`);
    expect(
      readFileSync((await xlsx.path()) ?? '')
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    await page.goto(`${base}/kuota`);
    await check('bappeda-quota');
    await page.goto(`${base}/program`);
    await check('bappeda-settings');
    await page.goto(`${base}/calon?funding=WAITLISTED`);
    await page.getByRole('link').filter({ hasText: 'Siti' }).first().click();
    await page.getByRole('button', { name: 'Beri tempat APBD' }).click();
    await page.getByRole('button', { name: 'Ya, beri tempat APBD' }).click();
    expect(await page.locator('.done').textContent()).toContain('Tempat APBD diberikan');
    expect(await page.locator('dt:text-is("Pendanaan") + dd').textContent()).toContain('Didanai APBD');
    await check('bappeda-candidate');
    await context.close();
  }, 60_000);

  it('kept every page under the weight budget', () => {
    console.info(checked.map((c) => `${c.path}: ${(c.bytes / 1024).toFixed(1)} KB`).join('\n'));
    expect(checked.length).toBeGreaterThanOrEqual(12);
    expect(Math.max(...checked.map((c) => c.bytes))).toBeLessThan(PAGE_BUDGET_BYTES);
  });
});

describe('the upload page in Chromium', () => {
  it('checks a file, shows the bad cells, then registers the good rows on confirmation', async () => {
    const { context, page, check } = await session(/Operator Desa Bentar/);
    await page.getByRole('link', { name: 'Unggah daftar' }).click();
    await check('import-upload');
    const header =
      'NIK;No KK;Nama Lengkap;Tanggal Lahir;Jenis Kelamin;Jalur;Status Sekolah;Pendidikan Terakhir;Kode Alasan;Nama Wali;Persetujuan Oleh;Nama Pemberi Persetujuan';
    const good = (s: string, name: string) =>
      `33290145071${s};33290101011${s};${name};05-07-2010;P;ATS;PUTUS_SEKOLAH;SD;1;Tarsih;WALI;Tarsih`;
    const csv = `\uFEFF${[header, good('07001', 'Warga Unggah Satu'), good('07002', 'Warga Unggah Dua'), '332901450710700;3329010101107003;Warga Salah;05-07-2010;X;ATS;PUTUS_SEKOLAH;SD;1;Tarsih;WALI;Tarsih'].join('\r\n')}`;
    await page.setInputFiles('#f-file', {
      name: 'daftar.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('button', { name: 'Periksa' }).click();
    expect(await page.locator('[role=status]').textContent()).toContain('3 baris');
    const bad = page.locator('.card li');
    expect(await bad.count()).toBe(2);
    expect(await bad.first().textContent()).toContain('Isi salah satu: L, P.');
    expect(await bad.nth(1).textContent()).toContain('NIK harus 16 angka');
    await check('import-report');
    await page.getByRole('button', { name: 'Daftarkan' }).click();
    expect(await page.locator('[role=status]').textContent()).toContain('2 didaftarkan');
    await page.getByRole('link', { name: 'Lihat daftar calon' }).click();
    expect(await page.locator('tbody tr').count()).toBe(2);
    await context.close();
  }, 60_000);
});

describe('signing out in Chromium', () => {
  it('ends the session: the cookie copied before "Keluar" opens no page afterwards', async () => {
    const { context, page } = await session(/Staf Bappeda/);
    expect(new URL(page.url()).pathname).toBe('/anggaran');
    const copied = (await context.cookies()).filter((c) => c.name === 'gkb_session');
    expect(copied).toHaveLength(1);
    await page.getByRole('button', { name: 'Keluar' }).click();
    expect(new URL(page.url()).pathname).toBe('/masuk');
    expect((await context.cookies()).filter((c) => c.name === 'gkb_session')).toEqual([]);
    // Someone who copied the cookie before sign-out puts it back in another browser.
    const other = await browser.newContext();
    await other.addCookies(copied);
    const thief = await other.newPage();
    for (const path of ['/anggaran', '/calon', '/program']) {
      await thief.goto(`${base}${path}`);
      expect(new URL(thief.url()).pathname, path).toBe('/masuk');
    }
    await other.close();
    await context.close();
  }, 60_000);
});

describe('programme years in Chromium', () => {
  it('switches years, says where a person already is, carries a record over and keeps last year in the worklist', async () => {
    const bappedaToken = await sys.token('bappeda_staff');
    const thisYear = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
    const next = thisYear + 1;
    await sys.request('PUT', `/programs/${next}`, { token: bappedaToken, body: {} });

    // Bappeda's budget opens on the latest configured year; the switch goes back a year.
    const bappeda = await session(/Staf Bappeda/, 1280);
    expect(await bappeda.page.locator('h1').textContent()).toBe(`Anggaran GKB ${next}`);
    await bappeda.page
      .getByRole('navigation', { name: 'Tahun program' })
      .getByRole('link', { name: String(thisYear) })
      .click();
    expect(await bappeda.page.locator('h1').textContent()).toBe(`Anggaran GKB ${thisYear}`);
    await bappeda.check('bappeda-budget-last-year');
    await bappeda.context.close();

    // The official registers two people into this year, choosing it on the form.
    const { context, page, check } = await session(/Operator Desa Bangbayang/);
    const inThisYear = async (serial: number) => {
      await register(page, serial, undefined, thisYear);
      await expect.poll(() => page.locator('[role=status]').textContent()).toContain('Tersimpan');
      return new URL(page.url()).pathname.split('/').pop() ?? '';
    };
    const learnerId = await inThisYear(8001);
    const waitingId = await inThisYear(8002);
    // The first goes to school (through the API, as the volunteer would).
    const volunteerToken = await sys.token('fmpp_volunteer', '33.29.02');
    let learner = (
      await sys.request<{ version: number }>('GET', `/candidates/${learnerId}`, { token: volunteerToken })
    ).body;
    for (const [to, extra] of [
      ['VERIFIED', {}],
      ['ENROLLED', { school: { npsn: '20325671', name: 'SMP Negeri 1 Bantarkawung', level: 'SMP' } }],
    ] as const) {
      learner = (
        await sys.request<{ version: number }>('POST', `/candidates/${learnerId}/transitions`, {
          token: volunteerToken,
          body: { to, ...extra },
          headers: { 'if-match': `"${learner.version}"` },
        })
      ).body;
    }

    // Registering the learner again, into next year: where they are, and a link there.
    await page.goto(`${base}/calon/baru`);
    expect(await page.locator('#f-year').inputValue()).toBe(String(next));
    await register(page, 8001);
    const nikError = await page.locator('#f-nik-error').textContent();
    expect(nikError).toContain(`catatan tahun ${thisYear}`);
    expect(nikError).toContain('Masuk sekolah');
    await page.getByRole('link', { name: `Buka catatan tahun ${thisYear}` }).click();
    expect(new URL(page.url()).pathname).toBe(`/calon/${learnerId}`);

    // The other never went to school: carried over to next year from its page.
    await page.goto(`${base}/calon/${waitingId}`);
    await check('candidate-carry-over');
    await page.selectOption('select[name=year]', String(next));
    await page.getByRole('button', { name: 'Bawa ke tahun ini' }).click();
    await page.getByRole('button', { name: `Ya, bawa ke tahun ${next}` }).click();
    expect(await page.locator('.done').textContent()).toContain(`Dibawa dari tahun ${thisYear}`);
    const carriedId = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(carriedId).not.toBe(waitingId);
    await page.getByRole('link', { name: `Dibawa dari catatan ${thisYear}` }).click();
    expect(await page.locator('dd strong').textContent()).toBe('Mengundurkan diri');
    expect(await page.locator('ol li').last().textContent()).toContain(`Dibawa ke tahun ${next}.`);
    await context.close();

    // In January of next year, the volunteer's worklist still follows this year's learner.
    setToday(`${next}-01-15`);
    try {
      const volunteer = await session(/Relawan FMPP Kecamatan Bantarkawung/);
      const card = volunteer.page.locator('li.card', {
        has: volunteer.page.locator(`a[href="/calon/${learnerId}"]`),
      });
      expect(await card.textContent()).toContain(String(thisYear));
      expect(await card.textContent()).toContain('Masuk sekolah');
      expect(await volunteer.page.locator(`li.card a[href="/calon/${carriedId}"]`).count()).toBe(1);
      await volunteer.check('volunteer-worklist-next-year');
      await volunteer.context.close();
    } finally {
      setToday(undefined);
    }
  }, 120_000);
});
