import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LambdaHandler } from '../../functions/http/lambda.js';
import { importHandlers } from '../../infra/local/system.js';
import { FUNCTIONS, type FunctionName, type RouteDef, routes } from '../../shared/api/routes.js';
import { registration, VILLAGE } from '../support/candidates.js';
import { capturedLines } from '../support/log-privacy.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { getPage, postForm, signIn } from '../support/web.js';

/**
 * Requests that used to become 5xx (each reproduced on the earlier code), and a property
 * test that throws hostile payload 2.0 events at every function's real handler: whatever
 * arrives, the answer is a response below 500.
 */
let sys: TestSystem;
let handlers: Record<FunctionName, LambdaHandler>;
let official: string;

beforeAll(async () => {
  sys = await startTestSystem();
  handlers = await importHandlers();
  official = await sys.token('village_official', VILLAGE);
  const bappeda = await sys.token('bappeda_staff');
  expect((await sys.request('PUT', '/programs/2026', { token: bappeda, body: {} })).status).toBe(200);
  for (const serial of [1, 2, 3])
    expect(
      (await sys.request('POST', '/candidates', { token: official, body: registration(serial) })).status,
    ).toBe(201);
});

const unexpectedErrors = () =>
  capturedLines().filter((l) => l.includes('"unexpected error"') || l.includes('UnexpectedErrors'));

