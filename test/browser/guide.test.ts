import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOT } from '../../functions/guide/app.js';
import {
  GUIDES,
  type Guide,
  namesIn,
  pdfOf,
  SIGN_IN_STEPS,
  screenshotOf,
} from '../../functions/guide/content.js';
import { HELP_TOPICS } from '../../shared/guide-topics.js';
import { browserSystem, seriousViolations } from '../support/browser.js';
import { registration, VILLAGE } from '../support/candidates.js';
import type { TestSystem } from '../support/system.js';

/**
 * The guides against the app they describe, in Chromium at phone size, on a seeded system:
 * every page a guide sends people to opens for that guide's role, every «name» it gives is on
 * that page (a button, link, label, heading…), and every screenshot and printable guide is
 * made again from the real pages. `SCREENSHOTS=1` writes them into functions/guide/files,
 * where the guide function serves them from.
 */
const SCREENSHOTS = process.env.SCREENSHOTS === '1';
const FILES = join('functions', 'guide', 'files');
const YEAR = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
const ACCOUNT: Record<Guide['slug'], RegExp> = {
  operator: /Operator Desa Banjaran/,
  relawan: /Relawan FMPP Kecamatan Salem/,
  bappeda: /Staf Bappeda/,
};

let sys: TestSystem;
let browser: Browser;
let base: string;
let close: () => Promise<void> = async () => {};
/** The values of the guides' `{…}` placeholders, seeded below. */
const seeded: Record<string, string> = { akun: 'op-bentar' };

