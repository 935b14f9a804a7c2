/**
 * `npm run migrate-cohorts -- --table <table> [--endpoint <url>]`: brings a table
 * written before cohorts (docs/operations/deploy.md, "Cohorts") up to what the code now
 * reads. Run it once right after deploying that version; it can be run again at any time,
 * and while the system is in use.
 *
 * - Programme years gain their entry in the list of years (`GET /programs`, gsi1).
 * - Candidates gain their entry in the list of every cohort (gsi2).
 * - Each person (by the keyed hash of the NIK) gains the person item with every record of
 *   theirs, and their open record, so that the one-open-record rule holds for them too.
 *
 * Every write is conditional and adds only what is missing: a record a request wrote or
 * changed meanwhile is left as that request left it. A person with records open in two
 * cohorts (possible before this rule) keeps the newest open and the others are reported by
 * id for Bappeda to resolve (follow the person in one, withdraw the other); closing them
 * works as usual. Only counts and record ids are printed, never personal data.
 *
 * Against AWS it uses the default credential chain and region; `--endpoint` points it at
 * DynamoDB Local instead.
 */
import { parseArgs } from 'node:util';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CandidateItem } from '../shared/db/candidate-item.js';
import { personRecordOf } from '../shared/db/candidates.js';
import { db, tableName } from '../shared/db/client.js';
import { keys } from '../shared/db/table.js';
import { CLOSED_STATUSES, isOpen } from '../shared/domain/workflow.js';
import { runWhenInvoked } from './run-script.js';

export interface CohortMigration {
  programsIndexed: number;
  candidatesIndexed: number;
  /** Records added to person items (created or completed). */
  recordsAdded: number;
  /** People whose open record was set. */
  opened: number;
  /** Records open beside another open record of the same person: ids, for Bappeda. */
  alsoOpen: string[];
}

type Scanned = Record<string, unknown>;

/** Every programme and candidate item of the table. */
async function scanProgramsAndCandidates(): Promise<{ programs: Scanned[]; candidates: Scanned[] }> {
  const programs: Scanned[] = [];
  const candidates: Scanned[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: 'sk = :program OR sk = :candidate',
        ExpressionAttributeValues: { ':program': 'PROGRAM', ':candidate': 'CANDIDATE' },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) (item.sk === 'PROGRAM' ? programs : candidates).push(item);
    start = page.LastEvaluatedKey;
  } while (start);
  return { programs, candidates };
}

/** An update that only happens when its condition holds: whether it did. */
async function updateIf(input: ConstructorParameters<typeof UpdateCommand>[0]): Promise<boolean> {
  try {
    await db().send(new UpdateCommand(input));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function migrateCohorts(): Promise<CohortMigration> {
  const { programs, candidates } = await scanProgramsAndCandidates();
  const report: CohortMigration = {
    programsIndexed: 0,
    candidatesIndexed: 0,
    recordsAdded: 0,
    opened: 0,
    alsoOpen: [],
  };

  for (const p of programs.filter((p) => p.gsi1pk === undefined)) {
    const index = keys.programIndex(Number(p.year));
    const done = await updateIf({
      TableName: tableName(),
      Key: { pk: p.pk, sk: p.sk },
      UpdateExpression: 'SET gsi1pk = :pk, gsi1sk = :sk',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':pk': index.gsi1pk, ':sk': index.gsi1sk },
    });
    if (done) report.programsIndexed += 1;
  }

  const records = candidates.map((item) => item as unknown as CandidateItem & Scanned);
  for (const c of records.filter((c) => c.gsi2pk === undefined)) {
    const index = keys.candidateIndex(c.year, c.villageCode, c.id);
    const done = await updateIf({
      TableName: tableName(),
      Key: keys.candidate(c.id),
      UpdateExpression: 'SET gsi2pk = :pk, gsi2sk = :sk',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':pk': index.gsi2pk, ':sk': index.gsi2sk },
    });
    if (done) report.candidatesIndexed += 1;
  }

  // People: an anonymised record has no NIK hash any more, and stays out of its person.
  const byPerson = new Map<string, (CandidateItem & Scanned)[]>();
  for (const c of records.filter((c) => c.nikHash && !c.anonymised))
    byPerson.set(c.nikHash, [...(byPerson.get(c.nikHash) ?? []), c]);
  for (const [nikHash, theirs] of byPerson) {
    for (const c of theirs) {
      const added = await updateIf({
        TableName: tableName(),
        Key: keys.person(nikHash),
        UpdateExpression: 'SET #record = :record ADD #records :one',
        ConditionExpression: 'attribute_not_exists(#record)',
        ExpressionAttributeNames: { '#record': `r_${c.id}`, '#records': 'records' },
        ExpressionAttributeValues: { ':record': personRecordOf(c), ':one': 1 },
      });
      if (added) report.recordsAdded += 1;
    }
    const open = theirs
      .filter((c) => isOpen(c.status))
      .sort((a, b) => b.year - a.year || b.createdAt.localeCompare(a.createdAt));
    const [newest, ...others] = open;
    if (!newest) continue;
    report.alsoOpen.push(...others.map((c) => c.id));
    // Unless the person has an open record already, or this one closed meanwhile.
    const opened = await updateIf({
      TableName: tableName(),
      Key: keys.person(nikHash),
      UpdateExpression: 'SET #open = :id',
      ConditionExpression: 'attribute_not_exists(#open) AND NOT (#record.#status IN (:c0, :c1, :c2))',
      ExpressionAttributeNames: { '#open': 'open', '#record': `r_${newest.id}`, '#status': 'status' },
      ExpressionAttributeValues: {
        ':id': newest.id,
        ...Object.fromEntries(CLOSED_STATUSES.map((s, i) => [`:c${i}`, s])),
      },
    });
    if (opened) report.opened += 1;
  }
  return report;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { table: { type: 'string' }, endpoint: { type: 'string' } } });
  if (!values.table) throw new Error('usage: npm run migrate-cohorts -- --table <table> [--endpoint <url>]');
  process.env.TABLE_NAME = values.table;
  if (values.endpoint) process.env.DYNAMODB_ENDPOINT = values.endpoint;
  const report = await migrateCohorts();
  console.log(
    [
      `programme years added to the list of years: ${report.programsIndexed}`,
      `candidates added to the list of every cohort: ${report.candidatesIndexed}`,
      `records added to people: ${report.recordsAdded}`,
      `open records set: ${report.opened}`,
    ].join('\n'),
  );
  if (report.alsoOpen.length > 0) {
    console.log(
      `records open beside a newer open record of the same person (follow the person in one, withdraw the other): ${report.alsoOpen.join(', ')}`,
    );
  }
}

runWhenInvoked(import.meta.url, main);
