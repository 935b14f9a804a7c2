import { DomainError } from '../errors.js';

/** The per-item reason codes of a cancelled transaction, in request order. */
export function cancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((r) => r.Code ?? 'None');
}

/** Network failures reaching DynamoDB (after the SDK's own retries) are outages too. */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'TimeoutError']);

const UNAVAILABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionInProgressException',
]);

/** Throttling and outages that survived the SDK's own retries become 503 with Retry-After. */
export function unavailable(error: unknown): DomainError | undefined {
  const code = error instanceof Error ? (error as Error & { code?: string }).code : undefined;
  if (
    error instanceof Error &&
    (UNAVAILABLE.has(error.name) || NETWORK.has(error.name) || NETWORK.has(code ?? ''))
  ) {
    return new DomainError('RETRY_LATER', { retryAfter: 2, cause: error });
  }
  const codes = cancellationCodes(error);
  if (
    codes?.some(
      (c) => c === 'TransactionConflict' || c === 'ThrottlingError' || c === 'ProvisionedThroughputExceeded',
    )
  ) {
    return new DomainError('RETRY_LATER', { retryAfter: 1, cause: error });
  }
  return undefined;
}
