import { beforeAll, describe, expect, it } from 'vitest';
import { registration } from '../support/candidates.js';
import { surveyCsv, surveyRow } from '../support/survey-list.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * Recipient lists equal a recount of the records with money committed, and the audit lists
 * every kind of action with who and when, and no personal value.
 */
type Candidate = { id: string; version: number; status: string; funding: { village: string } };
type Recipient = {
  candidateId: string;
  nikMasked: string;
  committed: number;
  disbursed: number;
  district: string;
};
type List = { rows: Recipient[]; totals: { people: number; committed: number; disbursed: number } };
type Audit = {
  items: { at: string; actor: { id: string }; action: string; target: string; details: object }[];
};

let sys: TestSystem;
let bappeda: string;
const YEAR = Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4));
const VILLAGE = '33.29.04.2001';
const DISTRICT = '33.29.04';
const SCHOOL = { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' };
let serial = 9100;
const niks: string[] = [];

beforeAll(async () => {
  sys = await startTestSystem();
  bappeda = await sys.token('bappeda_staff');
  expect(
    (await sys.request('PUT', `/programs/${YEAR}`, { token: bappeda, body: { villageQuota: 1 } })).status,
  ).toBe(200);
});

async function register(fullName: string, village = VILLAGE): Promise<Candidate> {
  const s = serial++;
  const body = registration(s, { year: YEAR, villageCode: village, fullName, birthDate: '2012-05-05' });
  niks.push(body.nik);
  const res = await sys.request<Candidate>('POST', '/candidates', {
    token: await sys.token('village_official', village),
    body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
const act = async (c: { id: string; version: number }, path: string, body: unknown, token = bappeda) => {
  const res = await sys.request<Candidate & { id: string }>('POST', `/candidates/${c.id}${path}`, {
    token,
    body,
    headers: { 'if-match': `"${c.version}"` },
  });
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return { ...res.body, version: Number(res.headers.etag?.replaceAll('"', '')) };
};
async function enrol(c: Candidate, village = VILLAGE): Promise<Candidate> {
  const volunteer = await sys.token('fmpp_volunteer', village.slice(0, 8));
  const verified = await act(c, '/transitions', { to: 'VERIFIED' }, volunteer);
  return act(verified, '/transitions', { to: 'ENROLLED', school: SCHOOL }, volunteer);
}
const list = async (source: string, format = '') =>
  sys.request<List>('GET', `/reports/recipients?year=${YEAR}&source=${source}${format}`, { token: bappeda });

describe('recipient lists and the audit', () => {
  it('lists each person with money committed once per source, equal to a recount and the budget report', async () => {
    const holder = await enrol(await register('-Rina Formula'));
    const waiting = await register('Sari Apbd Penerima');
    const placed = await enrol(await act(waiting, '/apbd-place', {}));
    const other = await enrol(await register('Lain Desa Penerima', '33.29.05.2001'), '33.29.05.2001');
    await register('Belum Sekolah'); // waitlisted, nothing committed
    const paid = await act(holder, '/disbursements', {
      source: 'APBDES',
      amount: 700_000,
      paidAt: `${YEAR}-11-01`,
      reference: 'SP2D/R1',
    });
    const wrong = await act({ id: placed.id, version: placed.version }, '/disbursements', {
      source: 'APBD',
      amount: 99_000,
      paidAt: `${YEAR}-11-02`,
      reference: 'SP2D/R2',
    });
    await act({ id: placed.id, version: placed.version + 1 }, `/disbursements/${wrong.id}/void`, {
      reason: 'Jumlah salah',
    });
    void paid;

    const apbdes = (await list('APBDES')).body;
    expect(apbdes.rows.map((r) => r.candidateId).sort()).toEqual([holder.id, other.id].sort());
    expect(apbdes.rows.find((r) => r.candidateId === holder.id)).toMatchObject({
      committed: 1_500_000,
      disbursed: 700_000,
      nikMasked: `************${niks[0]?.slice(-4)}`,
    });
    // Sorted by kecamatan, then village.
    expect(apbdes.rows.map((r) => r.district)).toEqual([...apbdes.rows.map((r) => r.district)].sort());
    const apbd = (await list('APBD')).body;
    expect(apbd.rows.map((r) => r.candidateId)).toEqual([placed.id]);
    expect(apbd.rows[0]?.disbursed).toBe(0);
    // The totals equal the budget report's committed and disbursed money for the year.
    const budget = (
      await sys.request<{
        totals: { apbdes: { committed: number; disbursed: number }; apbd: { committed: number } };
      }>('GET', `/reports/budget?year=${YEAR}`, { token: bappeda })
    ).body.totals;
    expect(apbdes.totals).toMatchObject({
      people: 2,
      committed: budget.apbdes.committed,
      disbursed: budget.apbdes.disbursed,
    });
    expect(apbd.totals.committed).toBe(budget.apbd.committed);

    const csv = await list('APBDES', '&format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const text = String(csv.body);
    expect(text).toContain('Formula');
    expect(text).not.toMatch(/;-Rina/); // a cell starting with - is neutralised
    for (const nik of niks) expect(text).not.toContain(nik);
    const xlsx = await list('APBD', '&format=xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(
      (
        await sys.request('GET', `/reports/recipients?year=${YEAR}`, {
          token: await sys.token('fmpp_volunteer', DISTRICT),
        })
      ).status,
    ).toBe(403);
    expect(
      (await sys.request('GET', `/reports/recipients?year=${YEAR}&source=BOS`, { token: bappeda })).status,
    ).toBe(400);
  });

  it('lists every kind of action with who and when, newest first and paged, and nothing personal', async () => {
    // A settings change, a duplicate decision, a survey list and an account, besides the money above.
    expect(
      (await sys.request('PUT', `/programs/${YEAR}`, { token: bappeda, body: { villageQuota: 2 } })).status,
    ).toBe(200);
    await register('Kembar Audit Satu', '33.29.04.2002');
    const twin = await register('Kembar Audit Satu', '33.29.04.2002');
    await act(twin, '/duplicate-review', { decision: 'DIFFERENT_PERSON', note: 'Kembar' });
    const survey = await sys.gateway.handle({
      method: 'POST',
      url: `/imports?year=${YEAR}`,
      headers: {
        authorization: `Bearer ${await sys.token('village_official', '33.29.04.2003')}`,
        'content-type': 'text/csv',
      },
      body: surveyCsv([surveyRow(serial++), surveyRow(serial++)]),
    });
    expect(survey.status).toBe(200);
    const account = await sys.request('POST', '/users', {
      token: bappeda,
      body: {
        username: 'op-audit',
        email: 'op.audit@contoh.brebeskab.go.id',
        role: 'village_official',
        villageCode: VILLAGE,
      },
    });
    expect(account.status).toBe(201);
    const moved = await sys.request('PATCH', '/users/op-audit', {
      token: bappeda,
      body: { villageCode: '33.29.04.2002' },
    });
    expect(moved.status).toBe(200);
    // A payment sheet of one row for an enrolled learner of a village of its own.
    const learner = await enrol(await register('Lembar Audit Penerima', '33.29.04.2004'), '33.29.04.2004');
    const sheet = await sys.gateway.handle({
      method: 'POST',
      url: `/disbursements/imports?year=${YEAR}`,
      headers: { authorization: `Bearer ${bappeda}`, 'content-type': 'text/csv' },
      body: `ID Calon,Sumber,Jumlah,Tanggal Bayar,Referensi\n${learner.id},APBDES,1000,${YEAR}-11-03,SP2D/S1\n`,
    });
    expect(sheet.status).toBe(200);

    const seen: Audit['items'] = [];
    let cursor = '';
    for (let page = 0; page < 40; page++) {
      const res = await sys.request<Audit & { nextCursor: string | null }>(
        'GET',
        `/audit?year=${YEAR}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        { token: bappeda },
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      if (!res.body.nextCursor) break;
      cursor = res.body.nextCursor;
    }
    expect(new Set(seen.map((e) => e.action))).toEqual(
      new Set([
        'SETTINGS_CHANGED',
        'APBD_PLACE_ASSIGNED',
        'PAYMENT_RECORDED',
        'PAYMENT_VOIDED',
        'DUPLICATE_DECIDED',
        'SURVEY_IMPORTED',
        'PAYMENT_SHEET_IMPORTED',
        'ACCOUNT_CREATED',
        'ACCOUNT_CHANGED',
      ]),
    );
    expect(seen.map((e) => e.at)).toEqual([...seen.map((e) => e.at)].sort().reverse());
    expect(seen.every((e) => e.actor.id && e.at)).toBe(true);
    expect(
      seen.find((e) => e.action === 'SETTINGS_CHANGED' && 'villageQuota' in e.details)?.details,
    ).toMatchObject({
      villageQuota: '1 → 2',
    });
    const text = JSON.stringify(seen);
    for (const nik of niks) expect(text).not.toContain(nik);
    expect(text).not.toMatch(/Rina|Kembar|op\.audit@/);
    expect(
      (
        await sys.request('GET', `/audit?year=${YEAR}`, {
          token: await sys.token('village_official', VILLAGE),
        })
      ).status,
    ).toBe(403);
    expect((await sys.request('GET', `/audit?year=${YEAR}&cursor=bm9wZQ`, { token: bappeda })).status).toBe(
      400,
    );
  });
});
