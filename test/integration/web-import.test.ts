import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_DRAFT_BYTES } from '../../shared/db/import-drafts.js';
import { IMPORT_COLUMNS } from '../../shared/imports/columns.js';
import { parseCsv } from '../../shared/imports/csv.js';
import { IMPORT_LIMITS } from '../../shared/imports/read-file.js';
import { csvText } from '../../shared/report-formats/csv.js';
import { VILLAGE } from '../support/candidates.js';
import { surveyCsv, surveyRow } from '../support/survey-list.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { csrfOf, getPage, postForm, signIn } from '../support/web.js';

/**
 * The web upload keeps what it checked (the rows, compressed) as a draft for an hour, so a
 * phone uploads a list once. A draft must fit one DynamoDB item (400 KB, which DynamoDB Local
 * enforces too) whatever was uploaded: rows that would not fit are refused with a message.
 */
let sys: TestSystem;
const YEAR = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();

beforeAll(async () => {
  sys = await startTestSystem();
  const bappeda = await sys.token('bappeda_staff');
  expect((await sys.request('PUT', `/programs/${YEAR}`, { token: bappeda, body: {} })).status).toBe(200);
});

/** The upload form posted as a browser posts it: multipart, with the session's CSRF token. */
async function uploadPage(cookie: string, csv: string, year?: number) {
  const form = new FormData();
  form.set('csrf', await csrfOf(sys, cookie));
  if (year !== undefined) form.set('year', String(year));
  form.set('file', new File([csv], 'daftar.csv', { type: 'text/csv' }));
  const request = new Request('http://localhost/impor', { method: 'POST', body: form });
  const res = await sys.gateway.handle({
    method: 'POST',
    url: '/impor',
    headers: { host: 'localhost', cookie, 'content-type': request.headers.get('content-type') ?? '' },
    body: Buffer.from(await request.arrayBuffer()),
  });
  return { status: res.status, html: res.body.toString() };
}

describe('the web import draft', () => {
  it('keeps the checked rows of a full 2,000-row list as a draft that registers them', async () => {
    const cookie = await signIn(sys, 'op-banjaran');
    const csv = surveyCsv(Array.from({ length: 2000 }, (_, i) => surveyRow(i + 1)));
    const checked = await uploadPage(cookie, csv);
    expect(checked.status).toBe(200);
    const draft = /name="draft" value="([0-9A-Z]{26})"/.exec(checked.html)?.[1];
    expect(draft).toBeDefined();
    const committed = await postForm(sys, '/impor/kirim', cookie, {
      csrf: await csrfOf(sys, cookie),
      draft: draft ?? '',
    });
    expect(committed.status).toBe(200);
    expect(committed.body.toString()).toContain('2.000 didaftarkan.');
    const village = await sys.request<{ funded: number; waitlisted: number }>(
      'GET',
      `/villages/${VILLAGE}?year=${YEAR}`,
      {
        token: await sys.token('village_official', VILLAGE),
      },
    );
    expect(village.body.funded + village.body.waitlisted).toBe(2000);
  }, 60_000);

  it('refuses, with a message and before writing, a list whose rows would not fit', async () => {
    const cookie = await signIn(sys, 'op-bentar');
    // Notes of random letters do not compress: 2,000 × 450 characters is far more than a draft may hold.
    const note = () =>
      randomBytes(340)
        .toString('base64')
        .replace(/[^A-Za-z]/g, 'a')
        .slice(0, 450);
    const csv = surveyCsv(
      Array.from({ length: 2000 }, (_, i) => surveyRow(5000 + i, { 'Catatan Alasan': note() })),
    );
    expect(csv.length).toBeGreaterThan(MAX_DRAFT_BYTES * 2);
    const checked = await uploadPage(cookie, csv);
    expect(checked.status).toBe(400);
    expect(checked.html).toContain('terlalu besar untuk disimpan sementara');
    expect(checked.html).not.toContain('name="draft"');
  }, 60_000);

  it('refuses a hostile file on the upload page as the API does: one message naming the problem', async () => {
    const cookie = await signIn(sys, 'op-banjaran');
    const [header, ...rows] = surveyCsv([9001, 9002, 9003].map((n) => surveyRow(n))).split('\r\n');
    const unclosed = [header, `"${rows[0]}`, ...rows.slice(1)].join('\r\n');
    const checked = await uploadPage(cookie, unclosed);
    expect(checked.status).toBe(400);
    expect(checked.html).toMatch(/baris 2/);
    expect(checked.html).not.toContain('name="draft"');
  });
});

