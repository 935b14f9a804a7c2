import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserSystem } from '../support/browser.js';

/**
 * The pages' one script (functions/web/page-script.ts) in Chromium, under the pages' real CSP
 * (no bypass: a CSP violation or a script error fails the test), on a 360 px phone: drafts
 * that survive a lost connection, "Menyimpan…" while a post is on its way, reading the NIK;
 * and the registration still working with JavaScript off.
 */

let browser: Browser;
let base: string;
const contexts: BrowserContext[] = [];
/** CSP violations and uncaught script errors seen on any page of the test. */
let problems: string[] = [];

let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ base, browser, close } = await browserSystem());
}, 60_000);

afterAll(() => close());

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  expect(problems).toEqual([]);
  problems = [];
});

/** A 360 px phone signed in as `who` (a button of the local sign-in page), the CSP applied. */
async function phone(who: RegExp, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled });
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: who }).click();
  await page.waitForURL(`${base}/`);
  return page;
}

/**
 * A birth date as `#f-birthDate` takes it: `YYYY-MM-DD` while it is a date input, `DD-MM-YYYY`
 * once it is a text input.
 */
async function birthDateText(page: Page, iso: string): Promise<string> {
  if ((await page.getAttribute('#f-birthDate', 'type')) === 'date') return iso;
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
}

/** Every kind of field of the registration form: text, textarea, selects, checkboxes. */
async function fillRegistration(page: Page, serial: number): Promise<Record<string, string>> {
  const s = String(serial).padStart(4, '0');
  const text = {
    '#f-nik': `3329 0145 0710 ${s}`,
    '#f-kk': `332901010110${s}`,
    '#f-fullName': `Siti Aminah ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[serial % 26]}`,
    '#f-birthDate': await birthDateText(page, '2010-07-05'),
    '#f-reasonNote': 'Jauh dari sekolah',
    '#f-phone': '0812 3456 7890',
    '#f-guardianName': 'Tarsih',
    '#f-consent-name': 'Tarsih',
  };
  const selects = {
    '#f-sex': 'F',
    '#f-track': 'ATS',
    '#f-outOfSchoolType': 'DROPPED_OUT',
    '#f-lastLevel': 'SD',
    '#f-reasonCode': '1',
    '#f-plannedPathway': (await page.locator('#f-plannedPathway option').nth(1).getAttribute('value')) ?? '',
    '#f-consent-by': 'GUARDIAN',
  };
  for (const [field, value] of Object.entries(text)) await page.fill(field, value);
  for (const [field, value] of Object.entries(selects)) await page.selectOption(field, value);
  await page.check('input[name=disability]');
  await page.check('#f-consent-given');
  return { ...text, ...selects };
}

/** The value of every field named in `expected`, as the page holds it now. */
async function valuesOf(page: Page, expected: Record<string, string>): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const field of Object.keys(expected)) values[field] = await page.inputValue(field);
  return values;
}

const drafts = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('gkb-draft:')));

/** axe-core's serious and critical violations, run through DevTools (the CSP forbids its script tag). */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] };
    const axe = (window as unknown as { axe: { run: () => Promise<Result> } }).axe;
    return (await axe.run()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
}

/**
 * The states the registration form's submit button goes through, as the page reports them on
 * its console: a document waiting for its post to be answered still runs its script, but
 * Playwright no longer reads it.
 */
async function watchSubmitButton(page: Page): Promise<{ states: { state: string; at: number }[] }> {
  const watched = { states: [] as { state: string; at: number }[] };
  page.on('console', (message) => {
    const state = /^button: (.*)$/.exec(message.text())?.[1];
    if (state) watched.states.push({ state, at: Date.now() });
  });
  await page.evaluate(() => {
    const button = document.querySelector<HTMLButtonElement>('form[data-draft] button[type=submit]');
    if (!button) return;
    new MutationObserver(() =>
      console.log(`button: ${button.textContent}${button.disabled ? ' disabled' : ''}`),
    ).observe(button, { attributes: true, childList: true, characterData: true, subtree: true });
  });
  return watched;
}

const saved = (page: Page) =>
  expect.poll(() => page.locator('[role=status]').first().textContent()).toContain('Tersimpan');

