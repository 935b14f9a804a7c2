import { beforeAll, describe, expect, it } from 'vitest';
import { QuotaPage } from '../../functions/bappeda/quota-page.js';
import { translator } from '../../functions/web/ui.js';
import { OTHER_VILLAGE_SAME_DISTRICT, registration, VILLAGE } from '../support/candidates.js';
import { surveyCsv, surveyRow } from '../support/survey-list.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { getPage, signIn } from '../support/web.js';

/**
 * The lists and Bappeda's reports speak in words: two people of the same name are told apart
 * by their village and cohort, tracks, times, counts and money are written as people read
 * them, an empty list says why, and the worklist's tables each have a name of their own.
 */
let sys: TestSystem;
const YEAR = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
const NAME = 'Udin Samsudin';
/** A village code as it should never be shown: 33.29.01.2001. */
const VILLAGE_CODE = /\b33\.29\.\d{2}\.\d{4}\b/;

beforeAll(async () => {
  sys = await startTestSystem();
  const bappeda = await sys.token('bappeda_staff');
  expect((await sys.request('PUT', `/programs/${YEAR}`, { token: bappeda, body: {} })).status).toBe(200);
  // Two people of one name: a boy in Banjaran and a grown man in Bentar.
  const child = await sys.request<{ id: string; version: number }>('POST', '/candidates', {
    token: await sys.token('village_official', VILLAGE),
    body: registration(1, { year: YEAR, fullName: NAME }),
  });
  expect(child.status).toBe(201);
  const adult = await sys.request('POST', '/candidates', {
    token: await sys.token('village_official', OTHER_VILLAGE_SAME_DISTRICT),
    body: registration(3, {
      year: YEAR,
      villageCode: OTHER_VILLAGE_SAME_DISTRICT,
      nik: '3329011203900003',
      birthDate: '1990-03-12',
      sex: 'M',
      fullName: NAME,
      track: 'DTS',
      outOfSchoolType: 'NOT_CONTINUED',
      lastLevel: 'SMP',
      reasonCode: 3,
      guardianName: null,
      consent: { given: true, by: 'SELF', name: NAME },
    }),
  });
  expect(adult.status).toBe(201);
  // The boy goes to school: his village place (Rp 1.500.000) is promised to him.
  const volunteer = await sys.token('fmpp_volunteer', '33.29.01');
  let version = child.body.version;
  for (const [to, extra] of [
    ['VERIFIED', {}],
    ['ENROLLED', { school: { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' } }],
  ] as const) {
    const res = await sys.request<{ version: number }>('POST', `/candidates/${child.body.id}/transitions`, {
      token: volunteer,
      body: { to, ...extra },
      headers: { 'if-match': `"${version}"` },
    });
    expect(res.status).toBe(200);
    version = res.body.version;
  }
  // Banjaran's official checks a list: the import record has a time.
  const checked = await sys.gateway.handle({
    method: 'POST',
    url: `/imports?year=${YEAR}&dryRun=true`,
    headers: {
      authorization: `Bearer ${await sys.token('village_official', VILLAGE, { sub: 'checking-account' })}`,
      'content-type': 'text/csv',
    },
    body: Buffer.from(surveyCsv([surveyRow(20)])),
  });
  expect(checked.status).toBe(200);
}, 60_000);

/** A page's own content, without the layout (and its script). */
const mainOf = (page: string) => /<main[^>]*>([\s\S]*)<\/main>/.exec(page)?.[1] ?? '';

const html = async (url: string, account: string) => {
  const res = await getPage(sys, url, await signIn(sys, account));
  expect(res.status, url).toBe(200);
  return res.body.toString();
};

/** The cells of each body row of the page's tables, as text. */
const rowsOf = (page: string) =>
  [...page.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)]
    .flatMap((body) => [...(body[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)])
    .map((row) =>
      [...(row[1] ?? '').matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) =>
        (cell[1] ?? '').replace(/<[^>]+>/g, ''),
      ),
    );

/** The rows naming `name`. */
const rowsOfName = (page: string, name: string) => rowsOf(page).filter((cells) => cells[0] === name);

describe('lists tell people apart, in words', () => {
  it("shows the volunteer's worklist with village name, cohort, track and when to visit, never a code", async () => {
    const page = await html('/kerja', 'fmpp-salem');
    expect(page).toContain('Daftar kerja Kecamatan Salem');
    const cards = [...page.matchAll(/<li class="card">([\s\S]*?)<\/li>/g)]
      .map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '))
      .filter((text) => text.includes(NAME));
    expect(cards).toHaveLength(2);
    const [adult] = cards.filter((text) => text.includes('Bentar'));
    for (const words of [String(YEAR), 'Dewasa (DTS)', 'Terdata', 'Kunjungan berikutnya', 'Catat kunjungan'])
      expect(adult).toContain(words);
    const [child] = cards.filter((text) => text.includes('Banjaran'));
    expect(child).toContain('Anak (ATS)');
    expect(mainOf(page)).not.toMatch(VILLAGE_CODE);
  });

  it('names the worklist from its heading, and its choices apart from the main menu', async () => {
    const page = await html('/kerja', 'fmpp-salem');
    expect(page).toMatch(/<h1 id="judul-kerja">Daftar kerja Kecamatan Salem<\/h1>/);
    expect(page).toContain('<ol class="plain" aria-labelledby="judul-kerja">');
    const navs = [...page.matchAll(/<nav[^>]*aria-label="([^"]+)"/g)].map((m) => m[1]);
    expect(navs).toEqual(['Menu utama', 'Pilihan daftar']);
    // Nothing is overdue yet: the overdue list says so.
    expect(await html('/kerja?due=overdue', 'fmpp-salem')).toContain('Tidak ada kunjungan yang terlambat.');
  });

  it("shows an official's list with the village name and cohort on every row", async () => {
    const page = await html('/calon', 'op-banjaran');
    const rows = rowsOf(page);
    expect(rows.length).toBeGreaterThan(0);
    for (const cells of rows) expect(cells).toEqual(expect.arrayContaining(['Banjaran', String(YEAR)]));
    expect(mainOf(page)).not.toMatch(VILLAGE_CODE);
  });

  it('shows Bappeda the village with its kecamatan, as two people of one name are in two villages', async () => {
    const page = await html('/calon', 'bappeda');
    const villages = rowsOfName(page, NAME).map((cells) => cells[2]);
    expect(villages.sort()).toEqual(['Banjaran, Kec. Salem', 'Bentar, Kec. Salem']);
    expect(mainOf(page)).not.toMatch(VILLAGE_CODE);
  });

  it('explains an empty list and says what to do', async () => {
    const official = await html('/calon', 'op-bantarkawung');
    expect(official).toContain('Belum ada calon di desa ini.');
    expect(official).toContain('href="/calon/baru"');
    expect(official).toContain('unggah daftar hasil pendataan');
    expect(official).not.toContain('<table');
    const worklist = await html('/kerja', 'fmpp-bantarkawung');
    expect(worklist).toContain('Tidak ada calon yang perlu didampingi.');
    const waitlist = await html(`/calon?funding=WAITLISTED&year=${YEAR}`, 'bappeda');
    expect(waitlist).toContain('Daftar tunggu kosong');
    const filtered = await html(`/calon?status=COMPLETED`, 'op-banjaran');
    expect(filtered).toContain('Tidak ada calon yang cocok dengan pilihan ini.');
    expect(filtered).toContain('href="/calon"');
  });
});

describe("Bappeda's reports, in words", () => {
  it('writes the budget in rupiah as Indonesians do, and says what the money is for', async () => {
    const page = await html(`/anggaran?year=${YEAR}`, 'bappeda');
    expect(page).toContain('Rp 1.500.000');
    for (const [amount] of page.matchAll(/Rp [\d.,]+/g))
      expect(amount).toMatch(/^Rp (0|[1-9]\d{0,2}(\.\d{3})*)$/);
    expect(page).toContain('Sudah dialokasikan untuk peserta yang masuk sekolah');
    expect(page).toContain('Calon tercatat');
    expect(page).not.toMatch(/komitmen/i);
    expect(page).not.toContain('class="hint"');
    expect(page).toMatch(/<caption id="per-kecamatan">/);
  });

  it('writes the upload times in Brebes time (WIB), never UTC, and villages by name', async () => {
    const page = await html(`/impor/riwayat?year=${YEAR}`, 'bappeda');
    const [row] = rowsOf(page);
    expect(row?.[0]).toMatch(
      /^\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}, \d{2}\.\d{2} WIB$/,
    );
    expect(row?.[1]).toBe('Banjaran, Kec. Salem');
    expect(row?.[3]).toBe('Diperiksa saja (lewat API)');
    expect(mainOf(page)).not.toContain('UTC');
    expect(mainOf(page)).not.toMatch(VILLAGE_CODE);
    const english = (
      await getPage(sys, `/impor/riwayat?year=${YEAR}&lang=en`, await signIn(sys, 'bappeda'))
    ).body.toString();
    expect(rowsOf(english)[0]?.[0]).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} WIB$/);
  });

  it('never says "dikomitmenkan", nor "terdaftar" for being recorded, on the lists and reports', async () => {
    const pages = [
      await html('/kerja', 'fmpp-salem'),
      await html('/', 'op-banjaran'),
      await html('/pendampingan', 'fmpp-salem'),
      await html('/calon', 'op-banjaran'),
      await html('/calon?funding=WAITLISTED', 'bappeda'),
      await html(`/anggaran?year=${YEAR}`, 'bappeda'),
      await html(`/kuota?year=${YEAR}`, 'bappeda'),
      await html(`/impor/riwayat?year=${YEAR}`, 'bappeda'),
    ];
    for (const page of pages) expect(page).not.toMatch(/dikomitmenkan/i);
    for (const page of pages.slice(5)) expect(page).not.toMatch(/terdaftar|didaftarkan/i);
  });

  it('lists the villages below quota by name, with counts and an explanation when there are none', () => {
    const t = translator('id');
    const row = {
      code: VILLAGE,
      name: 'Banjaran',
      districtCode: '33.29.01',
      districtName: 'Salem',
      quota: 10,
      funded: 1,
      waitlisted: 0,
      shortfall: 9,
    };
    const some = String(
      QuotaPage({
        t,
        report: { year: YEAR, quota: 10, villages: [row], totalShortfall: 1_234 },
        yearSwitch: null,
      }),
    );
    expect(some).toContain('masih ada 1.234 tempat kosong');
    expect(rowsOf(some)).toEqual([['Salem', 'Banjaran', '1 dari 10', '9']]);
    expect(some).not.toMatch(VILLAGE_CODE);
    const none = String(
      QuotaPage({ t, report: { year: YEAR, quota: 10, villages: [], totalShortfall: 0 }, yearSwitch: null }),
    );
    expect(none).toContain(`Semua desa sudah mengisi 10 tempat desanya tahun ${YEAR}.`);
    expect(none).not.toContain('<table');
  });
});
