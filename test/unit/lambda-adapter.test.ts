import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { GkbEnv } from '../../functions/http/app.js';
import { lambdaHandler } from '../../functions/http/lambda.js';

/** The payload 2.0 adapter between API Gateway's HTTP API and the Hono apps. */
const app = new Hono<GkbEnv>();
app.post('/echo', async (c) =>
  c.json({
    url: c.req.url,
    cookie: c.req.header('cookie'),
    note: c.req.header('x-note'),
    body: await c.req.text(),
    routeKey: c.env.event.routeKey,
  }),
);
app.get('/csv', (c) => c.body('\uFEFFNama;Jumlah\r\n', 200, { 'content-type': 'text/csv; charset=utf-8' }));
app.get('/page', (c) => {
  c.header('set-cookie', 'a=1; Path=/', { append: true });
  c.header('set-cookie', 'b=2; Path=/', { append: true });
  return c.html('<p>Halo</p>');
});
const handler = lambdaHandler(app);

const event = (
  method: string,
  path: string,
  over: Partial<Omit<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>> = {},
) =>
  ({
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: { domainName: 'api.example', http: { method } },
    ...over,
  }) as APIGatewayProxyEventV2WithJWTAuthorizer;
const context = { functionName: 'test', awsRequestId: 'r1' } as Context;

describe('Lambda adapter (payload 2.0)', () => {
  it('gives Hono the URL, cookies, headers, body (base64 or not) and the event', async () => {
    const res = await handler(
      event('POST', '/echo', {
        rawQueryString: 'year=2026&x=%20',
        cookies: ['gkb_session=abc', 'gkb_lang=en'],
        headers: { 'x-note': 'Désa' },
        body: Buffer.from('{"nama":"Siti"}').toString('base64'),
        isBase64Encoded: true,
      }),
      context,
    );
    expect(res.statusCode).toBe(200);
    expect(res.isBase64Encoded).toBe(false);
    expect(JSON.parse(String(res.body))).toEqual({
      url: 'https://api.example/echo?year=2026&x=%20',
      cookie: 'gkb_session=abc; gkb_lang=en',
      note: encodeURIComponent('Désa'),
      body: '{"nama":"Siti"}',
      routeKey: 'POST /echo',
    });
  });

  it('sends CSV as bytes in base64, keeping the byte order mark', async () => {
    const res = await handler(event('GET', '/csv'), context);
    expect(res.isBase64Encoded).toBe(true);
    expect(Buffer.from(String(res.body), 'base64').toString('utf8')).toBe('\uFEFFNama;Jumlah\r\n');
  });

  it('sends HTML as text and each Set-Cookie in cookies, not in headers', async () => {
    const res = await handler(event('GET', '/page'), context);
    expect(res).toMatchObject({ statusCode: 200, isBase64Encoded: false, body: '<p>Halo</p>' });
    expect(res.cookies).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(res.headers).not.toHaveProperty('set-cookie');
    expect(res.headers?.['content-type']).toMatch(/^text\/html/);
  });
});