beforeAll(async () => {
  ({ sys, base, browser, close } = await browserSystem());
  const bappeda = await sys.token('bappeda_staff');
  await sys.request('PUT', `/programs/${YEAR - 1}`, { token: bappeda, body: {} });
  // Five village places, so that the sixth person registered waits.
  await sys.request('PUT', `/programs/${YEAR}`, { token: bappeda, body: { villageQuota: 5 } });
  const official = await sys.token('village_official', VILLAGE);
  const volunteer = await sys.token('fmpp_volunteer', '33.29.01');
  let serial = 700;
  const register = async (fullName: string, year = YEAR, extra: Record<string, unknown> = {}) => {
    const res = await sys.request<{ id: string; version: number }>('POST', '/candidates', {
      token: official,
      body: registration(serial++, { year, fullName, ...extra }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const move = async (
    c: { id: string; version: number },
    to: string,
    extra: Record<string, unknown> = {},
  ) => {
    const res = await sys.request<{ id: string; version: number }>(
      'POST',
      `/candidates/${c.id}/transitions`,
      {
        token: volunteer,
        body: { to, ...extra },
        headers: { 'if-match': `"${c.version}"` },
      },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  seeded.calon = (await register('Siti Aminah')).id;
  const verified = await move(await register('Rina Marlina', YEAR, { birthDate: '2011-03-14' }), 'VERIFIED');
  seeded.terverifikasi = verified.id;
  const atSchool = await move(
    await move(await register('Dewi Lestari', YEAR, { birthDate: '2009-11-02' }), 'VERIFIED'),
    'ENROLLED',
    { school: { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' } },
  );
  seeded.bersekolah = atSchool.id;
  seeded.lama = (await register('Ahmad Fauzi', YEAR - 1, { sex: 'M', nik: '3329010507100799' })).id;
  // A look-alike pair for the duplicates page.
  await register('Kartini Sari', YEAR, { birthDate: '2012-04-21' });
  await register('Kartini Sari', YEAR, { birthDate: '2012-04-21' });
  seeded.menunggu = (await register('Budi Santoso', YEAR, { sex: 'M', nik: '3329010809110798' })).id;
}, 90_000);

afterAll(() => close());

const pathOf = (at: string) => at.replace(/\{(\w+)\}/g, (_, key: string) => seeded[key] ?? `{${key}}`);

async function phone(account?: RegExp): Promise<Page> {
  // axe-core is injected as a script, which the pages' CSP rightly forbids: the test bypasses it.
  const context = await browser.newContext({ viewport: { ...SHOT }, bypassCSP: true });
  const page = await context.newPage();
  if (account) {
    await page.goto(`${base}/masuk`);
    await page.getByRole('button', { name: account }).click();
  }
  return page;
}

/** The names on the page a guide may give: what buttons, links, labels and headings say (rules under labels left out). */
function screenNames(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'button, a, summary, label, legend, h1, h2, h3, th, caption, option, input[type=submit]',
      ),
    ].map((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      for (const hint of copy.querySelectorAll('.hint')) hint.remove();
      const text = el instanceof HTMLInputElement ? el.value : (copy.textContent ?? '');
      return text.replace(/\s+/g, ' ').trim();
    }),
  );
}

/** A name is on the screen when something says exactly it, or starts with it ("NIK" on "NIK (16 angka)"). */
const shows = (names: string[], name: string) =>
  names.some(
    (n) => n === name || n.startsWith(`${name} `) || n.startsWith(`${name}:`) || n.startsWith(`${name} (`),
  );

describe('the guides at 360 px', () => {
  it('are readable without signing in: each page axe clean, no sideways scroll, every screenshot served', async () => {
    const page = await phone();
    for (const path of ['/panduan', ...GUIDES.map((g) => `/panduan/${g.slug}`)]) {
      const res = await page.goto(`${base}${path}`);
      expect(res?.status(), path).toBe(200);
      expect(await seriousViolations(page), path).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(
        SHOT.width,
      );
      for (const src of await page
        .locator('img')
        .evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')))) {
        const image = await page.request.get(`${base}${src}`);
        expect(image.status(), `${path}: ${src}`).toBe(200);
        expect(image.headers()['content-type']).toBe('image/png');
      }
    }
    // Every guide has its printable file, and the index links each.
    await page.goto(`${base}/panduan`);
    for (const g of GUIDES) {
      const pdf = await page.request.get(`${base}/panduan/berkas/${pdfOf(g.slug)}`);
      expect(pdf.status(), g.slug).toBe(200);
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect(await page.getByRole('link', { name: 'Panduan', exact: true }).count()).toBe(1);
    await page.context().close();
  }, 60_000);

  it('every page a guide names opens for its role, and every name it gives is on that page; the screenshots are made again', async () => {
    const missing: string[] = [];
    for (const guide of GUIDES) {
      const page = await phone(ACCOUNT[guide.slug]);
      // "Masuk dan keluar", at the top of every guide: its names are on the home page of each role.
      await page.goto(`${base}/`);
      const home = await screenNames(page);
      for (const name of SIGN_IN_STEPS.flatMap(namesIn))
        if (!shows(home, name)) missing.push(`${guide.slug}#masuk: «${name}» is not on /`);
      for (const task of guide.tasks) {
        let at: string | undefined;
        for (const step of task.steps) {
          at = step.at ?? at;
          const names = namesIn(step.text);
          if (names.length === 0) continue;
          if (!at) {
            missing.push(`${guide.slug}#${task.id}: "${step.text}" names ${names.join(', ')} but no page`);
            continue;
          }
          const res = await page.goto(`${base}${pathOf(at)}`);
          if (res?.status() !== 200) {
            missing.push(`${guide.slug}#${task.id}: ${at} answers ${res?.status()}`);
            continue;
          }
          const onScreen = await screenNames(page);
          for (const name of names)
            if (!shows(onScreen, name)) missing.push(`${guide.slug}#${task.id}: «${name}» is not on ${at}`);
        }
        const res = await page.goto(`${base}${pathOf(task.at)}`);
        expect(res?.status(), `${guide.slug}#${task.id}: ${task.at}`).toBe(200);
        if (task.shot) {
          const part = page.locator(task.shot);
          expect(await part.count(), `${guide.slug}#${task.id}: ${task.shot} on ${task.at}`).toBeGreaterThan(
            0,
          );
          await part.first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
        }
        const shot = await page.screenshot();
        expect(shot.length).toBeGreaterThan(1000);
        if (SCREENSHOTS) await writeFile(join(FILES, screenshotOf(guide.slug, task.id)), shot);
      }
      await page.context().close();
    }
    expect(missing).toEqual([]);
  }, 180_000);

  it('prints each guide as an A4 PDF from its page, with every screenshot in it', async () => {
    const page = await phone();
    for (const guide of GUIDES) {
      await page.goto(`${base}/panduan/${guide.slug}`);
      // Printing does not wait for lazy images: they are all asked for first.
      await page.evaluate(async () => {
        const images = [...document.images];
        for (const img of images) img.loading = 'eager';
        await Promise.all(images.map((img) => (img.complete ? Promise.resolve() : img.decode())));
      });
      expect(await page.evaluate(() => [...document.images].every((i) => i.naturalWidth > 0))).toBe(true);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
      expect(pages, guide.slug).toBeGreaterThanOrEqual(2);
      expect(pages, guide.slug).toBeLessThanOrEqual(guide.tasks.length + 2);
      if (SCREENSHOTS) await writeFile(join(FILES, pdfOf(guide.slug)), pdf);
    }
    await page.context().close();
  }, 120_000);
});

describe('the "?" beside a page title', () => {
  it("opens the page's part in the viewer's own guide, for every topic", async () => {
    for (const guide of GUIDES) {
      const page = await phone(ACCOUNT[guide.slug]);
      for (const topic of HELP_TOPICS) {
        await page.goto(`${base}/panduan/topik/${topic}`);
        const url = new URL(page.url());
        expect(url.hash, topic).toBe(`#${topic}`);
        expect(await page.locator(`section#${topic}`).count(), `${url.pathname}#${topic}`).toBe(1);
        // The viewer's own guide whenever it has that part.
        if (topic === 'masuk' || guide.tasks.some((t) => t.id === topic))
          expect(url.pathname, topic).toBe(`/panduan/${guide.slug}`);
      }
      await page.context().close();
    }
  }, 60_000);
});
