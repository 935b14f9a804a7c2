import { beforeAll, describe, expect, it } from 'vitest';
import { setToday } from '../../shared/clock.js';
import { villagesOf } from '../../shared/domain/regions.js';
import { inBatches } from '../support/bulk.js';
import { DISTRICT, registration } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { getPage, signIn } from '../support/web.js';

/**
 * Every list of the web app reaches all of its records, page by page, with true counts: a
 * volunteer's worklist showed at most 100 a group, and a filter applied after fetching a page
 * left pages empty while later ones held matches.
 */
let sys: TestSystem;
const YEAR = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
const registered: string[] = [];
let verified: string[] = [];

beforeAll(async () => {
  sys = await startTestSystem();
  const bappeda = await sys.token('bappeda_staff');
  expect((await sys.request('PUT', `/programs/${YEAR}`, { token: bappeda, body: {} })).status).toBe(200);
  // 125 people in five villages of Salem: 25 each, 10 with a place and 15 waiting.
  const villages = villagesOf(DISTRICT)
    .slice(0, 5)
    .map((v) => v.code);
  const ids = await inBatches(
    Array.from({ length: 125 }, (_, i) => i),
    8,
    async (i) => {
      const villageCode = villages[i % 5] ?? '';
      const res = await sys.request<{ id: string; version: number }>('POST', '/candidates', {
        token: await sys.token('village_official', villageCode),
        body: registration(i + 1, {
          year: YEAR,
          villageCode,
          fullName: `Warga Daftar ${'ABCDEFGHIJKLMNOPQRSTUVWXY'[i % 25]}`,
        }),
      });
      expect(res.status).toBe(201);
      return res.body;
    },
  );
  registered.push(...ids.map((c) => c.id));
  const volunteer = await sys.token('fmpp_volunteer', DISTRICT);
  verified = await inBatches(ids.slice(0, 3), 3, async (c) => {
    const res = await sys.request('POST', `/candidates/${c.id}/transitions`, {
      token: volunteer,
      body: { to: 'VERIFIED' },
      headers: { 'if-match': `"${c.version}"` },
    });
    expect(res.status).toBe(200);
    return c.id;
  });
}, 120_000);

const idsOn = (html: string) => [...html.matchAll(/href="\/calon\/([0-9A-Z]{26})"/g)].map((m) => m[1] ?? '');
const linkTo = (html: string, text: string) =>
  new RegExp(`<a href="([^"]+)">${text}`).exec(html)?.[1]?.replaceAll('&amp;', '&');

/** Follows the next-page link ("Halaman berikutnya") from `url` to the end: every id seen, and the pages' sizes. */
async function walk(cookie: string, url: string, nextText = 'Halaman berikutnya') {
  const ids: string[] = [];
  const sizes: number[] = [];
  let next: string | undefined = url;
  while (next) {
    const html = (await getPage(sys, next, cookie)).body.toString();
    const page = idsOn(html);
    ids.push(...page);
    sizes.push(page.length);
    next = linkTo(html, nextText);
    expect(sizes.length).toBeLessThan(20);
  }
  return { ids, sizes };
}

describe('the volunteer reaches every candidate of the kecamatan', () => {
  it('sees true counts on the worklist and reaches all 125 there in due order, page by page', async () => {
    const cookie = await signIn(sys, 'fmpp-salem');
    // Fifteen days on, every visit (due 14 days after registration) is a day late.
    setToday(new Date(Date.now() + 7 * 3_600_000 + 15 * 86_400_000).toISOString().slice(0, 10));
    const home = (await getPage(sys, '/kerja', cookie)).body.toString();
    expect(home).toMatch(/data-testid="overdue">125</);
    expect(home).toContain('Terlambat 1 hari');
    const { ids, sizes } = await walk(cookie, '/kerja', 'Berikutnya');
    expect(sizes).toEqual([20, 20, 20, 20, 20, 20, 5]);
    expect([...ids].sort()).toEqual([...registered].sort());
    setToday(undefined);
    expect((await getPage(sys, '/kerja', cookie)).body.toString()).toMatch(/data-testid="overdue">0</);
  });

  it('reaches all 122 still to verify in the list by status, page by page', async () => {
    const cookie = await signIn(sys, 'fmpp-salem');
    const { ids, sizes } = await walk(cookie, '/calon?status=IDENTIFIED');
    expect(sizes).toEqual([50, 50, 22]);
    expect(new Set(ids).size).toBe(122);
    expect([...ids, ...verified].sort()).toEqual([...registered].sort());
  });

  it('reaches all 125 in the unfiltered list, which says where it is', async () => {
    const cookie = await signIn(sys, 'fmpp-salem');
    const first = (await getPage(sys, '/calon', cookie)).body.toString();
    expect(first).toContain('Menampilkan 1–50 dari 125 calon.');
    const { ids } = await walk(cookie, '/calon');
    expect(new Set(ids)).toEqual(new Set(registered));
    const second = (await getPage(sys, linkTo(first, 'Halaman berikutnya') ?? '', cookie)).body.toString();
    expect(second).toContain('Menampilkan 51–100 dari 125 calon.');
    expect(linkTo(second, '← Halaman pertama')).toBe('/calon');
  });
});

describe("Bappeda's waitlist", () => {
  it('filters by the query: 75 waiting, every page full until the last, none empty', async () => {
    const cookie = await signIn(sys, 'bappeda');
    const first = (await getPage(sys, '/calon?funding=WAITLISTED', cookie)).body.toString();
    expect(first).toContain('dari 75 calon');
    const { ids, sizes } = await walk(cookie, '/calon?funding=WAITLISTED');
    expect(sizes).toEqual([50, 25]);
    expect(new Set(ids).size).toBe(75);
    const list = await sys.request<{ items: { id: string; funding: { village: string } }[] }>(
      'GET',
      `/candidates?year=${YEAR}&district=${DISTRICT}&limit=100`,
      { token: await sys.token('bappeda_staff') },
    );
    const waiting = list.body.items.filter((c) => c.funding.village === 'WAITLISTED').map((c) => c.id);
    expect(ids.filter((id) => waiting.includes(id))).toHaveLength(waiting.length);
  });
});
