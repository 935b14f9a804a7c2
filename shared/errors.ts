import type { Message } from './i18n.js';

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'DUPLICATE_NIK'
  | 'INVALID_TRANSITION'
  | 'NOT_FUNDED'
  | 'CEILING_EXCEEDED'
  | 'PROGRAM_NOT_CONFIGURED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'VERSION_MISMATCH'
  | 'PRECONDITION_REQUIRED'
  | 'RATE_LIMITED'
  | 'RETRY_LATER';

export const statusOf: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  DUPLICATE_NIK: 409,
  INVALID_TRANSITION: 409,
  NOT_FUNDED: 409,
  CEILING_EXCEEDED: 409,
  PROGRAM_NOT_CONFIGURED: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  VERSION_MISMATCH: 412,
  PRECONDITION_REQUIRED: 428,
  RATE_LIMITED: 429,
  RETRY_LATER: 503,
};

/** A problem with one field; `field` is a dotted path such as `consent.name`. */
export interface FieldProblem extends Message {
  field: string;
}

/** A typed domain error; HTTP mapping happens in one place (functions/http/errors.ts). */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: FieldProblem[] = [],
    readonly message_: Message = { key: `error.${code}` },
    readonly retryAfterSeconds?: number,
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

export const validationFailed = (details: FieldProblem[]) => new DomainError('VALIDATION_FAILED', details);
