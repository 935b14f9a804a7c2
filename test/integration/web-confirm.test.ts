import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { setToday } from '../../shared/clock.js';
import { registration, VILLAGE } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { csrfOf, getPage, postForm, registrationForm, signIn } from '../support/web.js';

/**
 * The pages ask before what cannot be undone, say what happened afterwards, and show every
 * problem of a form at once, keeping what was typed.
 */
let sys: TestSystem;
const YEAR = new Date(Date.now() + 7 * 3600_000).getUTCFullYear() + 1;
let serial = 500;
let bappeda: string;

type Candidate = { id: string; version: number; status: string; funding: { village: string } };

beforeAll(async () => {
  sys = await startTestSystem();
  bappeda = await sys.token('bappeda_staff');
  // One village place a village: the second person registered waits.
  const year = await sys.request('PUT', `/programs/${YEAR}`, { token: bappeda, body: { villageQuota: 1 } });
  expect(year.status).toBe(200);
});

async function registered(fullName: string, villageCode = VILLAGE): Promise<Candidate> {
  const res = await sys.request<Candidate>('POST', '/candidates', {
    token: await sys.token('village_official', villageCode),
    body: registration(serial++, { year: YEAR, fullName, villageCode }),
  });
  expect(res.status).toBe(201);
  return res.body;
}

const current = async (id: string) =>
  (await sys.request<Candidate>('GET', `/candidates/${id}`, { token: bappeda })).body;

