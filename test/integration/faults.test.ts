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
import { capturedLines } from '../support/log-privacy.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { getPage, signIn } from '../support/web.js';

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
  // Mocked from this group's start (not when the file is collected): the system's start reads the table.
  let dynamo: ReturnType<typeof mockClient>;
  beforeAll(() => {
    dynamo = mockClient(DynamoDBDocumentClient);
  });
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

describe('an error nobody expected', () => {
  /** Makes every read of a candidate fail with `error` while `act` runs. */
  async function whileCandidateReadsFail<T>(error: () => Error, act: () => Promise<T>): Promise<T> {
    db().middlewareStack.add(
      (next) => async (args) => {
        const key = (args.input as { Key?: { pk?: unknown } }).Key;
        if (String(key?.pk ?? '').startsWith('CANDIDATE#')) throw error();
        return next(args);
      },
      { step: 'initialize', name: 'candidateFault' },
    );
    try {
      return await act();
    } finally {
      db().middlewareStack.remove('candidateFault');
    }
  }
  const bug = () => new TypeError('cannot read properties of undefined', { cause: new RangeError('deeper') });
  const linesOf = (from: number) =>
    capturedLines()
      .slice(from)
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  let id = '';
  beforeAll(async () => {
    await sys.request('PUT', '/programs/2026', { token: await sys.token('bappeda_staff'), body: {} });
    const res = await sys.request<{ id: string }>('POST', '/candidates', {
      token: await sys.token('village_official', VILLAGE),
      body: registration(40),
    });
    expect(res.status).toBe(201);
    id = res.body.id;
  });

  it('answers the API with a tidy 500, logs it once whole with the request ids, and counts it', async () => {
    const token = await sys.token('fmpp_volunteer', '33.29.01');
    const from = capturedLines().length;
    const res = await whileCandidateReadsFail(bug, () =>
      sys.request<{ error: { code: string } }>('GET', `/candidates/${id}`, { token }),
    );
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('INTERNAL_ERROR');
    const lines = linesOf(from);
    const errors = lines.filter((l) => l.message === 'unexpected error');
    expect(errors).toHaveLength(1);
    const [logged] = errors;
    expect(logged).toMatchObject({
      level: 'ERROR',
      function_name: 'gkb-local-candidates',
      error: {
        name: 'TypeError',
        message: 'cannot read properties of undefined',
        stack: expect.stringContaining('TypeError'),
        cause: { name: 'RangeError', message: 'deeper' },
      },
    });
    const request = lines.find((l) => l.message === 'request');
    expect(request?.status).toBe(500);
    expect(logged?.function_request_id).toBe(request?.function_request_id);
    expect(logged?.api_request_id).toBe(request?.function_request_id);
    expect(lines.filter((l) => l.UnexpectedErrors === 1)).toHaveLength(1);
  });

  it('shows the web app\'s "try again" page with 503 and Retry-After when DynamoDB throttles', async () => {
    const cookie = await signIn(sys, 'fmpp-salem');
    const from = capturedLines().length;
    const res = await whileCandidateReadsFail(throttled, () => getPage(sys, `/calon/${id}`, cookie));
    expect(res.status).toBe(503);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body.toString()).toContain('Coba lagi sebentar lagi');
    expect(linesOf(from).filter((l) => l.message === 'unexpected error')).toEqual([]);
  });

  it('logs a bug behind a web page once, and shows the error page with 500', async () => {
    const cookie = await signIn(sys, 'fmpp-salem');
    const from = capturedLines().length;
    const res = await whileCandidateReadsFail(bug, () => getPage(sys, `/calon/${id}`, cookie));
    expect(res.status).toBe(500);
    expect(res.body.toString()).toContain('Terjadi kesalahan di sistem kami');
    const errors = linesOf(from).filter((l) => l.message === 'unexpected error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ function_name: 'gkb-local-web', error: { name: 'TypeError' } });
  });
});
