import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../errors.js';
import { db, tableName } from './client.js';
import { keys } from './table.js';

/** Long enough for a count and a Cognito change; a holder that died is taken over after it. */
const HOLD_MS = 20_000;
/** How long a second change waits for the first (then 503, try again). */
const WAIT_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` while holding the table's one Bappeda lock: a conditional put that succeeds only
 * when nobody holds it (or the holder's time ran out), a delete of its own hold afterwards.
 * Every change that may leave no enabled Bappeda account counts and writes under it, so two
 * such changes at once run one after the other and the second counts what the first left.
 */
export async function withBappedaLock<T>(work: () => Promise<T>): Promise<T> {
  const owner = randomUUID();
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const now = Date.now();
    try {
      await db().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            ...keys.bappedaLock(),
            owner,
            heldUntil: now + HOLD_MS,
            expiresAt: Math.floor((now + HOLD_MS) / 1000) + 60,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR heldUntil < :now',
          ExpressionAttributeValues: { ':now': now },
        }),
      );
      break;
    } catch (error) {
      if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
      if (Date.now() > deadline) throw new DomainError('RETRY_LATER', { retryAfter: 2 });
      await sleep(50 + Math.floor(Math.random() * 100));
    }
  }
  try {
    return await work();
  } finally {
    await db()
      .send(
        new DeleteCommand({
          TableName: tableName(),
          Key: keys.bappedaLock(),
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      )
      .catch((error: unknown) => {
        // Held too long and taken over: the other holder releases it.
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
      });
  }
}
