import { DeleteCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrateFollowUp } from '../../scripts/migrate-follow-up.js';
import { setToday } from '../../shared/clock.js';
import { db } from '../../shared/db/client.js';
import { OUTCOME_COUNTERS } from '../../shared/domain/outcomes.js';
import { DISTRICT, registration, VILLAGE } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * scripts/migrate-follow-up.ts on a table as the cohorts wave left it: no last status change
 * on the records, no due index entries, no follow-up counters.
 */

type Candidate = { id: string; version: number; followUp: { nextDue: string; overdue: boolean } | null };
type Report = { rows: { code: string; learners: number; overdue: number }[] };

let sys: TestSystem;
let bappeda: string;
let volunteer: string;

beforeAll(async () => {
  sys = await startTestSystem();
  bappeda = await sys.token('bappeda_staff');
  volunteer = await sys.token('fmpp_volunteer', DISTRICT);
  expect((await sys.request('PUT', '/programs/2026', { token: bappeda, body: {} })).status).toBe(200);
});

afterEach(() => setToday(undefined));

async function scan(filter: string, values: Record<string, unknown>) {
  const { Items } = await db().send(
    new ScanCommand({
      TableName: sys.tableName,
      FilterExpression: filter,
      ExpressionAttributeValues: values,
    }),
  );
  return Items ?? [];
}

/**
 * What the cohorts wave wrote: records without `statusAt` or due index, no follow-up
 * counters, aggregates without outcome counters.
 */
async function asTheCohortsWaveLeftIt() {
  for (const item of await scan('begins_with(pk, :p) AND begins_with(sk, :v)', {
    ':p': 'YEAR#',
    ':v': 'VILLAGE#',
  }))
    await db().send(
      new UpdateCommand({
        TableName: sys.tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: `REMOVE ${OUTCOME_COUNTERS.map((_, i) => `#o${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(OUTCOME_COUNTERS.map((n, i) => [`#o${i}`, n])),
      }),
    );
  for (const item of await scan('begins_with(pk, :p)', { ':p': 'FOLLOWUP#' }))
    await db().send(new DeleteCommand({ TableName: sys.tableName, Key: { pk: item.pk, sk: item.sk } }));
  for (const item of await scan('sk = :s', { ':s': 'CANDIDATE' }))
    await db().send(
      new UpdateCommand({
        TableName: sys.tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'REMOVE statusAt, gsi3pk, gsi3sk',
      }),
    );
}

async function move(c: Candidate, to: string): Promise<Candidate> {
  const res = await sys.request<Candidate>('POST', `/candidates/${c.id}/transitions`, {
    token: volunteer,
    body: {
      to,
      ...(to === 'ENROLLED' ? { school: { npsn: '20325671', name: 'SMP N 1', level: 'SMP' } } : {}),
    },
    headers: { 'if-match': `"${c.version}"` },
  });
  expect(res.status).toBe(200);
  return res.body;
}

const overdue = async () =>
  (await sys.request<{ items: Candidate[] }>('GET', '/candidates?due=overdue', { token: volunteer })).body
    .items;
const report = async () =>
  (await sys.request<Report>('GET', '/reports/follow-up?year=2026', { token: volunteer })).body.rows.find(
    (r) => r.code === VILLAGE,
  );

describe('the follow-up migration', () => {
  it('dates each record from its last status change, indexes the open ones and counts each village again', async () => {
    const official = await sys.token('village_official', VILLAGE);
    setToday('2026-08-01');
    const made: Candidate[] = [];
    for (const serial of [1, 2, 3])
      made.push(
        (await sys.request<Candidate>('POST', '/candidates', { token: official, body: registration(serial) }))
          .body,
      );
    const [identified, learner, withdrawn] = made as [Candidate, Candidate, Candidate];
    setToday('2026-08-20');
    await move(await move(learner, 'VERIFIED'), 'ENROLLED');
    await move(withdrawn, 'WITHDRAWN');
    await asTheCohortsWaveLeftIt();

    setToday('2026-09-25');
    expect(await overdue()).toEqual([]);
    expect(await report()).toMatchObject({ learners: 0, overdue: 0 });

    const outcomes = async () =>
      (
        await sys.request<{
          totals: { byTrack: { ATS: number }; everEnrolled: number; byPathway: { SMP: number } };
        }>('GET', '/reports/outcomes?year=2026', { token: bappeda })
      ).body.totals;
    expect(await outcomes()).toMatchObject({ byTrack: { ATS: 0 }, everEnrolled: 0 });
    expect(await migrateFollowUp()).toEqual({ candidatesUpdated: 3, countersWritten: 1 });
    expect(await outcomes()).toMatchObject({ byTrack: { ATS: 3 }, everEnrolled: 1, byPathway: { SMP: 1 } });
    const due = await overdue();
    expect(due.map((c) => [c.id, c.followUp?.nextDue])).toEqual([
      [identified.id, '2026-08-15'],
      [learner.id, '2026-09-19'],
    ]);
    expect(await report()).toMatchObject({ learners: 1, overdue: 2 });

    // Run again: nothing left to date, the same counts.
    expect(await migrateFollowUp()).toEqual({ candidatesUpdated: 0, countersWritten: 1 });
    expect(await report()).toMatchObject({ learners: 1, overdue: 2 });
    // And from here on, the due dates move as usual.
    const visited = await sys.request('POST', `/candidates/${learner.id}/visits`, {
      token: volunteer,
      body: { kind: 'HOME', outcome: 'ATTENDING' },
    });
    expect(visited.status).toBe(201);
    expect(await report()).toMatchObject({ learners: 1, overdue: 1 });
  });
});