describe('withdrawing on the web', () => {
  it('says who takes the place, asks for the reason, then says what happened', async () => {
    const holder = await registered('Wulan Sari');
    const waiting = await registered('Engkos Kosasih');
    expect(waiting.funding.village).toBe('WAITLISTED');
    const cookie = await signIn(sys, 'op-banjaran');
    const csrf = await csrfOf(sys, cookie);
    const post = (extra: Record<string, string>) =>
      postForm(sys, `/calon/${holder.id}/status`, cookie, {
        csrf,
        version: String(holder.version),
        to: 'WITHDRAWN',
        ...extra,
      });

    const asked = await post({});
    expect(asked.status).toBe(200);
    const step = asked.body.toString();
    expect(step).toContain('Tempat desa akan diberikan kepada Engkos Kosasih, daftar tunggu no. 1.');
    expect(step).toContain('Langkah ini tidak bisa dibatalkan.');
    expect(step).toMatch(/<button type="submit" class="danger">Ya, mengundurkan diri/);
    expect(step).toContain(`href="/calon/${holder.id}"`);
    expect(await current(holder.id)).toMatchObject({ status: 'IDENTIFIED', version: holder.version });

    const noReason = await post({ confirmed: '1', note: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.toString()).toContain('Tulis alasannya; catatan ini masuk riwayat.');
    expect(await current(holder.id)).toMatchObject({ status: 'IDENTIFIED', version: holder.version });

    const done = await post({ confirmed: '1', note: 'Pindah ke Jakarta' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/calon/${holder.id}?selesai=status&naik=${waiting.id}`);
    const after = (await getPage(sys, done.headers.location ?? '', cookie)).body.toString();
    expect(after).toContain('Tersimpan: status sekarang «Mengundurkan diri».');
    expect(after).toContain('Tempat desanya sekarang milik Engkos Kosasih (dari daftar tunggu).');
    expect(after).toContain('(Pindah ke Jakarta)');
    expect((await current(waiting.id)).funding.village).toBe('FUNDED');
  });

  it('moves one tap forward without asking, and says so', async () => {
    const c = await registered('Rina Wati');
    const cookie = await signIn(sys, 'fmpp-salem');
    const csrf = await csrfOf(sys, cookie);
    const res = await postForm(sys, `/calon/${c.id}/status`, cookie, {
      csrf,
      version: String(c.version),
      to: 'VERIFIED',
    });
    expect(res.status).toBe(303);
    const page = (await getPage(sys, res.headers.location ?? '', cookie)).body.toString();
    expect(page).toContain('Tersimpan: status sekarang «Terverifikasi».');
  });
});

describe('voiding a payment on the web', () => {
  it('names the payment and the new total, asks why, then shows it struck through', async () => {
    const c = await registered('Siti Payung', '33.29.01.2005'); // a village of its own: it holds the place
    const volunteer = await sys.token('fmpp_volunteer', '33.29.01');
    let version = c.version;
    for (const [to, extra] of [
      ['VERIFIED', {}],
      ['ENROLLED', { school: { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' } }],
    ] as const) {
      const moved = await sys.request<Candidate>('POST', `/candidates/${c.id}/transitions`, {
        token: volunteer,
        body: { to, ...extra },
        headers: { 'if-match': `"${version}"` },
      });
      expect(moved.status).toBe(200);
      version = moved.body.version;
    }
    setToday(`${YEAR}-02-01`); // a payment of the cohort's year is dated in it, up to today
    onTestFinished(() => setToday(undefined));
    const paid = await sys.request<{ id: string }>('POST', `/candidates/${c.id}/disbursements`, {
      token: bappeda,
      body: { source: 'APBDES', amount: 1_500_000, paidAt: `${YEAR}-01-02`, reference: 'SP2D/77' },
      headers: { 'if-match': `"${version}"` },
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    const cookie = await signIn(sys, 'bappeda');
    const csrf = await csrfOf(sys, cookie);
    const page = (await getPage(sys, `/calon/${c.id}`, cookie)).body.toString();
    expect(page).toContain(`action="/calon/${c.id}/pembayaran/${paid.body.id}/batal"`);
    const post = (extra: Record<string, string>) =>
      postForm(sys, `/calon/${c.id}/pembayaran/${paid.body.id}/batal`, cookie, {
        csrf,
        version: String(version + 1),
        ...extra,
      });
    const step = (await post({})).body.toString();
    expect(step).toContain('Batalkan pembayaran Rp 1.500.000 (ref. SP2D/77)');
    expect(step).toContain('turun dari Rp 1.500.000 menjadi Rp 0.');
    expect((await post({ confirmed: '1', reason: '' })).status).toBe(400);
    const done = await post({ confirmed: '1', reason: 'Salah orang' });
    expect(done.status).toBe(303);
    const after = (await getPage(sys, done.headers.location ?? '', cookie)).body.toString();
    expect(after).toContain('Pembayaran dibatalkan. Sudah dibayar sekarang: APBDes Rp 0');
    expect(after).toMatch(/<s>.*SP2D\/77<\/s> · <strong>Dibatalkan/s);
    expect(after).toContain(': Salah orang');
    expect(after).not.toContain(`/pembayaran/${paid.body.id}/batal`);
  });
});

describe('the registration form', () => {
  it('shows five problems at once and keeps every value typed', async () => {
    const cookie = await signIn(sys, 'op-banjaran');
    const csrf = await csrfOf(sys, cookie);
    const res = await postForm(sys, '/calon/baru', cookie, {
      ...registrationForm(serial++),
      csrf,
      year: String(YEAR),
      nik: '332901450710001',
      kk: '33290101011000',
      fullName: '',
      reasonCode: '12',
      phone: '12',
    });
    expect(res.status).toBe(400);
    const html = res.body.toString();
    const summary = html.slice(
      html.indexOf('error-summary'),
      html.indexOf('</ul>', html.indexOf('error-summary')),
    );
    for (const field of ['nik', 'kk', 'fullName', 'reasonNote', 'phone'])
      expect(summary, field).toContain(`href="#f-${field}"`);
    expect(html).toContain('NIK harus 16 angka, yang diisi 15 angka.');
    expect(html).toContain('No KK harus 16 angka, yang diisi 14 angka.');
    expect(html).toContain('value="332901450710001"');
    expect(html).toContain('value="33290101011000"');
    expect(html).toContain('value="12"');
    expect(html).toMatch(/<option value="12" selected="">/);
  });

  it('takes a date of birth as people write it and names a day that does not exist', async () => {
    const cookie = await signIn(sys, 'op-banjaran');
    const csrf = await csrfOf(sys, cookie);
    const form = { ...registrationForm(serial++), csrf, year: String(YEAR) };
    const wrong = await postForm(sys, '/calon/baru', cookie, { ...form, birthDate: '31/02/2010' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.toString()).toContain('Tanggal 31 Februari 2010 tidak ada di kalender');
    const garbled = await postForm(sys, '/calon/baru', cookie, { ...form, birthDate: 'kemarin' });
    expect(garbled.body.toString()).toContain('Tulis tanggal lahir seperti 05-07-2010');
    const ok = await postForm(sys, '/calon/baru', cookie, { ...form, birthDate: '5 Juli 2010' });
    expect(ok.status).toBe(303);
    const id = /\/calon\/([^?]+)/.exec(ok.headers.location ?? '')?.[1] ?? '';
    expect(
      (await sys.request<{ birthDate: string }>('GET', `/candidates/${id}`, { token: bappeda })).body
        .birthDate,
    ).toBe('2010-07-05');
  });

  it('says before saving whether the person takes a place or waits, and at which number', async () => {
    const cookie = await signIn(sys, 'op-bentar');
    const empty = (await getPage(sys, `/calon/baru?year=${YEAR}`, cookie)).body.toString();
    expect(empty).toContain('Bentar 0/1 tempat terisi');
    expect(empty).toContain('orang ini akan mendapat tempat desa.');
    const official = await sys.token('village_official', '33.29.01.2002');
    for (const _ of [1, 2]) {
      const res = await sys.request('POST', '/candidates', {
        token: official,
        body: registration(serial++, { year: YEAR, villageCode: '33.29.01.2002' }),
      });
      expect(res.status).toBe(201);
    }
    const full = (await getPage(sys, `/calon/baru?year=${YEAR}`, cookie)).body.toString();
    expect(full).toContain('Bentar 1/1 tempat terisi');
    expect(full).toContain('orang ini akan masuk daftar tunggu no. 2.');
  });
});

describe('the candidate page', () => {
  it('lists corrections by field, payments, and look-alikes as links', async () => {
    const first = await registered('Udin Samsudin');
    const second = await registered('Udin Samsudin');
    const cookie = await signIn(sys, 'op-banjaran');
    const csrf = await csrfOf(sys, cookie);
    const page = (await getPage(sys, `/calon/${second.id}`, cookie)).body.toString();
    expect(page).toContain('Mungkin ganda');
    expect(page).toContain(`href="/calon/${first.id}"`);

    const corrected = await postForm(sys, `/calon/${first.id}/ubah`, cookie, {
      ...registrationForm(serial - 2, 'Udin Samsudin'),
      csrf,
      version: String(first.version),
      phone: '0812 3456 7890',
    });
    expect(corrected.status).toBe(303);
    expect(corrected.headers.location).toBe(`/calon/${first.id}?selesai=koreksi`);
    const after = (await getPage(sys, corrected.headers.location ?? '', cookie)).body.toString();
    expect(after).toContain(`data-saved="/calon/${first.id}/ubah"`);
    expect(after).toMatch(/Koreksi data: No HP<\/li>/);
    const history = await sys.request<{ corrected?: string[] }[]>('GET', `/candidates/${first.id}/history`, {
      token: bappeda,
    });
    expect(history.body.at(-1)?.corrected).toEqual(['phone']);

    // Enrolled, then paid: the page lists the payment and the banner says it.
    const volunteer = await sys.token('fmpp_volunteer', '33.29.01');
    let c = await registered('Asep Saepudin', '33.29.01.2003');
    for (const body of [
      { to: 'VERIFIED' },
      { to: 'ENROLLED', school: { npsn: '20325671', name: 'SMP 1 Salem', level: 'SMP' } },
    ]) {
      c = (
        await sys.request<Candidate>('POST', `/candidates/${c.id}/transitions`, {
          token: volunteer,
          body,
          headers: { 'if-match': `"${c.version}"` },
        })
      ).body;
    }
    const staff = await signIn(sys, 'bappeda');
    const staffCsrf = await csrfOf(sys, staff);
    // Paid in September of the programme year (a year ahead of the calendar's).
    setToday(`${YEAR}-09-15`);
    try {
      const paid = await postForm(sys, `/calon/${c.id}/pembayaran`, staff, {
        csrf: staffCsrf,
        version: String(c.version),
        source: 'APBDES',
        amount: '750.000',
        paidAt: `${YEAR}-09-01`,
        reference: 'SP2D/77',
      });
      expect(paid.status).toBe(303);
      const paidPage = (await getPage(sys, paid.headers.location ?? '', staff)).body.toString();
      expect(paidPage).toContain('Pembayaran tercatat. Sudah dibayar: APBDes Rp 750.000');
      expect(paidPage).toContain(`1 September ${YEAR} · <strong>Rp 750.000</strong> (APBDes) · ref. SP2D/77`);
    } finally {
      setToday(undefined);
    }
  });

  it('warns Bappeda before an APBD place for a possible duplicate', async () => {
    const first = await registered('Tarjo');
    const second = await registered('Tarjo');
    const staff = await signIn(sys, 'bappeda');
    const csrf = await csrfOf(sys, staff);
    const asked = await postForm(sys, `/calon/${second.id}/apbd`, staff, {
      csrf,
      version: String(second.version),
    });
    expect(asked.status).toBe(200);
    const step = asked.body.toString();
    expect(step).toContain('orang ini ditandai mungkin ganda');
    expect(step).toContain(`href="/calon/${first.id}"`);
    expect(step).toContain('Ia keluar dari daftar tunggu desa');
    expect((await current(second.id)).funding.village).toBe('WAITLISTED');
    const done = await postForm(sys, `/calon/${second.id}/apbd`, staff, {
      csrf,
      version: String(second.version),
      confirmed: '1',
    });
    expect(done.status).toBe(303);
    expect((await getPage(sys, done.headers.location ?? '', staff)).body.toString()).toContain(
      'Tempat APBD diberikan',
    );
  });
});

describe("Bappeda's settings", () => {
  it('says what a raised quota does before saving it', async () => {
    const staff = await signIn(sys, 'bappeda');
    const csrf = await csrfOf(sys, staff);
    // Each village's waiting people up to the free places of the raised quota.
    const villages = await sys.request<{ rows: { funded: number; waitlisted: number }[] }>(
      'GET',
      `/reports/budget?year=${YEAR}&by=village`,
      { token: bappeda },
    );
    const moving = villages.body.rows.reduce(
      (n, v) => n + Math.min(v.waitlisted, Math.max(0, 5 - v.funded)),
      0,
    );
    const villagesMoving = villages.body.rows.filter((v) => v.waitlisted > 0 && v.funded < 5).length;
    expect(moving).toBeGreaterThan(0);
    const asked = await postForm(sys, `/program?year=${YEAR}`, staff, { csrf, villageQuota: '5' });
    expect(asked.status).toBe(200);
    expect(asked.body.toString()).toContain(
      `Kuota per desa naik dari 1 menjadi 5: ${moving} orang dari daftar tunggu di ${villagesMoving} desa langsung mendapat tempat desa`,
    );
    const still = await sys.request<{ villageQuota: number }>('GET', `/programs/${YEAR}`, { token: bappeda });
    expect(still.body.villageQuota).toBe(1);
    const saved = await postForm(sys, `/program?year=${YEAR}`, staff, {
      csrf,
      villageQuota: '5',
      confirmed: '1',
    });
    expect(saved.status).toBe(200);
    expect(saved.body.toString()).toContain(`Pengaturan ${YEAR} disimpan.`);
    const after = await sys.request<{ villageQuota: number }>('GET', `/programs/${YEAR}`, { token: bappeda });
    expect(after.body.villageQuota).toBe(5);
  });
});

describe('the confirmation step itself', () => {
  it('is refused to whoever may not act, as the action would be', async () => {
    const c = await registered('Karsih');
    const asks = async (username: string, path: string, extra: Record<string, string> = {}) => {
      const cookie = await signIn(sys, username);
      const csrf = await csrfOf(sys, cookie);
      return (
        await postForm(sys, `/calon/${c.id}/${path}`, cookie, { csrf, version: String(c.version), ...extra })
      ).status;
    };
    expect(await asks('fmpp-salem', 'apbd')).toBe(403);
    expect(await asks('op-banjaran', 'anonimkan')).toBe(403);
    expect(await asks('fmpp-salem', 'bawa', { year: String(YEAR + 1) })).toBe(403);
    expect(await asks('bappeda', 'status', { to: 'WITHDRAWN' })).toBe(403);
    expect(await asks('op-bentar', 'status', { to: 'WITHDRAWN' })).toBe(404);
    expect(await asks('fmpp-salem', 'status', { to: 'COMPLETED' })).toBe(409);
    expect(await current(c.id)).toMatchObject({ status: 'IDENTIFIED', version: c.version });
  });
});
