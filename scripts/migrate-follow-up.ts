/**
 * `npm run migrate-follow-up -- --table <table> [--endpoint <url>]`: brings a table written
 * before follow-up visits (docs/operations/deploy.md, "Follow-up") up to what the code now
 * reads. Run it once right after deploying that version, when no one is working (at night):
 * it can be run again at any time.
 *
 * - Each candidate gains `statusAt`, the time of its last status change, from its history
 *   (corrections and school changes are not status changes), and, while open, its entry in
 *   the due index (gsi3), written only if the record is still at the version read (else read
 *   again).
 * - Each village's follow-up counters of each cohort are counted again from its records and
 *   written whole, and so are the outcome counters of its aggregate (a record enrolled again
 *   after dropping out is marked so from its history). A visit or status change of that village between the count and the write
 *   would be lost from the counters, hence the quiet hour; running it again counts again.
 *
 * Only counts are printed, never personal data. Against AWS it uses the default credential
 * chain and region; `--endpoint` points it at DynamoDB Local instead.
 */
import { parseArgs } from 'node:util';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CandidateItem } from '../shared/db/candidate-item.js';
import { readCandidate } from '../shared/db/candidates.js';
import { db, tableName } from '../shared/db/client.js';
import { dueIndexOf } from '../shared/db/follow-up.js';
import { readHistory } from '../shared/db/history.js';
import { keys, withoutKeys } from '../shared/db/table.js';
import { followUpCounterChanges } from '../shared/domain/follow-up.js';
import { outcomeContribution } from '../shared/domain/outcomes.js';
import { runWhenInvoked } from './run-script.js';

export interface FollowUpMigration {
  /** Candidates given their last status change (and, if open, their due index entry). */
  candidatesUpdated: number;
  /** Village follow-up counters written (one a village and cohort with records). */
  countersWritten: number;
}

/** Every candidate item of the table. */
export async function scanCandidates(): Promise<CandidateItem[]> {
  const candidates: CandidateItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: 'sk = :candidate',
        ExpressionAttributeValues: { ':candidate': 'CANDIDATE' },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) candidates.push(withoutKeys<CandidateItem>(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return candidates;
}

/**
 * From a record's history: when its status last changed (its latest entry that moved it,
 * else its registration), and whether it was enrolled again after dropping out.
 */
async function fromHistory(c: CandidateItem): Promise<{ statusAt: string; reEnrolled: boolean }> {
  const moves = (await readHistory(c.id)).filter((h) => h.from !== h.to);
  return {
    statusAt: moves.at(-1)?.at ?? c.createdAt,
    reEnrolled: moves.some((h) => h.from === 'DROPPED_OUT' && h.to === 'ENROLLED'),
  };
}

/**
 * Gives a record its last status change and due index entry, if it still lacks them, while it
 * is at the version read: a record a request changed meanwhile is read again (a transition
 * wrote `statusAt` itself; a visit or correction did not).
 */
async function addStatusAt(id: string): Promise<boolean> {
  for (;;) {
    const c = await readCandidate(id);
    if (!c || c.statusAt) return false;
    const { statusAt, reEnrolled } = await fromHistory(c);
    const updated: CandidateItem = { ...c, statusAt };
    const index = dueIndexOf(updated);
    try {
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.candidate(c.id),
          UpdateExpression: `SET statusAt = :at${index.gsi3pk ? ', gsi3pk = :pk, gsi3sk = :sk' : ''}${reEnrolled ? ', reEnrolled = :re' : ''}`,
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: {
            ':at': updated.statusAt,
            ':v': c.version,
            ...(index.gsi3pk ? { ':pk': index.gsi3pk, ':sk': index.gsi3sk } : {}),
            ...(reEnrolled ? { ':re': true } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}

export async function migrateFollowUp(): Promise<FollowUpMigration> {
  const report: FollowUpMigration = { candidatesUpdated: 0, countersWritten: 0 };
  for (const c of await scanCandidates())
    if (!c.statusAt && (await addStatusAt(c.id))) report.candidatesUpdated += 1;
  // The follow-up and outcome counters of each village and cohort, counted from the records.
  type Counts = {
    year: number;
    villageCode: string;
    followUp: Record<string, number>;
    outcomes: Record<string, number>;
  };
  const counters = new Map<string, Counts>();
  for (const c of await scanCandidates()) {
    const id = `${c.year}#${c.villageCode}`;
    const entry = counters.get(id) ?? {
      year: c.year,
      villageCode: c.villageCode,
      followUp: {},
      outcomes: {},
    };
    for (const [name, n] of Object.entries(followUpCounterChanges(undefined, c)))
      entry.followUp[name] = (entry.followUp[name] ?? 0) + n;
    for (const [name, n] of Object.entries(outcomeContribution(c)))
      entry.outcomes[name] = (entry.outcomes[name] ?? 0) + n;
    counters.set(id, entry);
  }
  for (const { year, villageCode, followUp, outcomes } of counters.values()) {
    await db().send(
      new PutCommand({ TableName: tableName(), Item: { ...keys.followUp(year, villageCode), ...followUp } }),
    );
    const names = Object.keys(outcomes);
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.villageAggregate(year, villageCode),
        UpdateExpression: `SET ${names.map((_, i) => `#o${i} = :o${i}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#o${i}`, n])),
        ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:o${i}`, outcomes[n]])),
      }),
    );
    report.countersWritten += 1;
  }
  return report;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { table: { type: 'string' }, endpoint: { type: 'string' } } });
  if (!values.table)
    throw new Error('usage: npm run migrate-follow-up -- --table <table> [--endpoint <url>]');
  process.env.TABLE_NAME = values.table;
  if (values.endpoint) process.env.DYNAMODB_ENDPOINT = values.endpoint;
  const report = await migrateFollowUp();
  console.log(
    [
      `candidates given their last status change and due date: ${report.candidatesUpdated}`,
      `village follow-up counters written: ${report.countersWritten}`,
    ].join('\n'),
  );
}

runWhenInvoked(import.meta.url, main);