describe('requests that were answered 5xx', () => {
  it('GET /health with a body is answered, not 502', async () => {
    const res = await sys.gateway.handle({ method: 'GET', url: '/health', headers: {}, body: '{"a":1}' });
    expect(res.status).toBe(200);
  });

  it('a pagination cursor with empty or foreign keys is a 400 naming the cursor, not a 500', async () => {
    const page = await sys.request<{ nextCursor: string }>('GET', '/candidates?year=2026&limit=1', {
      token: official,
    });
    const real = JSON.parse(Buffer.from(page.body.nextCursor, 'base64url').toString()) as Record<
      string,
      string
    >;
    const cursors = [
      { pk: '', sk: '', gsi1pk: '', gsi1sk: '' },
      { ...real, gsi1sk: '' },
      { ...real, pk: 'CANDIDATE#' },
      { ...real, sk: 'HISTORY#000001' },
      { ...real, pk: `CANDIDATE#${'0'.repeat(26)}` },
      { ...real, gsi1sk: `${VILLAGE}#nope` },
      { ...real, gsi1sk: `33.29.99.9999#${String(real.pk).slice(10)}` },
      { ...real, gsi1pk: 'CANDIDATES#2025' },
    ];
    for (const cursor of cursors) {
      const encoded = Buffer.from(JSON.stringify(cursor)).toString('base64url');
      const res = await sys.request<{ error: { details: { field: string }[] } }>(
        'GET',
        `/candidates?year=2026&cursor=${encoded}`,
        { token: official },
      );
      expect(res.status, JSON.stringify(cursor)).toBe(400);
      expect(res.body.error.details[0]?.field).toBe('cursor');
    }
    const next = await sys.request('GET', `/candidates?year=2026&limit=1&cursor=${page.body.nextCursor}`, {
      token: official,
    });
    expect(next.status).toBe(200);
  });

  it('an import draft id of 3,000 characters is a 400 page, not a 500', async () => {
    const cookie = await signIn(sys, 'op-banjaran');
    const csrf =
      /name="csrf" value="([^"]+)"/.exec((await getPage(sys, '/impor', cookie)).body.toString())?.[1] ?? '';
    const res = await postForm(sys, '/impor/kirim', cookie, { csrf, draft: 'A'.repeat(3000) });
    expect(res.status).toBe(400);
  });

  it('a malformed % escape in a path is a 404, not a 502', async () => {
    for (const url of ['/candidates/%E0%A4%A', '/candidates/%', '/villages/%zz']) {
      const res = await sys.gateway.handle({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${official}` },
      });
      expect(res.status, url).toBe(404);
    }
    expect((await getPage(sys, '/calon/%E0%A4%A', await signIn(sys, 'op-banjaran'))).status).toBe(404);
  });

  it('a cookie holding a character above U+00FF is read past, not thrown on', async () => {
    const cookie = await signIn(sys, 'op-banjaran');
    const res = await getPage(sys, '/calon', `gkb_lang=\u0100\u{1F600}; ${cookie}`);
    expect(res.status).toBe(200);
  });

  it('an unknown query parameter on the API is a 400 naming it, not ignored', async () => {
    const res = await sys.request<{ error: { details: { field: string }[] } }>(
      'GET',
      '/candidates?year=2026&name=Siti&sort=x',
      { token: official },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d) => d.field)).toEqual(['name', 'sort']);
    expect((await sys.request('GET', '/health?x=1')).status).toBe(400);
  });

  it('the web settings form takes the same years as the API', async () => {
    const cookie = await signIn(sys, 'bappeda');
    const csrf =
      /name="csrf" value="([^"]+)"/.exec((await getPage(sys, '/program', cookie)).body.toString())?.[1] ?? '';
    for (const year of ['9999', '2019', 'x', '2026.5'])
      expect(
        (await postForm(sys, `/program?year=${year}`, cookie, { csrf, villageQuota: '10' })).status,
        year,
      ).toBe(400);
    expect((await getPage(sys, '/program?year=9999', cookie)).status).toBe(400);
    expect((await getPage(sys, '/anggaran?year=abc', cookie)).status).toBe(400);
  });

  it('none of the above was an unexpected error', () => {
    expect(unexpectedErrors()).toEqual([]);
  });
});

/** What an HTTP API could hand a function: anything in the strings, lies in the flags. */
const ROUTES = routes as readonly RouteDef[];
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', '%', '%zz', '%E0%A4%A', '..', '\u0100', '\r\n', '\u0000', 'A'.repeat(3000)),
);
const claims = fc.oneof(
  fc.constant({}),
  fc.constantFrom(
    { sub: 'u1', 'cognito:groups': '[village_official]', 'custom:village_code': VILLAGE, token_use: 'id' },
    { sub: 'u2', 'cognito:groups': '[fmpp_volunteer]', 'custom:district_code': '33.29.01', token_use: 'id' },
    { sub: 'u3', 'cognito:groups': '[bappeda_staff]', token_use: 'id' },
  ),
  fc.dictionary(fc.string({ maxLength: 20 }), text, { maxKeys: 5 }),
);
const eventArb = fc
  .record({
    route: fc.constantFrom(...ROUTES),
    params: fc.array(text, { minLength: 2, maxLength: 2 }),
    method: fc.oneof(
      fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE', 'get'),
      fc.string({ maxLength: 12 }),
    ),
    query: fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom('year=2026&limit=1', 'year=9999', 'cursor=%%%'),
    ),
    headers: fc.dictionary(
      fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.constantFrom(
          'content-type',
          'if-match',
          'accept',
          'accept-language',
          'origin',
          'host',
          'idempotency-key',
        ),
      ),
      text,
      {
        maxKeys: 6,
      },
    ),
    cookies: fc.array(text, { maxLength: 3 }),
    body: fc.option(
      fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.json(),
        fc.constant('--x\r\nContent-Disposition: form-data'),
      ),
      { nil: undefined },
    ),
    isBase64Encoded: fc.boolean(),
    domainName: fc.oneof(fc.constant('api.example'), text),
    claims,
    sameMethod: fc.boolean(),
  })
  // Half of the events use the route's own method, so that they reach its handler.
  .map((e) => (e.sameMethod ? { ...e, method: e.route.method } : e));

describe('every function, given hostile payload 2.0 events', () => {
  it('answers below 500 and logs no unexpected error', async () => {
    const before = unexpectedErrors().length;
    await fc.assert(
      fc.asyncProperty(eventArb, async (e) => {
        let n = 0;
        const rawPath = e.route.path.replace(/\{\w+\}/g, () => e.params[n++] ?? '');
        const event = {
          version: '2.0',
          routeKey: `${e.route.method} ${e.route.path}`,
          rawPath,
          rawQueryString: e.query,
          headers: e.headers,
          cookies: e.cookies,
          ...(e.body === undefined ? {} : { body: e.body }),
          isBase64Encoded: e.isBase64Encoded,
          requestContext: {
            domainName: e.domainName,
            requestId: 'property',
            http: { method: e.method, path: rawPath },
            authorizer: { jwt: { claims: e.claims, scopes: [] } },
          },
        } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
        const result = await handlers[e.route.fn](event, {
          functionName: e.route.fn,
          awsRequestId: 'property',
        } as Context);
        expect(
          result.statusCode ?? 0,
          JSON.stringify({ fn: e.route.fn, method: e.method, rawPath }),
        ).toBeLessThan(500);
      }),
      { numRuns: 400 },
    );
    expect(unexpectedErrors().slice(before)).toEqual([]);
  }, 120_000);

  it('covers every function of the route table', () => {
    expect(new Set(ROUTES.map((r) => r.fn))).toEqual(new Set(FUNCTIONS));
  });
});
