import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal } from '../principal.js';
import { db, tableName } from './client.js';
import { keys } from './table.js';

/**
 * A web session, server-side: the cookie holds only a random id, the table holds what it
 * grants, so signing out (deleting the item) ends it everywhere, even for a copied cookie.
 * Items are keyed by a SHA-256 of the id, so whoever reads the table cannot sign in with it.
 */
export interface StoredSession {
  username: string;
  principal: Principal;
  csrf: string;
  /** When the account was last read to check the principal (ms since the epoch). */
  checkedAt: number;
  /** The session's end (seconds since the epoch), also the item's TTL. */
  expiresAt: number;
}

const keyOf = (id: string) => keys.session(createHash('sha256').update(id).digest('base64url'));

export async function putSession(id: string, session: StoredSession): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keyOf(id), ...session },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function readStoredSession(id: string): Promise<StoredSession | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keyOf(id), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, ...session } = Item;
  return session as StoredSession;
}

/** The principal as the account gives it now, and when that was checked. */
export async function recheckedSession(id: string, principal: Principal, checkedAt: number): Promise<void> {
  await db()
    .send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keyOf(id),
        UpdateExpression: 'SET principal = :p, checkedAt = :t',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':p': principal, ':t': checkedAt },
      }),
    )
    .catch((error: unknown) => {
      // Signed out meanwhile: nothing to update.
      if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
    });
}

export async function deleteSession(id: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keyOf(id) }));
}
