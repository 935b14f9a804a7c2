import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../errors.js';
import { db, tableName } from './client.js';

type Key = { pk: string; sk: string };
const MAX_KEYS = 100;
const MAX_ROUNDS = 4;

/** Strongly consistent BatchGet of any number of keys, following up unprocessed keys. */
export async function batchGet(keys: Key[]): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += MAX_KEYS) {
    let pending: Key[] = keys.slice(i, i + MAX_KEYS);
    for (let round = 0; pending.length > 0; round++) {
      if (round === MAX_ROUNDS) throw new DomainError('RETRY_LATER', { retryAfter: 1 });
      if (round > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** round * Math.random()));
      const { Responses, UnprocessedKeys } = await db().send(
        new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }),
      );
      items.push(...(Responses?.[tableName()] ?? []));
      pending = (UnprocessedKeys?.[tableName()]?.Keys ?? []) as Key[];
    }
  }
  return items;
}
