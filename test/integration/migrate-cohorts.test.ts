import { DeleteCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateCohorts } from '../../scripts/migrate-cohorts.js';
import { db } from '../../shared/db/client.js';
import { DISTRICT, registration, VILLAGE } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * scripts/migrate-cohorts.ts on a table as the first wave left it: programme years outside
 * the list of years, candidates outside the list of every cohort, no person items, and a
 * person open in two cohorts (which nothing refused then).
 */

type Candidate = { id: string; year: number; status: string; version: number; warnings: { code: string }[] };
type ErrorBody = { error: { code: string } };

let sys: TestSystem;
let bappeda: string;
let official: string;

beforeAll(async () => {
  sys = await startTestSystem();
  bappeda = await sys.token('bappeda_staff');
  official = await sys.token('village_official', VILLAGE);
  for (const year of [2025, 2026, 2027])
    expect((await sys.request('PUT', `/programs/${year}`, { token: bappeda, body: {} })).status).toBe(200);
});

async function scan(filter: string, values: Record<string, unknown>) {
  const { Items } = await db().send(
    new ScanCommand({
      TableName: sys.tableName,
      FilterExpression: filter,
      ExpressionAttributeValues: values,
      ConsistentRead: true,
    }),
  );
  return Items ?? [];
}

/** What the first wave wrote: no programme list entries, no gsi2 entries, no person items. */
async function asTheFirstWaveLeftIt() {
  for (const item of await scan('begins_with(pk, :p)', { ':p': 'PERSON#' }))
    await db().send(new DeleteCommand({ TableName: sys.tableName, Key: { pk: item.pk, sk: item.sk } }));
  for (const item of await scan('sk = :s', { ':s': 'PROGRAM' }))
    await db().send(
      new UpdateCommand({
        TableName: sys.tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'REMOVE gsi1pk, gsi1sk',
      }),
    );
  for (const item of await scan('sk = :s', { ':s': 'CANDIDATE' }))
    await db().send(
      new UpdateCommand({
        TableName: sys.tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'REMOVE gsi2pk, gsi2sk',
      }),
    );
}

const register = (serial: number, year: number) =>
  sys.request<Candidate & ErrorBody>('POST', '/candidates', {
    token: official,
    body: registration(serial, { year }),
  });

describe('the cohort migration', () => {
  it('indexes years and candidates and builds people, so that the one-open-record rule holds for older records', async () => {
    // Serial 1: open in 2025 and, as nothing refused it then, in 2026 too. Serial 2: completed in 2025.
    const old = (await register(1, 2025)).body;
    await asTheFirstWaveLeftIt();
    const newer = (await register(1, 2026)).body;
    expect(newer.year).toBe(2026);
    const volunteer = await sys.token('fmpp_volunteer', DISTRICT);
    let done: Candidate = (await register(2, 2025)).body;
    for (const [to, extra] of [
      ['VERIFIED', {}],
      ['ENROLLED', { school: { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' } }],
      ['ACTIVE', {}],
      ['COMPLETED', {}],
    ] as const) {
      done = (
        await sys.request<Candidate>('POST', `/candidates/${done.id}/transitions`, {
          token: volunteer,
          body: { to, ...extra },
          headers: { 'if-match': `"${done.version}"` },
        })
      ).body;
    }
    await asTheFirstWaveLeftIt();
    expect((await sys.request<unknown[]>('GET', '/programs', { token: bappeda })).body).toEqual([]);

    const report = await migrateCohorts();
    expect(report).toEqual({
      programsIndexed: 3,
      candidatesIndexed: 3,
      recordsAdded: 3,
      opened: 1,
      alsoOpen: [old.id],
    });

    const years = (await sys.request<{ year: number }[]>('GET', '/programs', { token: bappeda })).body;
    expect(years.map((y) => y.year)).toEqual([2027, 2026, 2025]);
    const all = await sys.request<{ items: Candidate[] }>('GET', `/candidates?village=${VILLAGE}`, {
      token: bappeda,
    });
    expect(all.body.items.map((c) => c.id).sort()).toEqual([old.id, newer.id, done.id].sort());

    // Open in 2026: refused in 2027. Closed: registered again with the warning.
    expect((await register(1, 2027)).body.error.code).toBe('ALREADY_IN_PROGRAMME');
    const again = await register(2, 2027);
    expect(again.status).toBe(201);
    expect(again.body.warnings.map((w) => w.code)).toContain('PREVIOUSLY_IN_PROGRAMME');

    // The older open record can still be closed, and the newer stays the person's open one.
    const withdrawn = await sys.request<Candidate>('POST', `/candidates/${old.id}/transitions`, {
      token: official,
      body: { to: 'WITHDRAWN' },
      headers: { 'if-match': `"${old.version}"` },
    });
    expect(withdrawn.status).toBe(200);
    expect((await register(1, 2027)).body.error.code).toBe('ALREADY_IN_PROGRAMME');

    // Run again: nothing left to add.
    expect(await migrateCohorts()).toEqual({
      programsIndexed: 0,
      candidatesIndexed: 0,
      recordsAdded: 0,
      opened: 0,
      alsoOpen: [],
    });
  });
});
