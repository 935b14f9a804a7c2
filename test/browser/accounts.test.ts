import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLocalAccount } from '../../shared/db/accounts.js';
import { findVillage } from '../../shared/domain/regions.js';
import { browserSystem, seriousViolations } from '../support/browser.js';

/**
 * Bappeda's accounts on a 360 px phone in Chromium: an account created from the form (its
 * problems first, beside their fields), the banner saying what was done, then disabled after
 * the confirmation; axe clean and nothing wider than the screen on every step. The created
 * account signs in on the local sign-in page until it is disabled.
 */
let browser: Browser;
let base: string;
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ base, browser, close } = await browserSystem());
}, 60_000);

afterAll(() => close());

async function check(page: Page, name: string) {
  await page.waitForLoadState('load');
  expect(await seriousViolations(page), name).toEqual([]);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    `${name} scrolls sideways`,
  ).toBeLessThanOrEqual(360);
}

describe('accounts at 360 px', () => {
  it('creates an account, signs in with it, and disables it after a confirmation', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/masuk`);
    await page.getByRole('button', { name: /Staf Bappeda/ }).click();
    await page.getByRole('link', { name: 'Akun', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/akun');
    await check(page, '/akun');
    await page.getByRole('link', { name: 'Buat akun' }).click();
    await check(page, '/akun/baru');

    // First with a wrong e-mail and no village: both named, what was typed kept.
    await page.fill('#f-username', 'op-kalijurang');
    await page.fill('#f-email', 'op.kalijurang');
    await page.fill('#f-name', 'Operator Kalijurang');
    await page.selectOption('#f-role', 'village_official');
    await page.getByRole('button', { name: 'Buat akun' }).click();
    const summary = page.locator('[role=alert] li a');
    expect((await summary.evaluateAll((links) => links.map((a) => a.getAttribute('href')))).sort()).toEqual([
      '#f-email',
      '#f-villageCode',
    ]);
    expect(await page.inputValue('#f-username')).toBe('op-kalijurang');
    await check(page, 'the form with its problems');

    await page.fill('#f-email', 'op.kalijurang@contoh.brebeskab.go.id');
    await page.fill('#f-villageCode', '33.29.02.2002');
    await page.getByRole('button', { name: 'Buat akun' }).click();
    expect(await page.locator('.done').textContent()).toContain('Akun op-kalijurang dibuat');
    await check(page, 'the new account');

    // The new account signs in on the local sign-in page (another browser).
    const other = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const theirs = await other.newPage();
    await theirs.goto(`${base}/masuk`);
    await theirs.getByRole('button', { name: /Operator Kalijurang/ }).click();
    expect(await theirs.locator('main').textContent()).toContain(
      `Desa ${findVillage('33.29.02.2002')?.name}`,
    );

    // Disabling asks first, red, with a way back; then says what it did.
    const disable = page.getByRole('button', { name: 'Nonaktifkan akun' });
    expect(await disable.getAttribute('class')).toBe('danger');
    await disable.click();
    await check(page, 'the confirmation');
    expect(await page.locator('.confirm li').first().textContent()).toContain('tidak bisa masuk lagi');
    expect((await readLocalAccount('op-kalijurang'))?.enabled).toBe(true);
    await page.getByRole('button', { name: 'Ya, nonaktifkan' }).click();
    expect(await page.locator('.done').textContent()).toContain('Akun op-kalijurang dinonaktifkan');
    await check(page, 'after disabling');
    expect((await readLocalAccount('op-kalijurang'))?.enabled).toBe(false);

    // Their open page now leads to the sign-in page, where they are no longer listed.
    await theirs.reload();
    expect(new URL(theirs.url()).pathname).toBe('/masuk');
    expect(await theirs.getByRole('button', { name: /Operator Kalijurang/ }).count()).toBe(0);
    await other.close();
    await context.close();
  }, 90_000);
});
