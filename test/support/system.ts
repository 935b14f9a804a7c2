import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { ensureDemoAccounts } from '../../infra/local/demo-accounts.js';
import { ensureTable } from '../../infra/local/dynamodb-local.js';
import { LocalGateway } from '../../infra/local/gateway.js';
import { type ClaimValue, LocalIdentityProvider } from '../../infra/local/identity-provider.js';
import { importHandlers } from '../../infra/local/system.js';
import type { Role } from '../../shared/principal.js';

export interface TestResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  body: T;
  text: string;
}

export interface TestSystem {
  identity: LocalIdentityProvider;
  gateway: LocalGateway;
  tableName: string;
  request<T = Record<string, unknown>>(
    method: string,
    url: string,
    options?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<TestResponse<T>>;
  token(role: Role, scope?: string, extra?: Record<string, ClaimValue>): Promise<string>;
}

/**
 * The real system for one test file: its own table in the run's DynamoDB Local, a fresh
 * identity provider, and the local API Gateway calling the real Lambda handlers.
 */
export async function startTestSystem(): Promise<TestSystem> {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `gkb-test-${randomBytes(6).toString('hex')}`;
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: endpoint,
    TABLE_NAME: tableName,
    NIK_HASH_KEY: randomBytes(32).toString('base64url'),
    SESSION_KEY: randomBytes(32).toString('base64url'),
    GKB_LOCAL_SIGN_IN: 'true',
  });
  await ensureTable(endpoint, tableName);
  await ensureDemoAccounts();
  const identity = await LocalIdentityProvider.create();
  const gateway = new LocalGateway(await importHandlers(), identity);
  return {
    identity,
    gateway,
    tableName,
    async request(method, url, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await gateway.handle({ method, url, headers, body });
      const text = response.body.toString('utf8');
      let parsed: unknown = text;
      if ((response.headers['content-type'] ?? '').includes('json')) parsed = JSON.parse(text);
      return { status: response.status, headers: response.headers, body: parsed as never, text };
    },
    token(role, scope, extra = {}) {
      return identity.issueToken({
        sub: `test-${role}-${scope ?? 'regency'}`,
        'cognito:groups': [role],
        ...(role === 'village_official' ? { 'custom:village_code': scope ?? '' } : {}),
        ...(role === 'fmpp_volunteer' ? { 'custom:district_code': scope ?? '' } : {}),
        ...extra,
      });
    },
  };
}

/** Every candidate a list query gives (`year=2026&village=…`), following `nextCursor` to the end. */
export async function listEveryCandidate<T>(sys: TestSystem, token: string, query: string): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const url = `/candidates?${query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
    const page: TestResponse<{ items: T[]; nextCursor: string | null }> = await sys.request('GET', url, {
      token,
    });
    all.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return all;
}
