import { beforeAll, describe, expect, it } from 'vitest';
import { registration, VILLAGE } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { csrfOf, getPage, postForm, signIn } from '../support/web.js';

/** Web forms take what people type (rupiah with dots, a PKBM's NPSN) and keep it when something is wrong. */
let sys: TestSystem;
const YEAR = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
let serial = 1;

beforeAll(async () => {
  sys = await startTestSystem();
  const bappeda = await sys.token('bappeda_staff');
  expect((await sys.request('PUT', `/programs/${YEAR}`, { token: bappeda, body: {} })).status).toBe(200);
});

type Candidate = { id: string; version: number };

async function verified(): Promise<Candidate> {
  const res = await sys.request<Candidate>('POST', '/candidates', {
    token: await sys.token('village_official', VILLAGE),
    body: registration(serial++, { year: YEAR }),
  });
  expect(res.status).toBe(201);
  const moved = await sys.request<Candidate>('POST', `/candidates/${res.body.id}/transitions`, {
    token: await sys.token('fmpp_volunteer', '33.29.01'),
    body: { to: 'VERIFIED' },
    headers: { 'if-match': `"${res.body.version}"` },
  });
  expect(moved.status).toBe(200);
  return moved.body;
}

describe('enrolment in the web app', () => {
  it('accepts a PKBM NPSN and keeps NPSN, school and level when another field is wrong', async () => {
    const c = await verified();
    const cookie = await signIn(sys, 'fmpp-salem');
    const csrf = await csrfOf(sys, cookie);
    const form = { csrf, version: String(c.version), to: 'ENROLLED', 'school.level': 'PAKET_C' };
    const wrong = await postForm(sys, `/calon/${c.id}/status`, cookie, {
      ...form,
      'school.npsn': 'P9997333',
      'school.name': '',
    });
    expect(wrong.status).toBe(400);
    const html = wrong.body.toString();
    expect(html).toContain('value="P9997333"');
    expect(html).toMatch(/<option value="PAKET_C" selected="">/);
    expect(html).toContain('Nama sekolah harus 1 sampai 200 huruf.');
    expect(html).not.toContain('NPSN harus');
    const ok = await postForm(sys, `/calon/${c.id}/status`, cookie, {
      ...form,
      'school.npsn': 'p9997333',
      'school.name': 'PKBM Harapan Bangsa',
    });
    expect(ok.status).toBe(303);
    const page = (await getPage(sys, `/calon/${c.id}`, cookie)).body.toString();
    expect(page).toContain('NPSN P9997333');
  });

  it('starts the level list with "— pilih —", choosing nothing for the volunteer', async () => {
    const c = await verified();
    const cookie = await signIn(sys, 'fmpp-salem');
    const html = (await getPage(sys, `/calon/${c.id}`, cookie)).body.toString();
    expect(html).toMatch(/<select[^>]*name="school.level"[^>]*><option value="">— pilih —<\/option>/);
    const select = /<select[^>]*name="school.level"[^>]*>(.*?)<\/select>/s.exec(html)?.[1] ?? '';
    expect(select).toContain('PAKET_C');
    expect(select).not.toContain('selected');
  });
});

describe('money typed the Indonesian way', () => {
  it('records "Rp 1.500.000" as Rp 1,500,000, and says exactly what is wrong with "satu juta", keeping it', async () => {
    const c = await verified();
    const enrolled = await sys.request<Candidate>('POST', `/candidates/${c.id}/transitions`, {
      token: await sys.token('fmpp_volunteer', '33.29.01'),
      body: { to: 'ENROLLED', school: { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' } },
      headers: { 'if-match': `"${c.version}"` },
    });
    expect(enrolled.status).toBe(200);
    const cookie = await signIn(sys, 'bappeda');
    const csrf = await csrfOf(sys, cookie);
    const payment = {
      csrf,
      version: String(enrolled.body.version),
      source: 'APBDES',
      paidAt: today,
      reference: 'SP2D/0001',
    };
    const wrong = await postForm(sys, `/calon/${c.id}/pembayaran`, cookie, {
      ...payment,
      amount: 'satu juta',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.toString()).toContain('Tulis jumlah rupiah dengan angka');
    expect(wrong.body.toString()).toContain('value="satu juta"');
    expect(wrong.body.toString()).not.toContain('Paling kecil');
    const sen = await postForm(sys, `/calon/${c.id}/pembayaran`, cookie, {
      ...payment,
      amount: '1.000.000,50',
    });
    expect(sen.body.toString()).toContain('rupiah utuh, tanpa sen');
    const ok = await postForm(sys, `/calon/${c.id}/pembayaran`, cookie, {
      ...payment,
      amount: 'Rp 1.500.000',
    });
    expect(ok.status).toBe(303);
    const record = await sys.request<{ funding: { apbdes: { disbursed: number } } }>(
      'GET',
      `/candidates/${c.id}`,
      {
        token: await sys.token('bappeda_staff'),
      },
    );
    expect(record.body.funding.apbdes.disbursed).toBe(1_500_000);
  });

  it('reads settings typed with thousands dots and keeps what was typed when one is wrong', async () => {
    const cookie = await signIn(sys, 'bappeda');
    const csrf = await csrfOf(sys, cookie);
    const wrong = await postForm(sys, `/program?year=${YEAR}`, cookie, {
      csrf,
      apbdCeiling: 'Rp 600.000.000',
      apbdesPerPerson: '1,5 juta',
      apbdPlaces: '1.000',
    });
    expect(wrong.status).toBe(400);
    const html = wrong.body.toString();
    expect(html).toContain('value="1,5 juta"');
    expect(html).toContain('value="Rp 600.000.000"');
    expect(html).toContain('Tulis jumlah rupiah dengan angka');
    const ok = await postForm(sys, `/program?year=${YEAR}`, cookie, {
      csrf,
      apbdCeiling: 'Rp 600.000.000',
      apbdesPerPerson: '1.500.000,00',
      apbdPlaces: '1.000',
    });
    expect(ok.status).toBe(200);
    const program = await sys.request<{ apbdCeiling: number; apbdPlaces: number; apbdesPerPerson: number }>(
      'GET',
      `/programs/${YEAR}`,
      { token: await sys.token('bappeda_staff') },
    );
    expect(program.body).toMatchObject({
      apbdCeiling: 600_000_000,
      apbdPlaces: 1000,
      apbdesPerPerson: 1_500_000,
    });
  });
});
