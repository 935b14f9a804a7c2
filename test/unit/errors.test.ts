import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { unavailable } from '../../shared/db/failures.js';
import { DomainError, validationFailed } from '../../shared/errors.js';

describe('DomainError', () => {
  it('takes its details, message, Retry-After and cause by name, with the code’s own message by default', () => {
    const plain = new DomainError('NOT_FOUND');
    expect(plain).toMatchObject({ code: 'NOT_FOUND', details: [], userMessage: { key: 'error.NOT_FOUND' } });
    expect(plain.retryAfter).toBeUndefined();
    expect(plain.cause).toBeUndefined();
    const cause = new Error('below');
    const full = new DomainError('RETRY_LATER', {
      details: [{ field: 'file', key: 'import.empty' }],
      message: { key: 'import.empty' },
      retryAfter: 7,
      cause,
    });
    expect(full).toMatchObject({
      details: [{ field: 'file' }],
      userMessage: { key: 'import.empty' },
      retryAfter: 7,
    });
    expect(full.cause).toBe(cause);
    expect(validationFailed([{ field: 'nik', key: 'nik.digits' }]).details).toHaveLength(1);
  });

  it('keeps the DynamoDB error it stands for when an outage becomes 503', () => {
    const throttled = new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
    const wrapped = unavailable(throttled);
    expect(wrapped).toMatchObject({ code: 'RETRY_LATER', retryAfter: 2 });
    expect(wrapped?.cause).toBe(throttled);
    expect(unavailable(new TypeError('a bug'))).toBeUndefined();
  });
});
