import { InternalServerError } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../shared/db/client.js';
import { registration } from '../support/candidates.js';
import { capturedLines } from '../support/log-privacy.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * Bappeda's cohort carry-over (`POST /programs/{year}/carry-over`), in a table of its own:
 * every IDENTIFIED or VERIFIED record of a year is the cohort.
 */

type Candidate = {
  id: string;
  year: number;
  status: string;
  version: number;
  funding: { village: string; waitlistPosition: number | null };
  carriedFrom: { id: string; year: number } | null;
  carriedTo: { id: string; year: number } | null;
};
type Row = { candidateId: string; status: 'CARRIED' | 'NOT_CARRIED'; newId: string | null; message: string };
type Report = { summary: { records: number; carried: number; notCarried: number }; rows: Row[] };

let sys: TestSystem;
let bappeda: string;
let serial = 500;
const X = '33.29.01.2001';
const Y = '33.29.01.2002';

beforeAll(async () => {
  sys = await startTestSystem();
  bappeda = await sys.token('bappeda_staff');
  for (const year of [2026, 2027, 2028]) {
    const res = await sys.request('PUT', `/programs/${year}`, { token: bappeda, body: { villageQuota: 2 } });
    expect(res.status).toBe(200);
  }
});

async function register(village: string, overrides: Record<string, unknown> = {}): Promise<Candidate> {
  const res = await sys.request<Candidate>('POST', '/candidates', {
    token: await sys.token('village_official', village),
    body: registration(serial++, { villageCode: village, year: 2026, ...overrides }),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const carryCohort = (year: number, fromYear: number, dryRun: boolean) =>
  sys.request<Report>('POST', `/programs/${year}/carry-over?dryRun=${dryRun}`, {
    token: bappeda,
    body: { fromYear },
  });

const get = async (id: string) =>
  (await sys.request<Candidate>('GET', `/candidates/${id}`, { token: bappeda })).body;
/** A village's year: places held, people waiting, and records of every status. */
async function village(code: string, year: number) {
  const { body } = await sys.request<{
    funded: number;
    waitlisted: number;
    byStatus: Record<string, number>;
  }>('GET', `/villages/${code}?year=${year}`, { token: bappeda });
  const registered = Object.values(body.byStatus).reduce((a, b) => a + b, 0);
  return { funded: body.funded, waitlisted: body.waitlisted, registered };
}

describe('cohort carry-over', () => {
  let cohort: Candidate[];
  let tooOld: Candidate;
  let enrolled: Candidate;

  it('reports in a dry run what it would do, in registration order, writing nothing', async () => {
    // Village X: two places held, three waiting (one too old for ATS in 2027); village Y: one
    // learner at school (not carried) and one verified.
    const x = [await register(X), await register(X), await register(X)];
    tooOld = await register(X, { nik: `3329014103080${String(serial).slice(-3)}`, birthDate: '2008-03-01' });
    x.push(await register(X));
    const y1 = await register(Y);
    const volunteer = await sys.token('fmpp_volunteer', '33.29.01');
    const verified = await sys.request<Candidate>('POST', `/candidates/${y1.id}/transitions`, {
      token: volunteer,
      body: { to: 'VERIFIED' },
      headers: { 'if-match': `"${y1.version}"` },
    });
    const e = await register(Y);
    const v = await sys.request<Candidate>('POST', `/candidates/${e.id}/transitions`, {
      token: volunteer,
      body: { to: 'VERIFIED' },
      headers: { 'if-match': `"${e.version}"` },
    });
    enrolled = (
      await sys.request<Candidate>('POST', `/candidates/${e.id}/transitions`, {
        token: volunteer,
        body: { to: 'ENROLLED', school: { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' } },
        headers: { 'if-match': `"${v.body.version}"` },
      })
    ).body;
    expect(enrolled.status).toBe('ENROLLED');
    cohort = [...x.slice(0, 3), tooOld, ...x.slice(3), verified.body];

    const dry = await carryCohort(2027, 2026, true);
    expect(dry.status).toBe(200);
    expect(dry.body.rows.map((r) => r.candidateId)).toEqual(cohort.map((c) => c.id));
    expect(dry.body.summary).toEqual({ records: 6, carried: 5, notCarried: 1 });
    const byId = new Map(dry.body.rows.map((r) => [r.candidateId, r]));
    expect(byId.get(tooOld.id)).toMatchObject({ status: 'NOT_CARRIED', newId: null });
    expect(byId.get(tooOld.id)?.message).toContain('2027-07-01');
    expect(dry.body.rows.filter((r) => r.status === 'CARRIED').every((r) => r.newId === null)).toBe(true);
    expect(dry.body.rows.map((r) => r.message)).toEqual([
      'Akan dibawa dan mendapat tempat desa.',
      'Akan dibawa dan mendapat tempat desa.',
      'Akan dibawa dan masuk daftar tunggu desa (urutan 1).',
      expect.stringContaining('Umur 19'),
      'Akan dibawa dan masuk daftar tunggu desa (urutan 2).',
      'Akan dibawa dan mendapat tempat desa.',
    ]);
    for (const c of cohort) expect(await get(c.id)).toMatchObject({ status: c.status, version: c.version });
    expect((await village(X, 2027)).registered).toBe(0);
  });

  it('carries the same rows, those who waited longest into the places first, and carries nothing new the second time', async () => {
    const dry = await carryCohort(2027, 2026, true);
    const run = await carryCohort(2027, 2026, false);
    expect(run.status).toBe(200);
    expect(run.body.rows.map((r) => [r.candidateId, r.status])).toEqual(
      dry.body.rows.map((r) => [r.candidateId, r.status]),
    );
    expect(run.body.summary).toEqual({ records: 6, carried: 5, notCarried: 1 });
    const carried = run.body.rows.filter((r) => r.status === 'CARRIED');
    const news = await Promise.all(carried.map(async (r) => ({ row: r, now: await get(r.newId ?? '') })));
    // In village X, the first two registered in 2026 hold 2027's places; the others wait in their order.
    const x = news.filter((n) => cohort.slice(0, 5).some((c) => c.id === n.row.candidateId));
    expect(x.map((n) => [n.now.funding.village, n.now.funding.waitlistPosition])).toEqual([
      ['FUNDED', null],
      ['FUNDED', null],
      ['WAITLISTED', 1],
      ['WAITLISTED', 2],
    ]);
    for (const { row, now } of news) {
      expect(now).toMatchObject({
        year: 2027,
        status: 'IDENTIFIED',
        carriedFrom: { id: row.candidateId, year: 2026 },
      });
      expect(await get(row.candidateId)).toMatchObject({
        status: 'WITHDRAWN',
        carriedTo: { id: now.id, year: 2027 },
      });
    }
    expect(await get(tooOld.id)).toMatchObject({ status: 'IDENTIFIED', carriedTo: null });
    expect(await get(enrolled.id)).toMatchObject({ status: 'ENROLLED', version: enrolled.version });
    expect(await village(X, 2027)).toMatchObject({ registered: 4, funded: 2, waitlisted: 2 });
    // Each carried place went to the head of 2026's waitlist: in the end, the one not carried.
    expect(await village(X, 2026)).toMatchObject({ registered: 5, funded: 1, waitlisted: 0 });

    const again = await carryCohort(2027, 2026, false);
    expect(again.body.summary).toEqual({ records: 1, carried: 0, notCarried: 1 });
    expect(again.body.rows[0]?.candidateId).toBe(tooOld.id);
    expect((await village(X, 2027)).registered).toBe(4);
  });

  it('leaves every record carried or untouched when the database fails half way, and says so', async () => {
    // 2027's five records (carried from 2026) into 2028; the third transaction fails.
    const before = await Promise.all(
      (await carryCohort(2028, 2027, true)).body.rows.map((r) => get(r.candidateId)),
    );
    expect(before).toHaveLength(5);
    // Every command goes to DynamoDB Local as usual, but the third transaction fails.
    const realSend = DynamoDBDocumentClient.prototype.send as (command: unknown) => Promise<unknown>;
    const dynamo = mockClient(DynamoDBDocumentClient);
    for (const Command of [GetCommand, BatchGetCommand, QueryCommand, PutCommand, UpdateCommand]) {
      const Make = Command as unknown as new (input: unknown) => unknown;
      dynamo.on(Command as never).callsFake((input: unknown) => realSend.call(db(), new Make(input)));
    }
    let transactions = 0;
    dynamo.on(TransactWriteCommand).callsFake((input) => {
      transactions += 1;
      if (transactions === 3) throw new InternalServerError({ message: 'down', $metadata: {} });
      return realSend.call(db(), new TransactWriteCommand(input));
    });
    const logsFrom = capturedLines().length;
    let run: Awaited<ReturnType<typeof carryCohort>>;
    try {
      run = await carryCohort(2028, 2027, false);
    } finally {
      dynamo.restore();
    }
    expect(run.status).toBe(200);
    const { rows, summary } = run.body;
    expect(summary.records).toBe(5);
    expect(summary.carried).toBeGreaterThanOrEqual(1);
    expect(summary.carried).toBeLessThan(5);
    expect(rows.filter((r) => r.message.includes('gangguan sistem'))).toHaveLength(1);
    const failed = rows.find((r) => r.message.includes('gangguan sistem'));
    const logged = capturedLines()
      .slice(logsFrom)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: 'WARN',
        message: 'cohort carry-over stopped',
        code: 'RETRY_LATER',
        candidateId: failed?.candidateId,
      }),
    );
    for (const [i, row] of rows.entries()) {
      const now = await get(row.candidateId);
      if (row.status === 'CARRIED') {
        expect(now).toMatchObject({ status: 'WITHDRAWN', carriedTo: { id: row.newId, year: 2028 } });
        expect(await get(row.newId ?? '')).toMatchObject({
          year: 2028,
          carriedFrom: { id: row.candidateId, year: 2027 },
        });
      } else {
        // Untouched by the carry-over (a place given to it when one ahead left is the usual promotion).
        expect(now).toMatchObject({ status: before[i]?.status, carriedTo: null, year: 2027 });
      }
    }
    const carriedCount = rows.filter((r) => r.status === 'CARRIED').length;
    const [x, y] = [await village(X, 2028), await village(Y, 2028)];
    expect(x.registered + y.registered).toBe(carriedCount);

    // Run again: the rest is carried, each record once.
    const rest = await carryCohort(2028, 2027, false);
    expect(rest.body.summary.carried).toBe(5 - carriedCount);
    const [x2, y2] = [await village(X, 2028), await village(Y, 2028)];
    expect(x2.registered + y2.registered).toBe(5);
  });

  it('answers 400 for a year that does not come before, 409 for a year not configured, 403 for anyone but Bappeda', async () => {
    const same = await carryCohort(2027, 2027, true);
    expect(same.status).toBe(400);
    expect(JSON.stringify(same.body)).toContain('fromYear');
    const unconfigured = await carryCohort(2029, 2028, true);
    expect(unconfigured.status).toBe(409);
    const official = await sys.request('POST', '/programs/2027/carry-over?dryRun=true', {
      token: await sys.token('village_official', X),
      body: { fromYear: 2026 },
    });
    expect(official.status).toBe(403);
    const unknown = await sys.request('POST', '/programs/2027/carry-over?dryRun=maybe', {
      token: bappeda,
      body: { fromYear: 2026 },
    });
    expect(unknown.status).toBe(400);
  });
});
