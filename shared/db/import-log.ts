import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../principal.js';
import { db, tableName } from './client.js';
import { keys } from './table.js';

/**
 * One import as Bappeda sees it: who, when, which village, how many rows, dry run or not. A
 * payment sheet (`kind`) is the regency's (`villageCode` 33.29); its `registered` counts the
 * payments recorded.
 */
export interface ImportRecord {
  id: string;
  at: string;
  actor: { id: string; role: Role };
  year: number;
  villageCode: string;
  rows: number;
  dryRun: boolean;
  registered: number;
  channel: 'api' | 'web';
  /** Absent: a survey list. */
  kind?: 'PAYMENT_SHEET';
}

export async function recordImport(record: ImportRecord): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.importRecord(record.year, record.at, record.id), ...record },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** A year's imports, newest first, a page at a time. */
export async function listImports(
  year: number,
  limit: number,
  startKey?: Record<string, unknown>,
): Promise<{ items: ImportRecord[]; lastKey?: Record<string, unknown> }> {
  const page = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.importRecord(year, '', '').pk },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return {
    items: (page.Items ?? []).map(({ pk: _pk, sk: _sk, ...record }) => record as ImportRecord),
    ...(page.LastEvaluatedKey ? { lastKey: page.LastEvaluatedKey } : {}),
  };
}

/**
 * Charges `rows` to the account's import budget of the current clock hour, unless that
 * would take it past `max`: 'ok', or the seconds until the next hour. One conditional
 * counter per account and hour, kept two hours (TTL).
 */
export async function chargeImportRows(
  sub: string,
  rows: number,
  max: number,
  now = new Date(),
): Promise<'ok' | { retryAfterSeconds: number }> {
  const hour = now.toISOString().slice(0, 13);
  const hourEnd = Math.floor(Date.parse(`${hour}:00:00Z`) / 1000) + 3600;
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.importRate(sub, hour),
        UpdateExpression: 'ADD #rows :rows SET expiresAt = :expires',
        ConditionExpression: 'attribute_not_exists(#rows) OR #rows <= :room',
        ExpressionAttributeNames: { '#rows': 'rows' },
        ExpressionAttributeValues: { ':rows': rows, ':room': max - rows, ':expires': hourEnd + 3600 },
      }),
    );
    return 'ok';
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException')
      return { retryAfterSeconds: Math.max(1, hourEnd - Math.floor(now.getTime() / 1000)) };
    throw error;
  }
}