describe('the page script, under the real CSP', () => {
  it('keeps what was typed when the signal drops during the save, and forgets it once saved', async () => {
    const page = await phone(/Operator Desa Bentar/);
    await page.goto(`${base}/calon/baru`);
    const typed = await fillRegistration(page, 1);
    expect(await drafts(page)).toEqual(['gkb-draft:/calon/baru']);

    // The post never reaches the server: Chrome shows its own error page.
    await page.route(`${base}/calon/baru`, (route) =>
      route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue(),
    );
    await page.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(() => page.url()).toMatch(/^chrome-error:/);
    await page.unroute(`${base}/calon/baru`);

    // Back (Chrome put its error page in the form's place, as a post to the page's own address
    // replaces it: back is the home page), then the menu's link: the server sends an empty
    // form (no-store), and everything typed comes back.
    await page.goBack();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('link', { name: 'Daftarkan calon', exact: true }).click();
    await page.waitForURL(`${base}/calon/baru`);
    expect(await valuesOf(page, typed)).toEqual(typed);
    expect(await page.isChecked('input[name=disability]')).toBe(true);
    expect(await page.isChecked('#f-consent-given')).toBe(true);
    const notice = page.locator('form [role=status]', { hasText: 'Isian yang belum tersimpan dipulihkan.' });
    expect(await notice.isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    // Opened again later: the same.
    await page.goto(`${base}/calon/baru`);
    expect(await valuesOf(page, typed)).toEqual(typed);

    // Saved: the draft is gone, and the next registration starts empty.
    await page.getByRole('button', { name: 'Simpan' }).click();
    await saved(page);
    expect(await drafts(page)).toEqual([]);
    await page.goto(`${base}/calon/baru`);
    expect(await page.inputValue('#f-nik')).toBe('');
    expect(await page.inputValue('#f-sex')).toBe('');
    expect(await page.isChecked('#f-consent-given')).toBe(false);
    expect(await notice.count()).toBe(0);
  }, 60_000);

  it('discards a draft on request, keeps none from a form sent back with errors, and forgets all on signing out', async () => {
    const page = await phone(/Operator Desa Bentar/);
    await page.goto(`${base}/calon/baru`);
    await page.fill('#f-nik', '3329 0145 0710 0002');
    await page.fill('#f-fullName', 'Siti Aminah B');
    await page.goto(`${base}/calon/baru`);
    expect(await page.inputValue('#f-fullName')).toBe('Siti Aminah B');
    await page.getByRole('button', { name: 'Buang isian ini' }).click();
    expect(await page.inputValue('#f-nik')).toBe('');
    expect(await page.inputValue('#f-fullName')).toBe('');
    expect(await page.getByText('Isian yang belum tersimpan dipulihkan.').count()).toBe(0);
    expect(await drafts(page)).toEqual([]);

    // Sent back with errors: the form holds what was typed; no notice, nothing restored over it.
    await page.fill('#f-fullName', 'Siti Aminah B');
    await page.fill('#f-nik', '3329 0145 0710 002');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForSelector('.alert');
    expect(await page.inputValue('#f-nik')).toBe('3329 0145 0710 002');
    expect(await page.getByText('Isian yang belum tersimpan dipulihkan.').count()).toBe(0);

    await page.fill('#f-phone', '0812 0000 1111');
    expect(await drafts(page)).toEqual(['gkb-draft:/calon/baru']);
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL(/\/masuk$/);
    expect(await drafts(page)).toEqual([]);
  }, 60_000);

  it('shows "Menyimpan…" on the button while the post is on its way, and sends a double submit once', async () => {
    const page = await phone(/Operator Desa Bentar/);
    await page.goto(`${base}/calon/baru`);
    await fillRegistration(page, 3);
    // Each post is held for 2 s; `answered` is when the first went on to the server.
    let posts = 0;
    let answered = Number.POSITIVE_INFINITY;
    await page.route(`${base}/calon/baru`, async (route) => {
      if (route.request().method() === 'POST') {
        posts++;
        await new Promise((resolve) => setTimeout(resolve, 2000));
        answered = Math.min(answered, Date.now());
      }
      await route.continue();
    });
    const button = await watchSubmitButton(page);
    await page.evaluate(() => {
      const form = document.querySelector<HTMLFormElement>('form[data-draft]');
      form?.requestSubmit();
      form?.requestSubmit();
    });
    await saved(page);
    expect(posts).toBe(1);
    const sending = button.states.find((s) => s.state === 'Menyimpan… disabled');
    expect(sending, JSON.stringify(button.states)).toBeDefined();
    expect(sending?.at).toBeLessThan(answered);

    // In English too, tapped.
    await page.goto(`${base}/calon/baru?lang=en`);
    await fillRegistration(page, 4);
    const english = await watchSubmitButton(page);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('[role=status]').first().textContent()).toContain('Saved');
    expect(english.states.map((s) => s.state)).toContain('Saving… disabled');
    await page.goto(`${base}/?lang=id`);
  }, 60_000);

  it('reads the NIK: birth date, sex and kecamatan, fills them, and names a value that disagrees', async () => {
    const page = await phone(/Operator Desa Bentar/);
    await page.goto(`${base}/calon/baru`);
    const reading = page.locator('#f-nik + [aria-live=polite]');
    const fill = page.getByRole('button', { name: 'Isi tanggal lahir dan jenis kelamin' });
    await page.fill('#f-nik', '3329 0145 0710 00');
    expect(await reading.textContent()).toBe('');

    await page.fill('#f-nik', '3329 0145 0710 0005');
    expect(await reading.locator('p').allTextContents()).toEqual([
      'Dari NIK: lahir 5 Juli 2010, perempuan, Kec. Salem.',
    ]);
    await fill.click();
    expect(await page.inputValue('#f-birthDate')).toBe(await birthDateText(page, '2010-07-05'));
    expect(await page.inputValue('#f-sex')).toBe('F');
    expect(await fill.count()).toBe(0);

    await page.fill('#f-birthDate', await birthDateText(page, '2010-07-06'));
    await page.selectOption('#f-sex', 'M');
    expect(await reading.locator('p').allTextContents()).toEqual([
      'Dari NIK: lahir 5 Juli 2010, perempuan, Kec. Salem.',
      'Tanggal lahir 06-07-2010 tidak sama dengan NIK (05-07-2010).',
      'Jenis kelamin Laki-laki tidak sama dengan NIK (perempuan).',
    ]);
    expect(await reading.getAttribute('class')).toBe('warn');
    expect(await seriousViolations(page)).toEqual([]);

    // A man's NIK from Bantarkawung, and one from outside Brebes (no error, just said).
    await page.fill('#f-nik', '3329021203950001');
    expect(await reading.locator('p').first().textContent()).toBe(
      'Dari NIK: lahir 12 Maret 1995, laki-laki, Kec. Bantarkawung.',
    );
    await page.fill('#f-nik', '3301 0152 1208 0001');
    expect(await reading.locator('p').first().textContent()).toBe(
      'Dari NIK: lahir 12 Desember 2008, perempuan, kode kecamatan 33.01.01 bukan di Kabupaten Brebes.',
    );

    // The record saved with the disagreeing values names both, on the candidate page.
    await page.goto(`${base}/calon/baru`);
    await fillRegistration(page, 5);
    await page.fill('#f-birthDate', await birthDateText(page, '2010-07-06'));
    await page.selectOption('#f-sex', 'M');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await saved(page);
    expect(await page.locator('.warn li').allTextContents()).toEqual([
      'Tanggal lahir 06-07-2010 tidak sama dengan NIK (05-07-2010). Periksa KTP/KK; data tetap disimpan.',
      'Jenis kelamin Laki-laki tidak sama dengan NIK (perempuan). Periksa KTP/KK; data tetap disimpan.',
    ]);

    await page.goto(`${base}/calon/baru?lang=en`);
    await page.fill('#f-nik', '3329 0145 0710 0006');
    expect(await reading.locator('p').allTextContents()).toEqual([
      'From the NIK: born 5 July 2010, female, Kec. Salem.',
    ]);
    await page.goto(`${base}/?lang=id`);
  }, 60_000);

  it('registers with JavaScript off, as before', async () => {
    const page = await phone(/Operator Desa Bentar/, false);
    await page.goto(`${base}/calon/baru`);
    await fillRegistration(page, 7);
    expect(await page.locator('#f-nik + [aria-live]').count()).toBe(0);
    await page.getByRole('button', { name: 'Simpan' }).click();
    await saved(page);
    expect(new URL(page.url()).pathname).toMatch(/^\/calon\/[0-9A-Z]{26}$/);
  }, 60_000);
});