/**
 * The report on a phone: one card per row that needs attention, naming the row, the person and
 * each problem after its column; the failed rows as a CSV to fix and upload again; and, after
 * "Daftarkan", who was registered with their place. In a year of its own (quota 3) and a
 * village of its own (Bangbayang), so that places and waitlist numbers are known.
 */
describe('the report of an upload', () => {
  const year = YEAR + 1;
  const nik = (serial: number) => surveyRow(serial).NIK ?? '';
  const name = (serial: number) => surveyRow(serial)['Nama Lengkap'] ?? '';
  const firstList = [
    surveyRow(7001),
    surveyRow(7002, { 'Nama Wali': '' }),
    surveyRow(7003, { 'Tanggal Lahir': '31/02/2012' }),
    surveyRow(7004, { NIK: '3,32901E+15', 'No HP': '+62 812 3456 7890' }),
    surveyRow(7005, { NIK: nik(7001) }),
  ];
  let cookie: string;
  let draft: string;
  let checkedHtml: string;

  beforeAll(async () => {
    const bappeda = await sys.token('bappeda_staff');
    const put = await sys.request('PUT', `/programs/${year}`, { token: bappeda, body: { villageQuota: 3 } });
    expect(put.status).toBe(200);
    cookie = await signIn(sys, 'op-bantarkawung');
    const checked = await uploadPage(cookie, surveyCsv(firstList), year);
    expect(checked.status).toBe(200);
    checkedHtml = checked.html;
    draft = /name="draft" value="([0-9A-Z]{26})"/.exec(checked.html)?.[1] ?? '';
    expect(draft).toMatch(/^[0-9A-Z]{26}$/);
  });

  const text = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;/g, "'")
      .replace(/\s+/g, ' ');

  it('shows a card per row that needs attention, naming the row, the person and each problem by column', () => {
    expect(checkedHtml).not.toContain('<table');
    const page = text(checkedHtml);
    expect(page).toContain('5 baris : 1 siap, 1 ganda, 3 salah.');
    expect(page).toContain('Tidak didaftarkan: 4 baris');
    expect(page).toContain(
      `Baris 3 · ${name(7002)} Nama Wali: Nama wali wajib diisi untuk calon yang berumur di bawah 18 tahun.`,
    );
    expect(page).toContain(`Baris 4 · ${name(7003)} Tanggal Lahir: 31 Februari 2012 tidak ada`);
    expect(page).toContain(`Baris 5 · ${name(7004)} NIK: Excel mengubah NIK ini menjadi angka`);
    expect(page).toContain(`Baris 6 · ${name(7005)} NIK: NIK ini sama dengan baris 2`);
    // The ready row needs no card.
    expect(page).not.toContain(`Baris 2 ·`);
    expect(checkedHtml).toContain(`href="/impor/salah?draft=${draft}"`);
    expect(page).toContain('Unduh baris yang salah');
  });

  it("gives the failed rows as CSV: the template columns, then Kesalahan with each row's problems", async () => {
    const res = await getPage(sys, `/impor/salah?draft=${draft}`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toContain('attachment');
    const [header, ...rows] = parseCsv(res.body.toString(), IMPORT_LIMITS);
    expect(header?.cells).toEqual([...IMPORT_COLUMNS.map((c) => c.header), 'Kesalahan']);
    expect(rows.map((r) => r.cells[2])).toEqual([name(7002), name(7003), name(7004), name(7005)]);
    const problems = rows.map((r) => r.cells.at(-1) ?? '');
    expect(problems[0]).toBe('Nama Wali: Nama wali wajib diisi untuk calon yang berumur di bawah 18 tahun.');
    expect(problems[1]).toMatch(/^Tanggal Lahir: 31 Februari 2012 tidak ada/);
    expect(problems[2]).toMatch(/^NIK: Excel mengubah NIK ini menjadi angka/);
    expect(problems[3]).toMatch(/^NIK: NIK ini sama dengan baris 2/);
    // Cells as written; a phone that would read as a formula is neutralised.
    expect(rows[1]?.cells[3]).toBe('31/02/2012');
    expect(rows[2]?.cells[0]).toBe('3,32901E+15');
    expect(rows[2]?.cells[11]).toBe("'+62 812 3456 7890");
  });

  it('gives the file to the official who uploaded the list only', async () => {
    const url = `/impor/salah?draft=${draft}`;
    expect((await getPage(sys, url, await signIn(sys, 'op-banjaran'))).status).toBe(404);
    expect((await getPage(sys, url, await signIn(sys, 'bappeda'))).status).toBe(403);
    expect((await getPage(sys, `/impor/salah?draft=${'0'.repeat(26)}`, cookie)).status).toBe(404);
    const anonymous = await getPage(sys, url);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/masuk');
  });

  it('registers the rows of the downloaded file once fixed, and lists who got a place or waits', async () => {
    // The ready row first: it takes the first of the 3 places.
    const first = await postForm(sys, '/impor/kirim', cookie, { csrf: await csrfOf(sys, cookie), draft });
    expect(first.status).toBe(200);
    expect(text(first.body.toString())).toContain('1 didaftarkan.');
    // The failed rows can still be downloaded from the result.
    expect(first.body.toString()).toContain(`href="/impor/salah?draft=${draft}"`);

    const downloaded = (await getPage(sys, `/impor/salah?draft=${draft}`, cookie)).body.toString();
    const [header, ...rows] = parseCsv(downloaded, IMPORT_LIMITS);
    const at = (h: string) => header?.cells.indexOf(h) ?? -1;
    const fixes: Record<string, string>[] = [
      { 'Nama Wali': 'Tarsih' },
      { 'Tanggal Lahir': '05-07-2010' },
      { NIK: nik(7004) },
      { NIK: nik(7005) },
    ];
    const fixed = csvText([
      header?.cells ?? [],
      ...rows.map((r, i) => {
        const cells = [...r.cells];
        for (const [column, value] of Object.entries(fixes[i] ?? {})) cells[at(column)] = value;
        return cells;
      }),
    ]);
    const checked = await uploadPage(cookie, fixed, year);
    expect(checked.status).toBe(200);
    expect(text(checked.html)).toContain('4 baris : 4 siap.');
    const again = /name="draft" value="([0-9A-Z]{26})"/.exec(checked.html)?.[1] ?? '';
    const committed = await postForm(sys, '/impor/kirim', cookie, {
      csrf: await csrfOf(sys, cookie),
      draft: again,
    });
    expect(committed.status).toBe(200);
    const html = committed.body.toString();
    expect(text(html)).toContain('4 didaftarkan.');
    const registered = [
      ...html.matchAll(/<li><a href="\/calon\/([0-9A-Z]{26})">([^<]+)<\/a> · ([^<]+)<\/li>/g),
    ];
    expect(registered.map((m) => [m[2], m[3]])).toEqual([
      [name(7002), 'Tempat desa'],
      [name(7003), 'Tempat desa'],
      [name(7004), 'Daftar tunggu no. 1'],
      [name(7005), 'Daftar tunggu no. 2'],
    ]);
    const official = await sys.token('village_official', '33.29.02.2001');
    const person = await sys.request<{ nik: string; phone: string; funding: unknown }>(
      'GET',
      `/candidates/${registered[2]?.[1]}`,
      { token: official },
    );
    // The NIK typed again, the phone kept through the formula guard's apostrophe, the waitlist as listed.
    expect(person.body).toMatchObject({
      nik: nik(7004),
      phone: '+6281234567890',
      funding: { village: 'WAITLISTED', waitlistPosition: 1 },
    });
  });
});
