import { beforeAll, describe, expect, it } from 'vitest';
import { registration, VILLAGE } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { csrfOf, getPage, postForm, signIn } from '../support/web.js';

/** The web pages of cohorts: school change, a cohort's carry-over, the year switches, other records. */
let sys: TestSystem;
let bappeda: string;
const YEAR = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
const NEXT = YEAR + 1;
const BENTAR = '33.29.01.2002';
let serial = 1;

type Candidate = { id: string; version: number; status: string; year: number };

beforeAll(async () => {
  sys = await startTestSystem();
  bappeda = await sys.token('bappeda_staff');
  for (const year of [YEAR, NEXT])
    expect((await sys.request('PUT', `/programs/${year}`, { token: bappeda, body: {} })).status).toBe(200);
});

async function registered(year = YEAR, village = VILLAGE, overrides: Record<string, unknown> = {}) {
  const res = await sys.request<Candidate>('POST', '/candidates', {
    token: await sys.token('village_official', village),
    body: registration(serial++, { year, villageCode: village, ...overrides }),
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function moved(c: Candidate, ...steps: [string, Record<string, unknown>?][]) {
  let now = c;
  for (const [to, extra] of steps) {
    const res = await sys.request<Candidate>('POST', `/candidates/${now.id}/transitions`, {
      token: await sys.token('fmpp_volunteer', '33.29.01'),
      body: { to, ...(extra ?? {}) },
      headers: { 'if-match': `"${now.version}"` },
    });
    expect(res.status).toBe(200);
    now = res.body;
  }
  return now;
}

const SCHOOL = { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' };
const enrolled = (c: Candidate) => moved(c, ['VERIFIED'], ['ENROLLED', { school: SCHOOL }]);

describe('school change in the web app', () => {
  it('shows "Pindah sekolah" to the volunteer, refuses the same school, and puts both schools in the history', async () => {
    const c = await enrolled(await registered());
    const cookie = await signIn(sys, 'fmpp-salem');
    const csrf = await csrfOf(sys, cookie);
    expect((await getPage(sys, `/calon/${c.id}`, cookie)).body.toString()).toContain(
      `action="/calon/${c.id}/sekolah"`,
    );
    const form = { csrf, version: String(c.version), 'school.level': 'PAKET_B', note: 'Ikut orang tua' };
    const same = await postForm(sys, `/calon/${c.id}/sekolah`, cookie, {
      ...form,
      'school.npsn': SCHOOL.npsn,
      'school.name': 'Sekolah Sama',
    });
    expect(same.status).toBe(400);
    expect(same.body.toString()).toContain('Sekolah baru sama dengan sekolah sekarang.');
    expect(same.body.toString()).toContain('value="Sekolah Sama"');
    const ok = await postForm(sys, `/calon/${c.id}/sekolah`, cookie, {
      ...form,
      'school.npsn': 'p9997333',
      'school.name': 'PKBM Harapan Bangsa',
    });
    expect(ok.status).toBe(303);
    const html = (await getPage(sys, `/calon/${c.id}`, cookie)).body.toString();
    expect(html).toContain('NPSN P9997333');
    expect(html).toContain('Pindah sekolah: SMP Negeri 1 Salem → PKBM Harapan Bangsa (Ikut orang tua)');
    // An official sees no such form.
    const official = await signIn(sys, 'op-banjaran');
    expect((await getPage(sys, `/calon/${c.id}`, official)).body.toString()).not.toContain(
      `action="/calon/${c.id}/sekolah"`,
    );
  });
});

describe("a person's other records on the candidate page", () => {
  it('links the earlier record for whoever may open it, and names it for the others', async () => {
    const first = await moved(await enrolled(await registered()), ['ACTIVE'], ['COMPLETED']);
    const again = await sys.request<Candidate>('POST', '/candidates', {
      token: await sys.token('village_official', BENTAR),
      body: registration(serial - 1, { year: NEXT, villageCode: BENTAR }),
    });
    expect(again.status).toBe(201);
    const official = (
      await getPage(sys, `/calon/${again.body.id}`, await signIn(sys, 'op-bentar'))
    ).body.toString();
    expect(official).toContain('Catatan lain orang ini');
    expect(official).toContain(`${YEAR} · Lulus · desa Banjaran`);
    expect(official).not.toContain(`href="/calon/${first.id}"`);
    const volunteer = (
      await getPage(sys, `/calon/${again.body.id}`, await signIn(sys, 'fmpp-salem'))
    ).body.toString();
    expect(volunteer).toContain(`href="/calon/${first.id}"`);
  });

  it('refuses to carry a record into a year the person is too old for, on the page, writing nothing', async () => {
    const old = await registered(YEAR, VILLAGE, {
      nik: `3329014103${String(YEAR - 18).slice(-2)}0${String(serial).padStart(3, '0')}`,
      birthDate: `${YEAR - 18}-03-01`,
    });
    const cookie = await signIn(sys, 'op-banjaran');
    const csrf = await csrfOf(sys, cookie);
    const page = (await getPage(sys, `/calon/${old.id}`, cookie)).body.toString();
    expect(page).toContain('Bawa ke tahun ini');
    const asked = await postForm(sys, `/calon/${old.id}/bawa`, cookie, {
      csrf,
      version: String(old.version),
      year: String(NEXT),
    });
    expect(asked.status).toBe(200);
    expect(asked.body.toString()).toContain(`Ya, bawa ke tahun ${NEXT}`);
    const res = await postForm(sys, `/calon/${old.id}/bawa`, cookie, {
      csrf,
      version: String(old.version),
      year: String(NEXT),
      confirmed: '1',
    });
    expect(res.status).toBe(400);
    expect(res.body.toString()).toContain(`Umur 19 tahun pada ${NEXT}-07-01`);
    const after = await sys.request<Candidate>('GET', `/candidates/${old.id}`, { token: bappeda });
    expect(after.body).toMatchObject({ status: 'IDENTIFIED', version: old.version });
  });
});

describe("Bappeda's cohort carry-over page", () => {
  it('checks first, writing nothing, then carries on confirmation', async () => {
    const waiting = await registered(YEAR, '33.29.01.2003');
    const cookie = await signIn(sys, 'bappeda');
    const csrf = await csrfOf(sys, cookie);
    const form = (await getPage(sys, `/program/bawa?year=${NEXT}`, cookie)).body.toString();
    expect(form).toContain(`Bawa calon ke tahun ${NEXT}`);
    expect(form).toMatch(new RegExp(`<option value="${YEAR}" selected="">`));

    const dry = await postForm(sys, `/program/bawa?year=${NEXT}`, cookie, { csrf, fromYear: String(YEAR) });
    expect(dry.status).toBe(200);
    const dryHtml = dry.body.toString();
    expect(dryHtml).toContain('akan dibawa');
    expect(dryHtml).toContain(`href="/calon/${waiting.id}"`);
    expect(dryHtml).toContain('name="confirm" value="1"');
    const still = await sys.request<Candidate>('GET', `/candidates/${waiting.id}`, { token: bappeda });
    expect(still.body.status).toBe('IDENTIFIED');

    const run = await postForm(sys, `/program/bawa?year=${NEXT}`, cookie, {
      csrf,
      fromYear: String(YEAR),
      confirm: '1',
    });
    expect(run.status).toBe(200);
    expect(run.body.toString()).toMatch(/\d+ dibawa/);
    const after = await sys.request<Candidate & { carriedTo: { id: string; year: number } }>(
      'GET',
      `/candidates/${waiting.id}`,
      { token: bappeda },
    );
    expect(after.body).toMatchObject({ status: 'WITHDRAWN', carriedTo: { year: NEXT } });
  });

  it('offers the year after the latest on the settings page, and a year switch on the quota page', async () => {
    const cookie = await signIn(sys, 'bappeda');
    const settings = (await getPage(sys, '/program', cookie)).body.toString();
    expect(settings).toContain(`Pengaturan program ${NEXT}`);
    expect(settings).toContain(`href="/program?year=${NEXT + 1}"`);
    const ahead = (await getPage(sys, `/program?year=${NEXT + 1}`, cookie)).body.toString();
    expect(ahead).toContain(`Tahun ${NEXT + 1} belum diatur.`);
    const quota = (await getPage(sys, `/kuota?year=${YEAR}`, cookie)).body.toString();
    expect(quota).toContain(`Desa di bawah kuota ${YEAR}`);
    expect(quota).toContain(`href="/kuota?year=${NEXT}"`);
  });
});
