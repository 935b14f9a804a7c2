import { createHash } from 'node:crypto';
import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
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

const hashOf = (id: string) => createHash('sha256').update(id).digest('base64url');
const keyOf = (id: string) => keys.session(hashOf(id));

/**
 * A new session, and its entry under the user (`USERSESSIONS#<username>`, same TTL) so that a
 * move or a disable of the account finds it: one transaction.
 */
export async function putSession(id: string, session: StoredSession): Promise<void> {
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: { ...keyOf(id), ...session },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: tableName(),
            Item: { ...keys.userSession(session.username, hashOf(id)), expiresAt: session.expiresAt },
          },
        },
      ],
    }),
  );
}

/** The sessions listed under a user (by the hash of their ids), expired ones included until TTL removes them. */
async function sessionHashesOf(username: string): Promise<string[]> {
  const hashes: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.userSession(username, '').pk },
        ExclusiveStartKey: start,
      }),
    );
    hashes.push(...(page.Items ?? []).map((i) => String(i.sk)));
    start = page.LastEvaluatedKey;
  } while (start);
  return hashes;
}

/**
 * What a moved or disabled account's web sessions grant from their next request on, without
 * waiting for the periodic recheck: the new principal (each session updated, if it still
 * exists), or nothing (sessions and their entries deleted). One Query, then a write a session.
 */
export async function rescopeUserSessions(username: string, principal: Principal | undefined): Promise<void> {
  const hashes = await sessionHashesOf(username);
  if (!principal) {
    const deletes = hashes.flatMap((h) => [keys.session(h), keys.userSession(username, h)]);
    for (let i = 0; i < deletes.length; i += 25) {
      await db().send(
        new BatchWriteCommand({
          RequestItems: {
            [tableName()]: deletes.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } })),
          },
        }),
      );
    }
    return;
  }
  for (const h of hashes) await updatePrincipal(keys.session(h), principal, Date.now());
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
export const recheckedSession = (id: string, principal: Principal, checkedAt: number): Promise<void> =>
  updatePrincipal(keyOf(id), principal, checkedAt);

async function updatePrincipal(
  key: { pk: string; sk: string },
  principal: Principal,
  checkedAt: number,
): Promise<void> {
  await db()
    .send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
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
