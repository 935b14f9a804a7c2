import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { db } from './client.js';
import { cancellationCodes } from './failures.js';

/** One write of a transaction. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The most items DynamoDB takes in one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

const ATTEMPTS = 4;
const BASE_DELAY_MS = 20;
const MAX_DELAY_MS = 250;

/** A cancellation that says nothing about our conditions: another transaction, or throttling. */
function isTransient(error: unknown): boolean {
  const codes = cancellationCodes(error);
  if (codes) {
    return (
      !codes.includes('ConditionalCheckFailed') &&
      codes.some(
        (c) =>
          c === 'TransactionConflict' || c.startsWith('Throttling') || c === 'ProvisionedThroughputExceeded',
      )
    );
  }
  return (
    error instanceof Error &&
    [
      'ThrottlingException',
      'ProvisionedThroughputExceededException',
      'RequestLimitExceeded',
      'TransactionInProgressException',
    ].includes(error.name)
  );
}

/**
 * TransactWriteItems, retried when DynamoDB cancels it for a conflict with another
 * transaction or for throttling (the SDK does not retry those), with capped, jittered
 * exponential backoff. A transaction either happened or did not, so retrying is safe; when
 * the attempts run out the error goes up and becomes 503 RETRY_LATER.
 */
export async function transact(
  items: NonNullable<TransactWriteCommandInput['TransactItems']>,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (attempt >= ATTEMPTS || !isTransient(error)) throw error;
      const cap = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
      await new Promise((r) => setTimeout(r, Math.random() * cap));
    }
  }
}

/**
 * Writes the items in one transaction: 'ok', or what `explain` makes of a cancellation by
 * our conditions (`failedAt(i)`: item i's condition failed; `anyFailed`: some did). A
 * cancellation `explain` does not explain (undefined), and every other error, goes up as it
 * was: the transaction did not happen and the caller's caller decides.
 */
export async function transactOr<R extends string>(
  items: NonNullable<TransactWriteCommandInput['TransactItems']>,
  explain: (failedAt: (index: number) => boolean, anyFailed: boolean) => R | undefined,
): Promise<'ok' | R> {
  try {
    await transact(items);
    return 'ok';
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    const outcome = explain(
      (i) => codes[i] === 'ConditionalCheckFailed',
      codes.includes('ConditionalCheckFailed'),
    );
    if (outcome === undefined) throw error;
    return outcome;
  }
}
