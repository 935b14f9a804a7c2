import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  applyProgramInput,
  defaultProgram,
  type ProgramInput,
  type ProgramSettings,
} from '../domain/program.js';
import { DomainError } from '../errors.js';
import { db, tableName } from './client.js';
import { keys } from './table.js';
import type { VillageAggregate } from './villages.js';

interface ProgramItem extends ProgramSettings {
  version: number;
  updatedAt: string;
}

/** The settings part of a stored programme item (without keys and bookkeeping). */
export function settingsOf(item: Record<string, unknown>): ProgramSettings {
  const { pk: _pk, sk: _sk, version: _v, updatedAt: _u, ...settings } = item;
  return settings as unknown as ProgramSettings;
}

export async function getProgram(year: number): Promise<ProgramSettings | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.program(year) }));
  return Item ? settingsOf(Item) : undefined;
}

export const programNotConfigured = (year: number) =>
  new DomainError('PROGRAM_NOT_CONFIGURED', [], { key: 'error.PROGRAM_NOT_CONFIGURED', params: { year } });

/** The settings, or 409 PROGRAM_NOT_CONFIGURED. */
export async function requireProgram(year: number): Promise<ProgramSettings> {
  const program = await getProgram(year);
  if (!program) throw programNotConfigured(year);
  return program;
}

/**
 * Creates or changes a programme year. Missing fields keep their current value (or the
 * default on creation). A quota below places already held anywhere is refused.
 */
export async function saveProgram(
  year: number,
  input: ProgramInput,
  now = new Date(),
): Promise<ProgramSettings> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.program(year) }));
  const current = Item as ProgramItem | undefined;
  const { settings, problems } = applyProgramInput(
    current ? settingsOf({ ...current }) : defaultProgram(year),
    input,
  );
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', problems);

  if (current && settings.villageQuota < current.villageQuota) {
    const used = await maxVillagePlacesHeld(year);
    if (settings.villageQuota < used) {
      throw new DomainError('CEILING_EXCEEDED', [
        { field: 'villageQuota', key: 'program.quotaInUse', params: { used } },
      ]);
    }
  }
  const item: ProgramItem = {
    ...settings,
    version: (current?.version ?? 0) + 1,
    updatedAt: now.toISOString(),
  };
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.program(year), ...item },
        // A concurrent change of the same year makes one of the two fail rather than merge.
        ConditionExpression: current ? 'version = :v' : 'attribute_not_exists(pk)',
        ...(current ? { ExpressionAttributeValues: { ':v': current.version } } : {}),
      }),
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
      throw new DomainError('VERSION_MISMATCH');
    }
    throw error;
  }
  return settings;
}

/** Creates the year with default settings unless it exists (used by `npm start`). */
export async function ensureProgram(year: number): Promise<void> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.program(year),
          ...defaultProgram(year),
          version: 1,
          updatedAt: new Date().toISOString(),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
  }
}

async function maxVillagePlacesHeld(year: number): Promise<number> {
  let max = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :village)',
        ExpressionAttributeValues: { ':pk': keys.program(year).pk, ':village': 'VILLAGE#' },
        ProjectionExpression: 'funded',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of (page.Items ?? []) as Pick<VillageAggregate, 'funded'>[])
      max = Math.max(max, item.funded ?? 0);
    start = page.LastEvaluatedKey;
  } while (start);
  return max;
}
