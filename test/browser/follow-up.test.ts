import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setToday } from '../../shared/clock.js';
import { browserSystem, seriousViolations } from '../support/browser.js';
import { registration } from '../support/candidates.js';
import type { TestSystem } from '../support/system.js';

/**
 * A volunteer's follow-up in Chromium at 360 px: the worklist in due order with what is
 * overdue, a visit recorded from it in a few taps, the overdue count falling, an attending
 * learner marked ACTIVE from the visit's result, and the follow-up report. `SCREENSHOTS=1`
 * saves the worklist and the visit form under docs/screenshots.
 */
const SCREENSHOTS = process.env.SCREENSHOTS === '1';
const DISTRICT = '33.29.01'; // Salem (this file's system is its own)
const VILLAGE = '33.29.01.2001'; // Banjaran

let sys: TestSystem;
let browser: Browser;
let base: string;
let close: () => Promise<void> = async () => {};
const ids: Record<'learner' | 'waiting', string> = { learner: '', waiting: '' };
let year = 0;

/** Days from today in Brebes as YYYY-MM-DD. */
const inDays = (days: number) =>
  new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  ({ sys, base, browser, close } = await browserSystem());
  year = Number(inDays(0).slice(0, 4));
  const official = await sys.token('village_official', VILLAGE);
  const volunteer = await sys.token('fmpp_volunteer', DISTRICT);
  const made: { id: string; version: number }[] = [];
  for (const serial of [1, 2]) {
    const res = await sys.request<{ id: string; version: number }>('POST', '/candidates', {
      token: official,
      body: registration(serial, {
        year,
        villageCode: VILLAGE,
        fullName: serial === 1 ? 'Dewi Lestari' : 'Rina Marlina',
        address: { dusun: 'Krajan', rt: '2', rw: '1' },
      }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    made.push(res.body);
  }
  const [learner, waiting] = made;
  ids.learner = learner?.id ?? '';
  ids.waiting = waiting?.id ?? '';
  // The learner is enrolled at a school; the other has not been visited yet.
  let current = learner ?? { id: '', version: 0 };
  for (const body of [
    { to: 'VERIFIED' },
    { to: 'ENROLLED', school: { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' } },
  ]) {
    const res = await sys.request<{ id: string; version: number }>(
      'POST',
      `/candidates/${current.id}/transitions`,
      {
        token: volunteer,
        body,
        headers: { 'if-match': `"${current.version}"` },
      },
    );
    expect(res.status).toBe(200);
    current = res.body;
  }
}, 60_000);

afterAll(async () => {
  setToday(undefined);
  await close();
});

async function volunteerPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${base}/masuk`);
  await page.getByRole('button', { name: /Relawan FMPP Kecamatan Salem/ }).click();
  return page;
}

async function check(page: Page, name: string) {
  await page.waitForLoadState('load');
  expect(await seriousViolations(page), name).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(360);
  if (SCREENSHOTS)
    await page.screenshot({ path: join('docs', 'screenshots', `${name}-phone.png`), fullPage: true });
}

describe("a volunteer's follow-up, at 360 px", () => {
  it('records a visit from the worklist, sees the overdue count fall, marks an attending learner ACTIVE', async () => {
    // 31 days on, both visits are overdue: the record not yet verified since 17 days, the learner since a day.
    setToday(inDays(31));
    const page = await volunteerPage();
    expect(new URL(page.url()).pathname).toBe('/kerja');
    await check(page, 'volunteer-follow-up');
    const overdue = page.getByTestId('overdue');
    expect(await overdue.textContent()).toBe('2');
    const cards = page.locator('li.card');
    // Overdue first, the longest overdue at the top, each saying how late.
    expect(await cards.nth(0).textContent()).toContain('Rina Marlina');
    expect(await cards.nth(0).textContent()).toContain('Terlambat 17 hari');
    expect(await cards.nth(0).textContent()).toContain('Dusun Krajan, RT 002/RW 001');
    const learnerCard = cards.filter({ hasText: 'Dewi Lestari' });
    expect(await learnerCard.textContent()).toContain('Terlambat 1 hari');

    await learnerCard.getByRole('link', { name: 'Catat kunjungan' }).click();
    expect(new URL(page.url()).pathname).toBe(`/calon/${ids.learner}/kunjungan`);
    await check(page, 'visit-form');
    // Saving with nothing chosen says what is missing, all at once, and records nothing.
    await page.getByRole('button', { name: 'Simpan kunjungan' }).click();
    expect(await page.locator('[role=alert]').textContent()).toContain('Jenis kunjungan');
    expect(await page.locator('[role=alert]').textContent()).toContain('Yang ditemukan');
    await page.getByLabel('Ke sekolah').check();
    await page.getByLabel('Masih belajar (hadir)').check();
    await page.fill('#f-note', 'Hadir di kelas 7B');
    await page.getByRole('button', { name: 'Simpan kunjungan' }).click();
    expect(await page.locator('.done').textContent()).toContain('Kunjungan tercatat.');
    expect(await page.locator('.done').textContent()).toContain(`Kunjungan berikutnya`);

    // The visit found the learner attending: one tap marks them ACTIVE.
    await page.getByRole('button', { name: 'Hadir: aktif belajar' }).click();
    expect(new URL(page.url()).pathname).toBe(`/calon/${ids.learner}`);
    expect(await page.locator('dd strong').first().textContent()).toBe('Aktif belajar');
    const visits = page.locator('section[aria-labelledby=visits]');
    expect(await visits.textContent()).toContain('Ke sekolah');
    expect(await visits.textContent()).toContain('Hadir di kelas 7B');

    await page.goto(`${base}/kerja`);
    expect(await page.getByTestId('overdue').textContent()).toBe('1');
    expect(await page.locator('li.card').filter({ hasText: 'Dewi Lestari' }).textContent()).not.toContain(
      'Terlambat',
    );
    await page.getByRole('link', { name: 'Terlambat', exact: true }).click();
    expect(await page.locator('li.card').count()).toBe(1);

    // The report: one learner in the village, monitored; one record overdue.
    await page.goto(`${base}/pendampingan?year=${year}`);
    await check(page, 'follow-up-report');
    const row = page.locator('tbody tr', { has: page.locator('th', { hasText: /^Banjaran$/ }) });
    expect(await row.locator('td').allTextContents()).toEqual(['1', '1', '100 %', '1']);
    await page.context().close();
  }, 60_000);
});
