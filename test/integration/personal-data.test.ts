import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, tableName } from '../../shared/db/client.js';
import { anonymiseExpiredYears } from '../../shared/services/personal-data.js';
import { DISTRICT, registration, VILLAGE } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { getPage, signIn } from '../support/web.js';

/**
 * UU PDP: the record of full NIK/KK views, subject access (export), anonymisation on request
 * and by retention period.
 */
type Candidate = {
  id: string;
  version: number;
  nik?: string;
  kk?: string;
  nikMasked: string | null;
  fullName: string;
  anonymisedAt: string | null;
  funding: { village: string; apbd: { amount: number } | null };
};
type AccessEntry = { at: string; actor: { id: string; role: string }; action: string; channel: string };
type Export = {
  exportedAt: string;
  candidate: Candidate;
  history: { from: string | null; to: string; note: string | null }[];
  disbursements: { source: string; amount: number; reference: string }[];
  processingRecord: AccessEntry[];
};

const YEAR = 2026;
const SCHOOL = { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' };
let sys: TestSystem;
let bappeda: string;
let official: string;
let volunteer: string;
let serial = 1;

beforeAll(async () => {
  sys = await startTestSystem();
  bappeda = await sys.token('bappeda_staff');
  official = await sys.token('village_official', VILLAGE);
  volunteer = await sys.token('fmpp_volunteer', DISTRICT);
  for (const year of [2020, YEAR]) {
    const res = await sys.request('PUT', `/programs/${year}`, { token: bappeda, body: { villageQuota: 2 } });
    expect(res.status).toBe(200);
  }
});

async function register(overrides: Record<string, unknown> = {}): Promise<Candidate> {
  const res = await sys.request<Candidate>('POST', '/candidates', {
    token: official,
    body: registration(serial++, overrides),
  });
  expect(res.status).toBe(201);
  return res.body;
}

const exportOf = async (id: string) =>
  sys.request<Export>('GET', `/candidates/${id}/export`, { token: bappeda });

async function move(c: { id: string; version: number }, to: string, extra: Record<string, unknown> = {}) {
  const res = await sys.request<Candidate>('POST', `/candidates/${c.id}/transitions`, {
    token: volunteer,
    body: { to, ...extra },
    headers: { 'if-match': `"${c.version}"` },
  });
  expect(res.status).toBe(200);
  return res.body;
}

/** Every item of the table as JSON text. */
async function tableText(): Promise<string> {
  const items: unknown[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return JSON.stringify(items, (_, v) => (v instanceof Set ? [...v] : v));
}

describe('record of full NIK/KK views', () => {
  it('records who saw the full numbers, when and where; masked views record nothing', async () => {
    const c = await register();
    await sys.request('GET', `/candidates/${c.id}`, { token: official });
    await sys.request('GET', `/candidates/${c.id}`, { token: volunteer }); // masked
    await sys.request('GET', `/candidates?village=${VILLAGE}`, { token: official }); // masked
    await sys.request('GET', `/candidates/${c.id}`, { token: bappeda });
    // The web page shows the official the full numbers too.
    const page = await getPage(sys, `/calon/${c.id}`, await signIn(sys, 'op-banjaran'));
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain(registration(serial - 1).nik);

    const exported = await exportOf(c.id);
    expect(exported.status).toBe(200);
    const record = exported.body.processingRecord.map((e) => [e.action, e.actor.role, e.channel]);
    expect(record).toEqual([
      ['VIEW', 'village_official', 'api'],
      ['VIEW', 'bappeda_staff', 'api'],
      ['VIEW', 'village_official', 'web'],
      ['EXPORT', 'bappeda_staff', 'api'],
    ]);
    const times = exported.body.processingRecord.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    expect(exported.body.processingRecord[2]?.actor.id).toBe('demo-op-banjaran');
  });

  it('shows the full numbers only on the record, not in write responses', async () => {
    const c = await register();
    expect(c.nik).toBeUndefined();
    expect(c.nikMasked).toMatch(/^\*{12}\d{4}$/);
    const got = await sys.request<Candidate>('GET', `/candidates/${c.id}`, { token: official });
    expect(got.body.nik).toBe(registration(serial - 1).nik);
  });

  it('is never kept by a browser or proxy: the record, the export and the lists are no-store', async () => {
    const c = await register();
    for (const [url, token] of [
      [`/candidates/${c.id}`, official],
      [`/candidates/${c.id}/export`, bappeda],
      [`/candidates?village=${VILLAGE}`, official],
      [`/candidates/${c.id}/history`, volunteer],
    ] as const) {
      const res = await sys.request('GET', url, { token });
      expect(res.status, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });
});

describe('subject access export', () => {
  it('holds the whole record, history, payments and processing record, and nobody else', async () => {
    // Two of a household: same KK, same village. Quota 2 is already used: both wait.
    const person = await register({ kk: '3329010101109999', phone: '081234567801' });
    const sibling = await register({
      kk: '3329010101109999',
      fullName: 'Rina Kartika',
      guardianName: 'Tarsih',
      phone: '081234567802',
    });
    const funded = await sys.request<Candidate>('POST', `/candidates/${person.id}/apbd-place`, {
      token: bappeda,
      headers: { 'if-match': `"${person.version}"` },
    });
    expect(funded.status).toBe(200);
    const verified = await move(funded.body, 'VERIFIED', { note: 'Dikunjungi di rumah' });
    const enrolled = await move(verified, 'ENROLLED', { school: SCHOOL });
    const paid = await sys.request('POST', `/candidates/${person.id}/disbursements`, {
      token: bappeda,
      body: { source: 'APBD', amount: 500_000, paidAt: '2026-09-01', reference: 'SP2D/001' },
      headers: { 'if-match': `"${enrolled.version}"` },
    });
    expect(paid.status).toBe(201);

    const res = await exportOf(person.id);
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.candidate).toMatchObject({
      id: person.id,
      nik: registration(serial - 2).nik,
      kk: '3329010101109999',
      phone: '+6281234567801',
      guardianName: 'Tarsih',
      status: 'ENROLLED',
    });
    expect(doc.history.map((h) => h.to)).toEqual(['IDENTIFIED', 'VERIFIED', 'ENROLLED']);
    expect(doc.history[1]?.note).toBe('Dikunjungi di rumah');
    expect(doc.disbursements).toEqual([
      expect.objectContaining({ source: 'APBD', amount: 500_000, reference: 'SP2D/001' }),
    ]);
    expect(doc.processingRecord.at(-1)).toMatchObject({ action: 'EXPORT', actor: { role: 'bappeda_staff' } });
    // Nothing about the sibling who shares the KK.
    const text = JSON.stringify(doc);
    expect(text).not.toContain(sibling.id);
    expect(text).not.toContain('Rina Kartika');
    expect(text).not.toContain(registration(serial - 1).nik);
    expect(text).not.toContain('081234567802');
    expect(text).not.toContain('6281234567802');
  });

  it('is for Bappeda only, and 404 for an unknown id', async () => {
    const c = await register();
    for (const token of [official, volunteer])
      expect((await sys.request('GET', `/candidates/${c.id}/export`, { token })).status).toBe(403);
    expect((await exportOf('01J0000000000000000000000X')).status).toBe(404);
  });
});

type Report = { totals: unknown; rows: unknown[] };
const snapshotOfCounts = async (year: number) => ({
  district: (await sys.request<Report>('GET', `/reports/budget?year=${year}&by=district`, { token: bappeda }))
    .body,
  village: (await sys.request<Report>('GET', `/reports/budget?year=${year}&by=village`, { token: bappeda }))
    .body,
  csv: (
    await sys.request('GET', `/reports/budget?year=${year}&by=village`, {
      token: bappeda,
      headers: { accept: 'text/csv' },
    })
  ).text,
  summary: (await sys.request('GET', `/villages/${VILLAGE}?year=${year}`, { token: bappeda })).body,
  quota: (await sys.request('GET', `/reports/quota?year=${year}`, { token: bappeda })).body,
});

describe('anonymisation', () => {
  it('removes the identifying data for good while reports, counts and money stay identical', async () => {
    const a = await register({
      fullName: 'Dewi Lestari',
      phone: '081234567811',
      guardianName: 'Warsini Rahayu',
    });
    const funded = await sys.request<Candidate>('POST', `/candidates/${a.id}/apbd-place`, {
      token: bappeda,
      headers: { 'if-match': `"${a.version}"` },
    });
    const verified = await move(funded.body, 'VERIFIED', { note: 'Ibu Warsini Rahayu di rumah' });
    const nik = registration(serial - 1).nik;
    const kk = registration(serial - 1).kk;
    const before = await snapshotOfCounts(YEAR);
    const beforeText = await tableText();
    const personal = [nik, kk, 'Dewi Lestari', 'Warsini Rahayu', '6281234567811'];
    for (const value of personal) expect(beforeText).toContain(value);

    const res = await sys.request<Candidate>('POST', `/candidates/${a.id}/anonymise`, {
      token: bappeda,
      body: { reason: 'Permintaan orang tua (UU PDP)' },
      headers: { 'if-match': `"${verified.version}"` },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ fullName: '', nikMasked: null, anonymisedAt: expect.any(String) });
    expect(res.body.funding).toEqual(funded.body.funding);

    expect(await snapshotOfCounts(YEAR)).toEqual(before);
    // Not findable by NIK, KK, name or phone anywhere in the table.
    const afterText = await tableText();
    for (const value of personal) expect(afterText).not.toContain(value);
    // The NIK guard still refuses the NIK this year.
    const again = await sys.request<{ error: { code: string } }>('POST', '/candidates', {
      token: official,
      body: registration(serial - 1),
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DUPLICATE_NIK');
    // The record says what happened; the workflow can go on; nothing can be corrected.
    const got = await sys.request<Candidate & { anonymisationReason: string }>('GET', `/candidates/${a.id}`, {
      token: official,
    });
    expect(got.body).toMatchObject({
      anonymisationReason: 'Permintaan orang tua (UU PDP)',
      status: 'VERIFIED',
    });
    expect(got.body.nik).toBeUndefined();
    const patch = await sys.request('PATCH', `/candidates/${a.id}`, {
      token: official,
      body: { fullName: 'Siti' },
      headers: { 'if-match': `"${got.body.version}"` },
    });
    expect(patch.status).toBe(409);
    await move(got.body, 'ENROLLED', { school: SCHOOL });
    const exported = await exportOf(a.id);
    expect(exported.body.history.every((h) => h.note === null)).toBe(true);
    expect(exported.body.processingRecord.map((e) => e.action)).toContain('ANONYMISE');
  });

  it('needs If-Match and a reason, is for Bappeda only, and happens once', async () => {
    const c = await register();
    const post = (token: string, body: unknown, ifMatch?: string) =>
      sys.request('POST', `/candidates/${c.id}/anonymise`, {
        token,
        body,
        headers: ifMatch ? { 'if-match': ifMatch } : {},
      });
    expect((await post(official, { reason: 'Permintaan' }, '"1"')).status).toBe(403);
    expect((await post(bappeda, { reason: 'Permintaan' })).status).toBe(428);
    expect((await post(bappeda, { reason: 'Permintaan' }, '"7"')).status).toBe(412);
    expect((await post(bappeda, { reason: ' x ' }, '"1"')).status).toBe(400);
    expect((await post(bappeda, { reason: 'Permintaan', status: 'WITHDRAWN' }, '"1"')).status).toBe(400);
    expect((await post(bappeda, { reason: 'Permintaan' }, '"1"')).status).toBe(200);
    expect((await post(bappeda, { reason: 'Permintaan' }, '"2"')).status).toBe(409);
  });
});

describe('in the web app', () => {
  it('lets Bappeda download the export and anonymise with a reason, both recorded as web', async () => {
    const c = await register();
    const cookie = await signIn(sys, 'bappeda');
    const get = (url: string) => getPage(sys, url, cookie);
    const html = (await get(`/calon/${c.id}`)).body.toString();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(html).toContain(`/calon/${c.id}/ekspor`);

    const download = await get(`/calon/${c.id}/ekspor`);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    expect((JSON.parse(download.body.toString()) as Export).candidate.nik).toBe(registration(serial - 1).nik);

    const post = (reason: string, confirmed = '1') =>
      sys.gateway.handle({
        method: 'POST',
        url: `/calon/${c.id}/anonimkan`,
        headers: {
          host: 'localhost',
          origin: 'http://localhost',
          cookie,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ csrf, version: '1', reason, confirmed }).toString(),
      });
    // First the consequence and the reason asked for, then a confirmation without a reason is refused.
    const asked = await post('', '');
    expect(asked.status).toBe(200);
    expect(asked.body.toString()).toContain('tidak bisa dibatalkan');
    const refused = await post('');
    expect(refused.status).toBe(400);
    expect(refused.body.toString()).toContain('Tulis alasannya');
    const done = await post('Permintaan orang tua');
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/calon/${c.id}?selesai=anonim`);
    const page = (await get(`/calon/${c.id}`)).body.toString();
    expect(page).toContain('dianonimkan');
    expect(page).not.toContain(registration(serial - 1).nik);
    const record = (await exportOf(c.id)).body.processingRecord.map((e) => `${e.action}/${e.channel}`);
    // The page was shown with the full NIK once; the confirmation step shows no identity number.
    expect(record).toEqual(['VIEW/web', 'EXPORT/web', 'ANONYMISE/web', 'EXPORT/api']);
  });
});

describe('retention', () => {
  it('anonymises every candidate of a year whose retention period has ended, once', async () => {
    const old = [await register({ year: 2020 }), await register({ year: 2020 })];
    const current = await register();
    const before = await snapshotOfCounts(2020);
    // In 2026 the 2020 programme is past its 5 years; 2026 itself is not.
    const run = await anonymiseExpiredYears(new Date('2026-12-01T00:00:00Z'));
    expect(run.years).toEqual([2020]);
    expect(run.anonymised).toBe(2);
    for (const c of old) {
      const got = await sys.request<Candidate>('GET', `/candidates/${c.id}`, { token: bappeda });
      expect(got.body.anonymisedAt).not.toBeNull();
    }
    const kept = await sys.request<Candidate>('GET', `/candidates/${current.id}`, { token: bappeda });
    expect(kept.body.anonymisedAt).toBeNull();
    expect(await snapshotOfCounts(2020)).toEqual(before);
    expect(await anonymiseExpiredYears(new Date('2026-12-02T00:00:00Z'))).toEqual({
      years: [2020],
      anonymised: 0,
    });
    // In 2025 the 2020 programme still had a year to go.
    expect((await anonymiseExpiredYears(new Date('2025-06-01T00:00:00Z'))).years).toEqual([]);
  });

  it('is a programme setting, 5 years by default, from 1 to 50', async () => {
    const get = await sys.request<{ retentionYears: number }>('GET', `/programs/${YEAR}`, { token: bappeda });
    expect(get.body.retentionYears).toBe(5);
    for (const retentionYears of [0, 51, 2.5, '5'])
      expect(
        (await sys.request('PUT', '/programs/2027', { token: bappeda, body: { retentionYears } })).status,
      ).toBe(400);
    const put = await sys.request<{ retentionYears: number }>('PUT', '/programs/2027', {
      token: bappeda,
      body: { retentionYears: 10 },
    });
    expect(put.body.retentionYears).toBe(10);
  });
});
