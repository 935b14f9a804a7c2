import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { now as clockNow } from '../clock.js';
import { DEFAULT_RETENTION_YEARS, defaultProgram, type ProgramSettings } from '../domain/program.js';
import { DomainError } from '../errors.js';
import { type AuditEntry, auditPut } from './audit.js';
import { db, tableName } from './client.js';
import { keys } from './table.js';
import { transactOr } from './transact.js';

/** The settings part of a stored programme item (without keys and bookkeeping). */
export function settingsOf(item: Record<string, unknown>): ProgramSettings {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, version: _v, updatedAt: _u, ...settings } = item;
  // Years stored before the retention setting existed keep the default.
  return { retentionYears: DEFAULT_RETENTION_YEARS, ...settings } as unknown as ProgramSettings;
}

export async function getProgram(year: number): Promise<ProgramSettings | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.program(year) }));
  return Item ? settingsOf(Item) : undefined;
}

/** Every configured programme year, newest first (one Query of the years' index). */
export async function listPrograms(): Promise<ProgramSettings[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.programIndex(0).gsi1pk },
        ScanIndexForward: false,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.map(settingsOf);
}

export const programNotConfigured = (year: number) =>
  new DomainError('PROGRAM_NOT_CONFIGURED', {
    message: { key: 'error.PROGRAM_NOT_CONFIGURED', params: { year } },
  });

/** The settings, or 409 PROGRAM_NOT_CONFIGURED. */
export async function requireProgram(year: number): Promise<ProgramSettings> {
  const program = await getProgram(year);
  if (!program) throw programNotConfigured(year);
  return program;
}

/**
 * Stores settings as version `expectedVersion + 1` (0: the year is new). A concurrent change
 * of the same year makes one of the two fail with 412 rather than merge.
 */
export async function putProgram(
  settings: ProgramSettings,
  expectedVersion: number,
  now = clockNow(),
  /** The change as the audit keeps it, written in the same transaction. */
  audit?: AuditEntry,
): Promise<void> {
  const put = {
    TableName: tableName(),
    Item: {
      ...keys.program(settings.year),
      ...keys.programIndex(settings.year),
      ...settings,
      version: expectedVersion + 1,
      updatedAt: now.toISOString(),
    },
    ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
    ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':v': expectedVersion } }),
  };
  if (audit) {
    const outcome = await transactOr([{ Put: put }, auditPut(audit)], (failed) =>
      failed(0) ? 'versionMismatch' : undefined,
    );
    if (outcome === 'versionMismatch') throw new DomainError('VERSION_MISMATCH');
    return;
  }
  try {
    await db().send(new PutCommand(put));
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
      throw new DomainError('VERSION_MISMATCH');
    }
    throw error;
  }
}

/** Creates the year with default settings unless it exists (used by `npm start`). */
export async function ensureProgram(year: number): Promise<void> {
  try {
    await putProgram(defaultProgram(year), 0);
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'VERSION_MISMATCH')) throw error;
  }
}

/** The ConditionCheck that keeps a transaction to the settings it was computed from. */
export const programUnchanged = (year: number, version: number) => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: keys.program(year),
    ConditionExpression: 'version = :pv',
    ExpressionAttributeValues: { ':pv': version },
  },
});
