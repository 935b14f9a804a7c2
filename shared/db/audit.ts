import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { newId } from '../domain/ids.js';
import type { Role } from '../principal.js';
import { db, tableName } from './client.js';
import { keys } from './table.js';

/** What the audit records (api.md: `GET /audit`). */
export const AUDIT_ACTIONS = [
  'SETTINGS_CHANGED',
  'APBD_PLACE_ASSIGNED',
  'PAYMENT_RECORDED',
  'PAYMENT_VOIDED',
  'DUPLICATE_DECIDED',
  'ACCOUNT_CREATED',
  'ACCOUNT_CHANGED',
  'SURVEY_IMPORTED',
  'PAYMENT_SHEET_IMPORTED',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** A detail's value: numbers, codes and words, never a personal value (NIK, KK, name, phone). */
export type AuditValue = string | number | boolean | null;

/**
 * One thing done that Bappeda may need to answer for: who, when, what, on what. `year` is
 * the programme year it concerns (an account change: the year of the day it was made).
 * `target` names the thing by id or code (a candidate id, a username, `2026`), never by a
 * person's name.
 */
export interface AuditEntry {
  at: string;
  actor: { id: string; role: Role };
  action: AuditAction;
  year: number;
  target: string;
  details: Record<string, AuditValue>;
}

const itemOf = (entry: AuditEntry) => ({ ...keys.audit(entry.year, entry.at, newId()), ...entry });

/** The Put that records an entry inside the transaction of the action itself. */
export const auditPut = (entry: AuditEntry) => ({
  Put: { TableName: tableName(), Item: itemOf(entry), ConditionExpression: 'attribute_not_exists(pk)' },
});

/** Records an entry on its own, after an action that is not a table transaction (Cognito). */
export async function writeAudit(entry: AuditEntry): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: itemOf(entry) }));
}

/** A year's entries, newest first, a page at a time. */
export async function listAudit(
  year: number,
  limit: number,
  startKey?: Record<string, unknown>,
): Promise<{ items: AuditEntry[]; lastKey?: Record<string, unknown> }> {
  const page = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.audit(year, '', '').pk },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return {
    items: (page.Items ?? []).map(({ pk: _pk, sk: _sk, ...entry }) => entry as AuditEntry),
    ...(page.LastEvaluatedKey ? { lastKey: page.LastEvaluatedKey } : {}),
  };
}
