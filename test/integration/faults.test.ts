import {
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../shared/db/client.js';
import { defaultProgram } from '../../shared/domain/program.js';
import { registration, VILLAGE } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/** Throttling, transaction conflicts and lost answers: DynamoDB Local produces none, so they are mocked. */
let sys: TestSystem;

beforeAll(async () => {
  sys = await startTestSystem();
});

const conflict = () =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }, { Code: 'None' }],
  });
const throttled = () => new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });

describe('when DynamoDB throttles or conflicts', () => {
  const dynamo = mockClient(DynamoDBDocumentClient);
  afterAll(() => dynamo.restore());
  const program = { pk: 'YEAR#2026', sk: 'PROGRAM', ...defaultProgram(2026), version: 1 };

  it.each([
    ['throttling', throttled],
    ['a transaction conflict', conflict],
  ])(
    '%s is retried (4 attempts, jittered) and then answers 503 RETRY_LATER with Retry-After',
    async (_, failure) => {
      dynamo.reset();
      dynamo.on(BatchGetCommand).resolves({ Responses: { [sys.tableName]: [program] } });
      dynamo.on(TransactWriteCommand).rejects(failure());
      const res = await sys.request<{ error: { code: string } }>('POST', '/candidates', {
        token: await sys.token('village_official', VILLAGE),
        body: registration(1),
      });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('RETRY_LATER');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(4);
    },
  );

  it('succeeds when a conflict clears on a retry', async () => {
    dynamo.reset();
    dynamo.on(BatchGetCommand).resolves({ Responses: { [sys.tableName]: [program] } });
    dynamo.on(TransactWriteCommand).rejectsOnce(conflict()).resolves({});
    const res = await sys.request('POST', '/candidates', {
      token: await sys.token('village_official', VILLAGE),
      body: registration(2),
    });
    expect(res.status).toBe(201);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });
});

describe('an answer lost after a successful write', () => {
  it('does not write twice when the client retries with its Idempotency-Key', async () => {
    await sys.request('PUT', '/programs/2026', { token: await sys.token('bappeda_staff'), body: {} });
    const official = await sys.token('village_official', '33.29.01.2009');
    // The first transaction reaches the database, then the answer is lost.
    let lose = true;
    db().middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        if (lose && 'TransactItems' in (args.input as object)) {
          lose = false;
          throw Object.assign(new Error('socket hang up'), { name: 'ECONNRESET' });
        }
        return result;
      },
      { step: 'initialize', name: 'lostAnswer' },
    );
    const body = registration(3, { villageCode: '33.29.01.2009' });
    const headers = { 'idempotency-key': 'lost-answer-1' };
    try {
      const first = await sys.request('POST', '/candidates', { token: official, body, headers });
      expect(first.status).toBe(503);
    } finally {
      db().middlewareStack.remove('lostAnswer');
    }
    const retry = await sys.request<{ id: string }>('POST', '/candidates', {
      token: official,
      body,
      headers,
    });
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const list = await sys.request<{ items: { id: string }[] }>('GET', '/candidates?village=33.29.01.2009', {
      token: official,
    });
    expect(list.body.items.map((c) => c.id)).toEqual([retry.body.id]);
  });
});
