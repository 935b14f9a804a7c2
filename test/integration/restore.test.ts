import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import {
  type AttributeValue,
  BatchWriteItemCommand,
  DynamoDBClient,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localClient } from '../../infra/local/dynamodb-local.js';
import { copyTable, countItems, writeAll } from '../../scripts/copy-table.js';
import { villages } from '../../shared/domain/regions.js';
import { OTHER_VILLAGE, registration, VILLAGE } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * The restore rehearsal of docs/operations/restore.md: a table filled through the real API is
 * copied by scripts/copy-table.ts into a new table, the handlers are pointed at the copy
 * (TABLE_NAME), and the API serves exactly what it served from the original, byte for byte;
 * the copy takes writes under the same invariants; `mirror` brings a diverged table back.
 */
const YEAR = 2026;
const run = promisify(execFile);
const TSX = 'node_modules/.bin/tsx';
const SCHOOL = { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' };

type Candidate = { id: string; version: number; villageCode: string; status: string };
interface Served {
  status: number;
  etag: string | undefined;
  contentType: string | undefined;
  text: string;
}

let sys: TestSystem;
let client: DynamoDBClient;
let bappeda: string;
let original: string;
const candidates: Candidate[] = [];

beforeAll(async () => {
  sys = await startTestSystem();
  original = sys.tableName;
  client = localClient(inject('dynamoEndpoint'));
  bappeda = await sys.token('bappeda_staff');
});

afterAll(() => {
  process.env.TABLE_NAME = original;
  client?.destroy();
});

const districtOf = (village: string) => villages.find((v) => v.code === village)?.districtCode ?? '';

async function register(serial: number, village: string, headers: Record<string, string> = {}) {
  const res = await sys.request<Candidate>('POST', '/candidates', {
    token: await sys.token('village_official', village),
    body: registration(serial, { villageCode: village }),
    headers,
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function act(c: Candidate, path: string, body: unknown, token: string): Promise<Candidate> {
  const res = await sys.request<Candidate>('POST', `/candidates/${c.id}${path}`, {
    token,
    body,
    headers: { 'if-match': `"${c.version}"` },
  });
  expect(res.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(300);
  return res.body;
}

const move = async (c: Candidate, to: string, extra: Record<string, unknown> = {}) =>
  act(c, '/transitions', { to, ...extra }, await sys.token('fmpp_volunteer', districtOf(c.villageCode)));

/** A programme year with two villages, waitlists, workflow moves, a withdrawal, an APBD place and a payment. */
async function populate(): Promise<void> {
  for (const year of [YEAR, YEAR + 1]) {
    const put = await sys.request('PUT', `/programs/${year}`, { token: bappeda, body: { villageQuota: 2 } });
    expect(put.status).toBe(200);
  }
  let serial = 1;
  for (const village of [VILLAGE, VILLAGE, VILLAGE, VILLAGE, OTHER_VILLAGE, OTHER_VILLAGE, OTHER_VILLAGE]) {
    const headers: Record<string, string> = serial === 1 ? { 'idempotency-key': 'restore-1' } : {};
    candidates.push(await register(serial++, village, headers));
  }
  const [first, second, , fourth, fifth] = candidates as [
    Candidate,
    Candidate,
    Candidate,
    Candidate,
    Candidate,
  ];
  // Enrolled (commits the village money), then paid in part.
  const enrolled = await move(await move(first, 'VERIFIED'), 'ENROLLED', { school: SCHOOL });
  await act(
    enrolled,
    '/disbursements',
    { source: 'APBDES', amount: 500_000, paidAt: `${YEAR}-08-01`, reference: 'SP2D/RESTORE/1' },
    bappeda,
  );
  // A place holder withdraws: the head of the waitlist (the third) is promoted.
  await move(second, 'WITHDRAWN', { note: 'pindah domisili' });
  // The fourth, still waitlisted, gets an APBD place; the fifth is verified.
  await act(fourth, '/apbd-place', {}, bappeda);
  await move(fifth, 'VERIFIED');
}

/** What the API serves for the whole year: every candidate, history, list, village, programme and report. */
async function served(): Promise<Record<string, Served>> {
  const urls = [
    '/programs',
    `/programs/${YEAR}`,
    '/candidates?limit=100',
    ...[VILLAGE, OTHER_VILLAGE].flatMap((v) => [
      `/villages/${v}?year=${YEAR}`,
      `/candidates?year=${YEAR}&village=${v}&limit=100`,
    ]),
    `/candidates?year=${YEAR}&limit=100`,
    `/candidates?year=${YEAR}&flag=possibleDuplicate`,
    `/reports/budget?year=${YEAR}&by=district`,
    `/reports/budget?year=${YEAR}&by=village`,
    `/reports/quota?year=${YEAR}`,
    ...candidates.flatMap((c) => [`/candidates/${c.id}`, `/candidates/${c.id}/history`]),
  ];
  const answers: Record<string, Served> = {};
  for (const url of urls) {
    const res = await sys.request('GET', url, { token: bappeda });
    answers[url] = {
      status: res.status,
      etag: res.headers.etag,
      contentType: res.headers['content-type'],
      text: res.text,
    };
  }
  return answers;
}

/** Every item of a table, in key order (compared, never printed). */
async function itemsOf(table: string) {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start as never }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const key = (i: (typeof items)[number]) => `${i.pk?.S}\u0000${i.sk?.S}`;
  return items.sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

describe('restore rehearsal', () => {
  let before: Record<string, Served>;
  const copy = `gkb-test-restored-${randomBytes(6).toString('hex')}`;

  it('the API serves a copy of the table exactly as it served the original', async () => {
    await populate();
    before = await served();
    expect(Object.values(before).every((a) => a.status === 200)).toBe(true);
    expect(Object.keys(before)).toHaveLength(12 + 2 * candidates.length);

    const result = await copyTable({ client, from: original, to: copy, segments: 3 });
    expect(result.created).toBe(true);
    expect(result.copied).toBeGreaterThan(candidates.length * 3); // candidates, history, guards, aggregates…
    expect(result).toMatchObject({ deleted: 0, sourceCount: result.copied, targetCount: result.copied });
    expect(await itemsOf(copy)).toEqual(await itemsOf(original));

    process.env.TABLE_NAME = copy;
    const after = await served();
    for (const url of Object.keys(before)) expect(after[url], url).toEqual(before[url]);
  });

  it('the copy takes writes under the same rules: the NIK guards and the waitlists came along', async () => {
    process.env.TABLE_NAME = copy;
    const again = await sys.request<{ error: { code: string } }>('POST', '/candidates', {
      token: await sys.token('village_official', VILLAGE),
      body: registration(1),
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DUPLICATE_NIK');
    // The person items came along: the enrolled one is followed where they are, the one who
    // withdrew registers again with their earlier record.
    const official = await sys.token('village_official', VILLAGE);
    const nextYear = await sys.request<{ error: { code: string } }>('POST', '/candidates', {
      token: official,
      body: registration(1, { year: YEAR + 1 }),
    });
    expect(nextYear.body.error.code).toBe('ALREADY_IN_PROGRAMME');
    const back = await sys.request<{ previous: { id: string }[] }>('POST', '/candidates', {
      token: official,
      body: registration(2, { year: YEAR + 1 }),
    });
    expect(back.status).toBe(201);
    expect(back.body.previous.map((p) => p.id)).toEqual([candidates[1]?.id]);
    const replayed = await sys.request('POST', '/candidates', {
      token: await sys.token('village_official', VILLAGE),
      body: registration(1),
      headers: { 'idempotency-key': 'restore-1' },
    });
    expect(replayed.status).toBe(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');

    const extra = await register(100, VILLAGE);
    const summary = await sys.request<{ waitlisted: number }>('GET', `/villages/${VILLAGE}?year=${YEAR}`, {
      token: bappeda,
    });
    expect(summary.body.waitlisted).toBe(1); // only the newcomer: the fourth left for APBD
    expect(extra.id).toBeTruthy();
    expect(await countItems(client, copy)).toBeGreaterThan(await countItems(client, original));
  });

  it('mirror brings a diverged target back to the source, extra items deleted', async () => {
    // Besides the newcomer of the test above (its candidate, history, guard, look-alike keys):
    await writeAll(client, copy, [{ PutRequest: { Item: { pk: { S: 'STRAY' }, sk: { S: 'STRAY' } } } }]);
    const result = await copyTable({ client, from: original, to: copy, mirror: true });
    expect(result.created).toBe(false);
    expect(result.deleted).toBeGreaterThan(1);
    expect(result.targetCount).toBe(result.sourceCount);
    expect(await itemsOf(copy)).toEqual(await itemsOf(original));
    process.env.TABLE_NAME = copy;
    const after = await served();
    for (const url of Object.keys(before)) expect(after[url], url).toEqual(before[url]);
  });

  it('the command line prints counts and table names, never an item', async () => {
    const target = `gkb-test-cli-${randomBytes(6).toString('hex')}`;
    const args = ['scripts/copy-table.ts', '--endpoint', inject('dynamoEndpoint')];
    const { stdout, stderr } = await run(TSX, [
      ...args,
      '--from',
      original,
      '--to',
      target,
      '--segments',
      '2',
    ]);
    const lines = stdout.trim().split('\n');
    expect(lines).toEqual([
      `created target table ${target}`,
      expect.stringMatching(new RegExp(`^copied \\d+ items from ${original} in [\\d.]+ s$`)),
      expect.stringMatching(/^items now: source (\d+), target \1$/),
    ]);
    expect(stderr).toBe('');
    // Nothing of what the items hold: names, NIKs (or their last digits), ids.
    expect(stdout).not.toMatch(/Siti|Aminah|Tarsih|3329|CANDIDATE|#/);
    for (const c of candidates) expect(stdout).not.toContain(c.id);

    const refused = await run(TSX, [...args, '--from', `${original}-missing`, '--to', target]).catch(
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('does not exist') });
  });

  it('refuses to copy a table onto itself or from a table that does not exist', async () => {
    await expect(copyTable({ client, from: original, to: original })).rejects.toThrow(/same table/);
    await expect(copyTable({ client, from: `${original}-missing`, to: copy })).rejects.toThrow(
      /does not exist/,
    );
  });
});

describe('unprocessed items', () => {
  // DynamoDB Local never leaves items unprocessed, so this one client is mocked.
  const mocked = new DynamoDBClient({ region: 'ap-southeast-3' });
  const dynamo = mockClient(mocked);
  afterAll(() => dynamo.restore());
  const put = (n: number) => ({ PutRequest: { Item: { pk: { S: `K${n}` }, sk: { S: 'S' } } } });

  it('are sent again until none is left', async () => {
    dynamo.reset();
    const first = Array.from({ length: 25 }, (_, i) => put(i));
    dynamo
      .on(BatchWriteItemCommand)
      .resolvesOnce({ UnprocessedItems: { t: first.slice(20) } })
      .resolvesOnce({ UnprocessedItems: { t: first.slice(23) } })
      .resolves({ UnprocessedItems: {} });
    await writeAll(mocked, 't', [...first, put(25)]);
    const sent = dynamo
      .commandCalls(BatchWriteItemCommand)
      .map((c) => c.args[0].input.RequestItems?.t?.length);
    expect(sent).toEqual([25, 5, 2, 1]);
  });

  it('make the copy fail, naming a count only, when they outlast the attempts', async () => {
    dynamo.reset();
    dynamo.on(BatchWriteItemCommand).callsFake((input) => ({ UnprocessedItems: input.RequestItems }));
    const error = await writeAll(mocked, 't', [put(1), put(2)], 3).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('2 items were still unprocessed after 3 attempts');
    expect(dynamo.commandCalls(BatchWriteItemCommand)).toHaveLength(3);
  });
});
