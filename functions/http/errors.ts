import type { Context } from 'hono';
import { unavailable } from '../../shared/db/failures.js';
import { DomainError, statusOf } from '../../shared/errors.js';
import { type Lang, render } from '../../shared/i18n.js';
import { METRIC, putMetric } from '../../shared/metrics.js';
import { describeError, logger } from './logger.js';

/**
 * An error nobody expected: logged once, whole (name, message, stack, causes) with the
 * invocation's request ids, and counted, so that the alarm on `UnexpectedErrors` fires even
 * though the caller gets a tidy 500 page or JSON.
 */
export function logUnexpected(error: unknown, keys: Record<string, string> = {}): void {
  logger.error('unexpected error', { ...keys, error: describeError(error) });
  putMetric(METRIC.unexpectedErrors, 1);
}

/**
 * A cohort carry-over stopped by the system (the record named is untouched): a domain error
 * (throttling, an outage) as a warning with its code, anything else as unexpected.
 */
export function logCarryOverFailure(error: unknown, candidateId: string): void {
  const domain = domainErrorOf(error);
  if (domain) logger.warn('cohort carry-over stopped', { code: domain.code, candidateId });
  else logUnexpected(error, { during: 'cohort carry-over', candidateId });
}

/** A payment sheet's commit stopped by the system at a row (that row and the rest not recorded). */
export function logPaymentSheetFailure(error: unknown, candidateId: string): void {
  const domain = domainErrorOf(error);
  if (domain) logger.warn('payment sheet stopped', { code: domain.code, candidateId });
  else logUnexpected(error, { during: 'payment sheet', candidateId });
}

/**
 * What an error means to the caller: a domain error as it is, DynamoDB throttling or an
 * outage as 503 RETRY_LATER, anything else undefined (a bug: 500, logged).
 */
export const domainErrorOf = (error: unknown): DomainError | undefined =>
  error instanceof DomainError ? error : unavailable(error);

/** The one place where errors become HTTP responses in the contract's shape. */
export function errorResponse(c: Context, error: unknown): Response {
  const lang: Lang = c.get('lang') ?? 'id';
  const domain = domainErrorOf(error);
  if (!domain) {
    logUnexpected(error);
    return c.json(
      {
        error: {
          code: 'INTERNAL_ERROR',
          message: lang === 'en' ? 'Something went wrong on our side.' : 'Terjadi kesalahan di sistem kami.',
          details: [],
        },
      },
      500,
    );
  }
  if (domain.retryAfter) c.header('Retry-After', String(domain.retryAfter));
  return c.json(
    {
      error: {
        code: domain.code,
        message: render(domain.userMessage, lang),
        details: domain.details.map((d) => ({ field: d.field, message: render(d, lang), ...d.data })),
      },
    },
    statusOf[domain.code] as 400,
  );
}
