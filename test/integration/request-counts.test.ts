import { beforeAll, describe, expect, it } from 'vitest';
import { setToday } from '../../shared/clock.js';
import { ROWS_PER_BATCH } from '../../shared/db/candidates.js';
import { districts } from '../../shared/domain/regions.js';
import { DISTRICT, OTHER_VILLAGE_SAME_DISTRICT, registration, VILLAGE } from '../support/candidates.js';
import { type Enrolled, enrolledLearner, paymentCsv } from '../support/payment-sheet.js';
import { countDynamoRequests } from '../support/request-counter.js';
import { surveyCsv, surveyRow } from '../support/survey-list.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * The DynamoDB requests each API operation makes, counted with SDK middleware on the shared
 * client and compared exactly: an extra round trip (or a saved one) fails here, so the
 * figures of docs/performance.md and the bench's budgets stay true. No timing is asserted.
 */
type Candidate = { id: string; version: number; status: string };

let sys: TestSystem;
let counter: ReturnType<typeof countDynamoRequests>;
let official: string;
let volunteer: string;
let bappeda: string;
let serial = 1;

beforeAll(async () => {
  sys = await startTestSystem();
  counter = countDynamoRequests();
  official = await sys.token('village_official', VILLAGE);
  volunteer = await sys.token('fmpp_volunteer', DISTRICT);
  bappeda = await sys.token('bappeda_staff');
  for (const year of [2026, 2027])
    expect(
      (await sys.request('PUT', `/programs/${year}`, { token: bappeda, body: { villageQuota: 2 } })).status,
    ).toBe(200);
});

/** Runs one request and answers its status and the requests it made, by command. */
async function counted(
  method: string,
  url: string,
  options: Parameters<TestSystem['request']>[2] = {},
): Promise<{ status: number; body: never; requests: Record<string, number> }> {
  counter.reset();
  const res = await sys.request(method, url, options);
  return { status: res.status, body: res.body as never, requests: counter.byCommand() };
}

async function register(): Promise<Candidate> {
  const res = await sys.request<Candidate>('POST', '/candidates', {
    token: official,
    body: registration(serial++),
  });
  expect(res.status).toBe(201);
  return res.body;
}

const ifMatch = (c: { version: number }) => ({ 'if-match': `"${c.version}"` });

