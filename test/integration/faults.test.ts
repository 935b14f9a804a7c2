import {
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultProgram } from '../../shared/domain/program.js';
import { registration, VILLAGE } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/** Throttling and transaction conflicts: DynamoDB Local never produces them, so they are mocked. */
let sys: TestSystem;
const dynamo = mockClient(DynamoDBDocumentClient);

beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(() => dynamo.restore());

describe('when DynamoDB throttles or conflicts', () => {
  const program = { pk: 'YEAR#2026', sk: 'PROGRAM', ...defaultProgram(2026), version: 1 };

  it.each([
    [
      'throttling that outlasts the SDK retries',
      new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }),
    ],
    [
      'a transaction conflict',
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }, { Code: 'None' }],
      }),
    ],
  ])('%s answers 503 RETRY_LATER with Retry-After', async (_, failure) => {
    dynamo.reset();
    dynamo.on(BatchGetCommand).resolves({ Responses: { [sys.tableName]: [program] } });
    dynamo.on(TransactWriteCommand).rejects(failure);
    const res = await sys.request<{ error: { code: string } }>('POST', '/candidates', {
      token: await sys.token('village_official', VILLAGE),
      body: registration(1),
    });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('RETRY_LATER');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});
