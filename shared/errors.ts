import type { Message } from './i18n.js';

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'DUPLICATE_NIK'
  | 'ALREADY_IN_PROGRAMME'
  | 'ALREADY_VOIDED'
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
  ALREADY_IN_PROGRAMME: 409,
  ALREADY_VOIDED: 409,
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
  /** Facts a client acts on, sent beside the message (e.g. which record a NIK is open in). */
  data?: Record<string, string | number>;
}

export interface DomainErrorOptions {
  /** The problem with each field, for a form to show beside it. */
  details?: FieldProblem[];
  /** The message when it says more than the code's own (`error.<CODE>`). */
  message?: Message;
  /** Seconds after which trying again may succeed (`Retry-After`). */
  retryAfter?: number;
  /** The error this one stands for (a throttled SDK call, say), kept for the logs. */
  cause?: unknown;
}

/** A typed domain error; HTTP mapping happens in one place (functions/http/errors.ts). */
export class DomainError extends Error {
  readonly details: FieldProblem[];
  /** What the person is told, in their language (the Error's own message is the code). */
  readonly userMessage: Message;
  readonly retryAfter: number | undefined;

  constructor(
    readonly code: ErrorCode,
    options: DomainErrorOptions = {},
  ) {
    super(code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.details = options.details ?? [];
    this.userMessage = options.message ?? { key: `error.${code}` };
    this.retryAfter = options.retryAfter;
  }
}

export const validationFailed = (details: FieldProblem[]) =>
  new DomainError('VALIDATION_FAILED', { details });
