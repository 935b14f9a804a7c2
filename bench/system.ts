/** What the benchmark runs against: DynamoDB Local in memory, the table, the local gateway and the real handlers. */
import { randomBytes } from 'node:crypto';
import { ensureTable, type RunningDynamoDb, startDynamoDbLocal } from '../infra/local/dynamodb-local.js';
import { LocalGateway } from '../infra/local/gateway.js';
import { LocalIdentityProvider } from '../infra/local/identity-provider.js';
import { importHandlers } from '../infra/local/system.js';
import { villages } from '../shared/domain/regions.js';

export const TABLE = 'gkb-bench';

export interface BenchSystem {
  dynamo: RunningDynamoDb;
  gateway: LocalGateway;
  identity: LocalIdentityProvider;
  bappeda: string;
  volunteerOf(districtCode: string): Promise<string>;
  officialOf(villageCode: string): Promise<string>;
  /** A request through the local API Gateway; throws unless the status is `expect`. */
  call<T = Record<string, unknown>>(
    method: string,
    url: string,
    token: string,
    options?: { body?: unknown; headers?: Record<string, string>; expect?: number },
  ): Promise<{ body: T; headers: Record<string, string> }>;
  stop(): Promise<void>;
}

export async function startBenchSystem(): Promise<BenchSystem> {
  const dynamo = await startDynamoDbLocal();
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    TABLE_NAME: TABLE,
    NIK_HASH_KEY: randomBytes(32).toString('base64url'),
    SESSION_KEY: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'SILENT',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  await ensureTable(dynamo.endpoint, TABLE);
  const identity = await LocalIdentityProvider.create();
  const gateway = new LocalGateway(await importHandlers(), identity);
  const tokens = new Map<string, Promise<string>>();
  const cached = (key: string, claims: Record<string, string | string[]>) => {
    let token = tokens.get(key);
    if (!token) {
      token = identity.issueToken(claims, { expiresInSeconds: 3600 });
      tokens.set(key, token);
    }
    return token;
  };
  const bappeda = await cached('bappeda', { sub: 'bench-bappeda', 'cognito:groups': ['bappeda_staff'] });
  return {
    dynamo,
    gateway,
    identity,
    bappeda,
    officialOf: (villageCode) =>
      cached(`official ${villageCode}`, {
        sub: `bench-official-${villageCode}`,
        'cognito:groups': ['village_official'],
        'custom:village_code': villageCode,
      }),
    volunteerOf: (districtCode) =>
      cached(`volunteer ${districtCode}`, {
        sub: `bench-volunteer-${districtCode}`,
        'cognito:groups': ['fmpp_volunteer'],
        'custom:district_code': districtCode,
      }),
    async call(method, url, token, options = {}) {
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        ...(options.headers ?? {}),
      };
      let body: string | undefined;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] = 'application/json';
      }
      const res = await gateway.handle({ method, url, headers, body });
      const expected = options.expect ?? (method === 'POST' && url === '/candidates' ? 201 : 200);
      const text = res.body.toString('utf8');
      // Only the status and error code are shown: bodies may hold personal data.
      if (res.status !== expected) {
        const code = /"code":"(\w+)"/.exec(text)?.[1] ?? '';
        throw new Error(`${method} ${url.split('?')[0]}: ${res.status} ${code}, expected ${expected}`);
      }
      // Parsed when asked for: the latency runs share this event loop with the handlers, and
      // decoding an answer nobody reads (about 17 µs a request in a profile) would be charged
      // to the operation measured.
      const json = (res.headers['content-type'] ?? '').includes('json');
      return {
        get body() {
          return json ? JSON.parse(text) : text;
        },
        headers: res.headers,
      };
    },
    stop: () => dynamo.stop(),
  };
}

export const villageList = villages;