describe('DynamoDB requests per operation', () => {
  it('carries a record over with three reads and one transaction, and changes a school with one of each', async () => {
    // In a village of its own, so that the places of the tests below stay as they are.
    const other = await sys.token('village_official', OTHER_VILLAGE_SAME_DISTRICT);
    const registerThere = async () =>
      (
        await sys.request<Candidate>('POST', '/candidates', {
          token: other,
          body: registration(serial++, { villageCode: OTHER_VILLAGE_SAME_DISTRICT }),
        })
      ).body;
    const c = await registerThere();
    // The record; the new year's programme, village, waitlist, look-alikes and person in one
    // request; the old year's waitlist (its place goes to the head); then the transaction.
    const carried = await counted('POST', `/candidates/${c.id}/carry-over`, {
      token: other,
      body: { year: 2027 },
      headers: ifMatch(c),
    });
    expect(carried.status).toBe(201);
    expect(carried.requests).toEqual({
      GetItemCommand: 1,
      BatchGetItemCommand: 2,
      TransactWriteItemsCommand: 1,
    });
    let moved = await registerThere();
    for (const [to, extra] of [
      ['VERIFIED', {}],
      ['ENROLLED', { school: { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' } }],
    ] as const) {
      moved = (
        await sys.request<Candidate>('POST', `/candidates/${moved.id}/transitions`, {
          token: volunteer,
          body: { to, ...extra },
          headers: ifMatch(moved),
        })
      ).body;
    }
    const school = await counted('POST', `/candidates/${moved.id}/school`, {
      token: volunteer,
      body: { school: { npsn: 'P9997333', name: 'PKBM Harapan Bangsa', level: 'PAKET_B' } },
      headers: ifMatch(moved),
    });
    expect(school.status).toBe(200);
    expect(school.requests).toEqual({ GetItemCommand: 1, TransactWriteItemsCommand: 1 });
  });

  it('records a visit with one read and one transaction; lists what is due and reports follow-up with Queries of what they show', async () => {
    // A village of its own: everyone holds a place (no waitlist to read for positions).
    const village = '33.29.01.2003';
    const token = await sys.token('village_official', village);
    const c = (
      await sys.request<Candidate>('POST', '/candidates', {
        token,
        body: registration(serial++, { villageCode: village }),
      })
    ).body;
    const visit = await counted('POST', `/candidates/${c.id}/visits`, {
      token: volunteer,
      body: { kind: 'HOME', outcome: 'NOT_MET' },
    });
    expect(visit.status).toBe(201);
    expect(visit.requests).toEqual({ GetItemCommand: 1, TransactWriteItemsCommand: 1 });
    const visits = await counted('GET', `/candidates/${c.id}/visits`, { token: volunteer });
    expect(visits.requests).toEqual({ GetItemCommand: 1, QueryCommand: 1 });

    setToday(new Date(Date.now() + 7 * 3_600_000 + 40 * 86_400_000).toISOString().slice(0, 10));
    try {
      // One range of the due index of the kecamatan, reading the records due only.
      const due = await counted('GET', `/candidates?due=overdue&village=${village}`, { token: volunteer });
      expect(due.status).toBe(200);
      expect((due.body as { items: Candidate[] }).items.map((x) => x.id)).toEqual([c.id]);
      expect(due.requests).toEqual({ QueryCommand: 1 });
      // Bappeda without a kecamatan: one range a kecamatan, side by side.
      const regency = await counted('GET', `/candidates?due=week&district=${DISTRICT}&village=${village}`, {
        token: bappeda,
      });
      expect(regency.requests).toEqual({ QueryCommand: 1 });
      const all = await counted('GET', '/candidates?due=overdue&year=2031', { token: bappeda });
      expect(all.status).toBe(200);
      expect(all.requests).toEqual({ QueryCommand: districts.length });
    } finally {
      setToday(undefined);
    }
    // The programme year, then the follow-up counters of the kecamatan's villages.
    const report = await counted('GET', '/reports/follow-up?year=2026', { token: volunteer });
    expect(report.status).toBe(200);
    expect(report.requests).toEqual({ GetItemCommand: 1, QueryCommand: 1 });
  });

  it('reports outcomes and the public figures with one Query of the year, whatever its people', async () => {
    const outcomes = await counted('GET', '/reports/outcomes?year=2026&by=village', { token: bappeda });
    expect(outcomes.status).toBe(200);
    expect(outcomes.requests).toEqual({ QueryCommand: 1 });
    const open = await counted('GET', '/public/outcomes?year=2026');
    expect(open.status).toBe(200);
    expect(open.requests).toEqual({ QueryCommand: 1 });
    // One row per cohort: a Query of the years, then one of each year.
    const byYear = await counted('GET', '/reports/outcomes?year=2026&by=year', { token: bappeda });
    expect(byYear.requests).toEqual({ QueryCommand: 1 + 2 });
  });

  it('registers with one read and one transaction', async () => {
    const res = await counted('POST', '/candidates', { token: official, body: registration(serial++) });
    expect(res.status).toBe(201);
    expect(res.requests).toEqual({ BatchGetItemCommand: 1, TransactWriteItemsCommand: 1 });
  });

  it('reads, lists, corrects and moves a candidate, and reads its history', async () => {
    const c = await register();
    const get = await counted('GET', `/candidates/${c.id}`, { token: volunteer });
    expect(get.status).toBe(200);
    // The record, and its look-alikes from the look-alike index (possibleDuplicateOf).
    expect(get.requests).toEqual({ GetItemCommand: 1, BatchGetItemCommand: 1 });
    // Showing the full NIK/KK appends to the processing record first: one write more.
    const full = await counted('GET', `/candidates/${c.id}`, { token: official });
    expect(full.status).toBe(200);
    expect(full.requests).toEqual({ GetItemCommand: 1, BatchGetItemCommand: 1, PutItemCommand: 1 });

    const list = await counted('GET', `/candidates?year=2026&village=${VILLAGE}&limit=50`, {
      token: official,
    });
    expect(list.status).toBe(200);
    expect(list.requests).toEqual({ QueryCommand: 1 });

    // The candidate, then its programme year (its age rules), then the transaction (with the
    // history entry naming the fields changed).
    const patch = await counted('PATCH', `/candidates/${c.id}`, {
      token: official,
      body: { fullName: 'Siti Aminah Rahayu' },
      headers: ifMatch(c),
    });
    expect(patch.status).toBe(200);
    expect(patch.requests).toEqual({ GetItemCommand: 2, TransactWriteItemsCommand: 1 });

    const verify = await counted('POST', `/candidates/${c.id}/transitions`, {
      token: volunteer,
      body: { to: 'VERIFIED' },
      headers: ifMatch(patch.body),
    });
    expect(verify.status).toBe(200);
    expect(verify.requests).toEqual({ GetItemCommand: 1, TransactWriteItemsCommand: 1 });

    // The candidate and its entries share a partition: one Query answers both.
    const history = await counted('GET', `/candidates/${c.id}/history`, { token: volunteer });
    expect(history.status).toBe(200);
    expect((history.body as unknown[]).length).toBe(3); // registration, the correction, VERIFIED
    expect(history.requests).toEqual({ QueryCommand: 1 });
  });

  it('exports a person with one query and one record, and anonymises with one transaction after reading the person', async () => {
    const c = await register();
    const exported = await counted('GET', `/candidates/${c.id}/export`, { token: bappeda });
    expect(exported.status).toBe(200);
    // The partition (record, history, payments, processing record), the export's entry, and
    // the village waitlist only for a waitlisted candidate's position.
    const position =
      (exported.body as { candidate: { funding: { village: string } } }).candidate.funding.village ===
      'WAITLISTED';
    expect(exported.requests).toEqual({
      QueryCommand: 1,
      PutItemCommand: 1,
      ...(position ? { BatchGetItemCommand: 1 } : {}),
    });
    const anonymised = await counted('POST', `/candidates/${c.id}/anonymise`, {
      token: bappeda,
      body: { reason: 'Permintaan orang tua' },
      headers: ifMatch(c),
    });
    expect(anonymised.status).toBe(200);
    // The partition, then the person item (the records across cohorts that may link to this one).
    expect(anonymised.requests).toEqual({
      QueryCommand: 1,
      GetItemCommand: 1,
      TransactWriteItemsCommand: 1,
      ...(position ? { BatchGetItemCommand: 1 } : {}),
    });
  });

  it('gives a released place to the head of the waitlist: the aggregate and waitlist, then the head, are read', async () => {
    const village = OTHER_VILLAGE_SAME_DISTRICT;
    const token = await sys.token('village_official', village);
    const inVillage = async () => {
      const res = await sys.request<Candidate & { funding: { village: string } }>('POST', '/candidates', {
        token,
        body: registration(serial++, { villageCode: village }),
      });
      expect(res.status).toBe(201);
      return res.body;
    };
    const funded = await inVillage();
    await inVillage();
    const waiting = await inVillage();
    expect([funded.funding.village, waiting.funding.village]).toEqual(['FUNDED', 'WAITLISTED']);

    // Leaving the waitlist: the candidate, then the aggregate and waitlist (with the programme).
    const unqueue = await counted('POST', `/candidates/${waiting.id}/transitions`, {
      token,
      body: { to: 'WITHDRAWN' },
      headers: ifMatch(waiting),
    });
    expect(unqueue.status).toBe(200);
    expect(unqueue.requests).toEqual({
      GetItemCommand: 1,
      BatchGetItemCommand: 1,
      TransactWriteItemsCommand: 1,
    });

    await inVillage();
    // Releasing a place: the candidate, the aggregate and waitlist, then the head it names.
    const promote = await counted('POST', `/candidates/${funded.id}/transitions`, {
      token,
      body: { to: 'WITHDRAWN' },
      headers: ifMatch(funded),
    });
    expect(promote.status).toBe(200);
    expect(promote.requests).toEqual({
      GetItemCommand: 2,
      BatchGetItemCommand: 1,
      TransactWriteItemsCommand: 1,
    });
  });

  it('assigns an APBD place and records a payment', async () => {
    let c = await register();
    const place = await counted('POST', `/candidates/${c.id}/apbd-place`, {
      token: bappeda,
      body: {},
      headers: ifMatch(c),
    });
    expect(place.status).toBe(200);
    expect(place.requests).toEqual({
      GetItemCommand: 1,
      BatchGetItemCommand: 1,
      TransactWriteItemsCommand: 1,
    });
    c = place.body;
    for (const [to, extra] of [
      ['VERIFIED', {}],
      ['ENROLLED', { school: { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' } }],
    ] as const) {
      const res = await sys.request<Candidate>('POST', `/candidates/${c.id}/transitions`, {
        token: volunteer,
        body: { to, ...extra },
        headers: ifMatch(c),
      });
      expect(res.status).toBe(200);
      c = res.body;
    }
    const paid = await counted('POST', `/candidates/${c.id}/disbursements`, {
      token: bappeda,
      body: { source: 'APBD', amount: 100, paidAt: '2026-08-01', reference: 'SP2D/001' },
      headers: ifMatch(c),
    });
    expect(paid.status).toBe(201);
    expect(paid.requests).toEqual({ GetItemCommand: 1, TransactWriteItemsCommand: 1 });
  });

  it('summarises a village, reports the budget and reads and changes the programme', async () => {
    const expected = {
      village: { BatchGetItemCommand: 1 },
      budgetDistrict: { QueryCommand: 1 },
      budgetVillage: { QueryCommand: 1 },
      quota: { QueryCommand: 1 },
      getProgram: { GetItemCommand: 1 },
      // The settings and their audit entry in one transaction.
      putProgram: { QueryCommand: 1, TransactWriteItemsCommand: 1 },
    };
    const measured: Record<string, Record<string, number>> = {};
    for (const [name, method, url, body] of [
      ['village', 'GET', `/villages/${VILLAGE}?year=2026`],
      ['budgetDistrict', 'GET', '/reports/budget?year=2026&by=district'],
      ['budgetVillage', 'GET', '/reports/budget?year=2026&by=village'],
      ['quota', 'GET', '/reports/quota?year=2026'],
      ['getProgram', 'GET', '/programs/2026'],
      ['putProgram', 'PUT', '/programs/2026', { villageQuota: 2 }],
    ] as const) {
      const res = await counted(method, url, { token: bappeda, ...(body ? { body } : {}) });
      expect(res.status, name).toBe(200);
      measured[name] = res.requests;
    }
    expect(measured).toEqual(expected);
  });

  it('imports 20 rows: the dry run reads, the commit writes ROWS_PER_BATCH rows a transaction; each charges its rows and is recorded', async () => {
    const options = {
      token: official,
      rawBody: surveyCsv(Array.from({ length: 20 }, (_, i) => surveyRow(5000 + i))),
      headers: { 'content-type': 'text/csv' },
    };
    const dry = await counted('POST', '/imports?year=2026&dryRun=true', options);
    expect(dry.status).toBe(200);
    // NIK guards, look-alikes and the people across cohorts (BatchGetItem each); the rows charged to
    // the account's hourly budget (UpdateItem) and the import recorded (PutItem).
    expect(dry.requests).toEqual({
      GetItemCommand: 1,
      BatchGetItemCommand: 3,
      UpdateItemCommand: 1,
      PutItemCommand: 1,
    });
    const commit = await counted('POST', '/imports?year=2026', options);
    expect(commit.status).toBe(200);
    expect((commit.body as { summary: { registered: number } }).summary.registered).toBe(20);
    // Each batch reads its village's places (BatchGetItem) and writes one transaction.
    const batches = Math.ceil(20 / ROWS_PER_BATCH);
    expect(batches).toBe(3);
    expect(commit.requests).toEqual({
      GetItemCommand: 1,
      BatchGetItemCommand: 3 + batches,
      TransactWriteItemsCommand: batches,
      UpdateItemCommand: 1,
      PutItemCommand: 2, // the import record and its audit entry
    });
  });

  it('checks a payment sheet with batched reads, and records each payment in one transaction', async () => {
    // Four learners with Rp 1,500,000 committed each, in two villages of their own.
    const learners: Enrolled[] = [];
    for (const village of ['33.29.05.2001', '33.29.05.2002'])
      for (let i = 0; i < 2; i++) learners.push(await enrolledLearner(sys, 2026, village, serial++));
    const sheet = (rows: number, amount: string) =>
      paymentCsv(
        Array.from({ length: rows }, (_, i) => {
          const l = learners[i % 4] ?? learners[0];
          return {
            // Half named by id, half by NIK.
            'ID Calon': i % 2 === 0 ? (l?.id ?? '') : '',
            NIK: i % 2 === 0 ? '' : (l?.nik ?? ''),
            Sumber: 'APBDES',
            Jumlah: amount,
            'Tanggal Bayar': '2026-08-01',
            Referensi: `SP2D/${rows}/${i}`,
          };
        }),
      );
    const options = (rawBody: string) => ({
      token: bappeda,
      rawBody,
      headers: { 'content-type': 'text/csv' },
    });
    // 20 rows: the programme; the NIK guards; the 4 candidates and 40 references in one batch; the
    // rows charged and the import recorded.
    const dry = await counted(
      'POST',
      '/disbursements/imports?year=2026&dryRun=true',
      options(sheet(20, '300000')),
    );
    expect(dry.status).toBe(200);
    expect(dry.requests).toEqual({
      GetItemCommand: 1,
      BatchGetItemCommand: 2,
      UpdateItemCommand: 1,
      PutItemCommand: 1,
    });
    // 60 rows: 4 candidates and 120 references take two batches of 100 keys.
    const larger = await counted(
      'POST',
      '/disbursements/imports?year=2026&dryRun=true',
      options(sheet(60, '100000')),
    );
    expect((larger.body as { summary: { ok: number } }).summary.ok).toBe(60);
    expect(larger.requests).toEqual({
      GetItemCommand: 1,
      BatchGetItemCommand: 3,
      UpdateItemCommand: 1,
      PutItemCommand: 1,
    });
    // The commit: the same reads, a transaction per payment, and the audit entry besides the record.
    const commit = await counted('POST', '/disbursements/imports?year=2026', options(sheet(20, '300000')));
    expect((commit.body as { summary: { recorded: number } }).summary.recorded).toBe(20);
    expect(commit.requests).toEqual({
      GetItemCommand: 1,
      BatchGetItemCommand: 2,
      TransactWriteItemsCommand: 20,
      UpdateItemCommand: 1,
      PutItemCommand: 2,
    });
  });
});
