import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSystem } from '../support/browser.js';
import { registration, VILLAGE } from '../support/candidates.js';
import type { TestSystem } from '../support/system.js';

/**
 * Help where people get stuck, in Chromium: every form control of every page (the pages of
 * pages.test.ts, the candidate page's forms and its confirmation steps) has a label with its
 * rule in a `.hint`; every list with nothing in it says why and what to do (`.empty`); an
 * error page says what to do next.
 */
let sys: TestSystem;
let browser: Browser;
let base: string;
const YEAR = new Date(Date.now() + 7 * 3600_000).getUTCFullYear() + 1;
/** A programme year Bappeda set up in which nothing is registered. */
const EMPTY = 2021;
/** This year: a payment can be dated today only in the current programme year. */
const THIS = YEAR - 1;
const ids: Record<string, string> = {};

let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ sys, base, browser, close } = await browserSystem());
  const bappeda = await sys.token('bappeda_staff');
  await sys.request('PUT', `/programs/${YEAR}`, { token: bappeda, body: { villageQuota: 1 } });
  expect((await sys.request('PUT', `/programs/${EMPTY}`, { token: bappeda, body: {} })).status).toBeLessThan(
    300,
  );
  const official = await sys.token('village_official', VILLAGE);
  for (const [key, serial, fullName, year] of [
    ['holder', 911, 'Wulan Sari', YEAR],
    ['waiting', 913, 'Engkos Kosasih', YEAR],
    ['learner', 912, 'Dewi Lestari', THIS],
  ] as const) {
    const res = await sys.request<{ id: string }>('POST', '/candidates', {
      token: official,
      body: registration(serial, { year, fullName }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[key] = res.body.id;
  }
  // The holder verified (the enrolment form shows), the learner at school (school change, payments,
  // this year's so that a payment can be dated today).
  const volunteer = await sys.token('fmpp_volunteer', '33.29.01');
  for (const [key, steps] of [
    ['holder', [{ to: 'VERIFIED' }]],
    [
      'learner',
      [
        { to: 'VERIFIED' },
        { to: 'ENROLLED', school: { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' } },
      ],
    ],
  ] as const) {
    for (const body of steps) {
      const current = await sys.request<{ version: number }>('GET', `/candidates/${ids[key]}`, {
        token: volunteer,
      });
      const res = await sys.request('POST', `/candidates/${ids[key]}/transitions`, {
        token: volunteer,
        body,
        headers: { 'if-match': `"${current.body.version}"` },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
  }
}, 60_000);

afterAll(() => close());

async function signedIn(account: RegExp): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${base}/masuk`);
  await page.getByRole('button', { name: account }).click();
  return page;
}

/**
 * The form controls (not hidden, no button) whose label has no `.hint` with text: a
 * `label[for]`, a wrapping label, or the legend of their fieldset. Closed `details` are
 * opened first, so that what they hide is checked too.
 */
async function controlsWithoutHint(page: Page): Promise<string[]> {
  await page.waitForLoadState('load');
  return page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    const hinted = (el: Element | null | undefined) =>
      [...(el?.querySelectorAll('.hint') ?? [])].some((h) => (h.textContent ?? '').trim() !== '');
    const missing: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]), select, textarea',
    );
    for (const el of controls) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown
      const labels = el.id ? [...document.querySelectorAll(`label[for="${CSS.escape(el.id)}"]`)] : [];
      const wrapping = el.closest('label');
      const legend = el.closest('fieldset')?.querySelector(':scope > legend');
      const ok = [...labels, wrapping].some(hinted) || (legend && hinted(legend));
      if (!ok) missing.push(el.outerHTML.slice(0, 100));
    }
    return missing;
  });
}

/** Each page's controls without a hint, named by the page. */
async function checkHints(page: Page, name: string, failures: string[]): Promise<void> {
  for (const control of await controlsWithoutHint(page)) failures.push(`${name}: ${control}`);
}

describe('every form field has its rule under its label', () => {
  it('on every page of every role, and on the candidate page forms and confirmation steps', async () => {
    const pages: Record<string, [RegExp, string[]]> = {
      official: [
        /Operator Desa Banjaran/,
        [
          '/',
          '/calon',
          '/calon/baru',
          `/calon/${ids.holder}`,
          `/calon/${ids.waiting}`,
          `/calon/${ids.holder}/ubah`,
          '/impor',
          '/kerja',
        ],
      ],
      volunteer: [
        /Relawan FMPP Kecamatan Salem/,
        [
          '/',
          '/calon',
          `/calon/${ids.holder}`,
          `/calon/${ids.learner}`,
          `/calon/${ids.waiting}`,
          '/kerja',
          `/calon/${ids.waiting}/kunjungan`,
          '/pendampingan',
        ],
      ],
      bappeda: [
        /Staf Bappeda/,
        [
          '/anggaran',
          '/kuota',
          '/impor/riwayat',
          '/program',
          '/program/bawa',
          '/calon?funding=WAITLISTED',
          `/calon/${ids.holder}`,
          `/calon/${ids.learner}`,
          `/calon/${ids.waiting}`,
          '/pendampingan',
          '/capaian',
          '/pendampingan?district=33.29.01',
          '/anggaran/pembayaran',
          '/akun',
          '/jejak',
          '/ganda',
          '/akun/baru',
          '/akun/unggah',
          '/akun/op-bentar',
          '/calon?q=zzzz',
        ],
      ],
    };
    const failures: string[] = [];
    const anonymous = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const signIn = await anonymous.newPage();
    await signIn.goto(`${base}/masuk`);
    await checkHints(signIn, '/masuk', failures);
    await anonymous.close();
    for (const [account, paths] of Object.values(pages)) {
      const page = await signedIn(account);
      for (const path of paths) {
        await page.goto(`${base}${path}`);
        await checkHints(page, path, failures);
      }
      await page.context().close();
    }

    // The confirmation steps: withdrawing (a reason), an APBD place, a payment voided.
    const official = await signedIn(/Operator Desa Banjaran/);
    await official.goto(`${base}/calon/${ids.waiting}`);
    await official.getByRole('button', { name: 'Mengundurkan diri / pindah' }).click();
    await checkHints(official, 'withdrawal confirmation', failures);
    await official.context().close();
    const bappeda = await signedIn(/Staf Bappeda/);
    await bappeda.goto(`${base}/calon/${ids.waiting}`);
    await bappeda.getByRole('button', { name: 'Beri tempat APBD…' }).click();
    await checkHints(bappeda, 'APBD place confirmation', failures);
    await bappeda.goto(`${base}/calon/${ids.learner}`);
    await bappeda.selectOption('#f-source', 'APBDES');
    await bappeda.fill('#f-amount', '100000');
    await bappeda.fill('#f-paidAt', new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10));
    await bappeda.fill('#f-reference', 'SP2D-1');
    await bappeda.getByRole('button', { name: 'Catat pembayaran' }).click();
    await bappeda.getByRole('button', { name: 'Batalkan pembayaran ini…' }).click();
    await checkHints(bappeda, 'void confirmation', failures);
    await bappeda.context().close();
    expect(failures).toEqual([]);
  }, 180_000);
});

describe('every empty list says why and what to do', () => {
  it('on a programme year with nothing in it, and in a kecamatan with no one', async () => {
    const lists: [RegExp, string][] = [
      [/Operator Desa Banjaran/, `/calon?year=${EMPTY}`],
      [/Operator Desa Banjaran/, '/calon?q=Zulkarnaen'],
      [/Relawan FMPP Kecamatan Bantarkawung/, '/kerja'],
      [/Relawan FMPP Kecamatan Bantarkawung/, '/calon'],
      [/Relawan FMPP Kecamatan Salem/, '/kerja?due=overdue'],
      [/Relawan FMPP Kecamatan Salem/, '/kerja?due=week'],
      [/Relawan FMPP Kecamatan Salem/, `/pendampingan?year=${EMPTY}`],
      [/Staf Bappeda/, `/pendampingan?year=${EMPTY}`],
      [/Staf Bappeda/, '/ganda'],
      // A year never configured: setting a year up is itself a change the audit keeps.
      [/Staf Bappeda/, '/jejak?year=2022'],
      [/Staf Bappeda/, `/impor/riwayat?year=${EMPTY}`],
      [/Staf Bappeda/, '/akun?peran=fmpp_volunteer&kecamatan=33.29.17'],
      [/Staf Bappeda/, `/calon?funding=WAITLISTED&year=${EMPTY}`],
      [/Staf Bappeda/, `/calon/${ids.holder}`],
    ];
    const failures: string[] = [];
    let page: Page | undefined;
    let current: RegExp | undefined;
    for (const [account, path] of lists) {
      if (account !== current) {
        await page?.context().close();
        page = await signedIn(account);
        current = account;
      }
      if (!page) continue;
      await page.goto(`${base}${path}`);
      const texts = await page.locator('.empty').allTextContents();
      if (!texts.some((text) => text.trim().length > 20)) failures.push(`${path} (${account.source})`);
    }
    await page?.context().close();
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('an error page says what to do next', () => {
  it('a record not found, and a year outside the programme', async () => {
    const page = await signedIn(/Operator Desa Banjaran/);
    const notFound = await page.goto(`${base}/calon/01ARZ3NDEKTSV4RRFFQ69G5FAV`);
    expect(notFound?.status()).toBe(404);
    expect(await page.locator('.next').textContent()).toContain(
      'Periksa alamatnya, atau buka daftar calon dan cari lagi.',
    );
    await page.goto(`${base}/calon/01ARZ3NDEKTSV4RRFFQ69G5FAV?lang=en`);
    expect(await page.locator('.next').textContent()).toContain('open the candidate list and search again');
    // A year outside the programme's in the address: the rule, and the next step.
    const badYear = await page.goto(`${base}/calon?year=1999&lang=id`);
    expect(badYear?.status()).toBe(400);
    expect(await page.locator('[role=alert]').textContent()).toContain('2020 dan 2100');
    expect(await page.locator('.next').textContent()).toContain('perbaiki yang salah, lalu kirim lagi');
    await page.context().close();
  }, 60_000);
});
