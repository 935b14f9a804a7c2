import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { Hono } from 'hono';
import { render } from '../../shared/i18n.js';
import type { GkbEnv } from './app.js';
import { logUnexpected } from './errors.js';
import { withInvocationContext } from './logger.js';

type HttpApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

export type LambdaHandler = (
  event: HttpApiEvent,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Bodies that go out as text; everything else goes out as bytes (base64 to API Gateway).
 * CSV is bytes on purpose: decoding it as text would drop the UTF-8 byte order mark that
 * Excel needs to read names correctly.
 */
const TEXT_TYPES = /^(?:text\/(?:html|plain|css)|application\/(?:[\w.-]+\+)?(?:json|xml))\s*(?:;|$)/i;

/** RFC 9110 token characters: what a method or a header name may be made of. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Methods the Fetch API refuses to carry. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
/** What a header value may hold as it is: visible ASCII, spaces and tabs. */
const PLAIN_VALUE = /^[\t\x20-\x7e]*$/;
const HOST = /^[A-Za-z0-9.-]{1,253}(?::\d{1,5})?$/;

/**
 * A header value Headers accepts. API Gateway passes any bytes through; other bytes are
 * percent-encoded (after the UTF-8 round trip that replaces lone surrogates), so the request
 * still reaches the app and the value cannot be mistaken for one of ours.
 */
const headerValue = (value: string) =>
  PLAIN_VALUE.test(value) ? value : encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'));

/**
 * The payload 2.0 event as a web Request (what `hono/aws-lambda` did for every event kind), or
 * undefined when the event cannot be one (a method Fetch refuses). Whatever a client sends,
 * building the Request never throws: headers with impossible names are left out, odd values
 * are percent-encoded, and a body on GET or HEAD is dropped.
 */
function requestOf(event: HttpApiEvent): Request | undefined {
  const method = String(event.requestContext?.http?.method ?? 'GET').toUpperCase();
  if (!TOKEN.test(method) || FORBIDDEN_METHODS.has(method)) return undefined;
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value && TOKEN.test(name) && name.toLowerCase() !== 'cookie') headers.set(name, headerValue(value));
  }
  const cookies = (event.cookies ?? []).filter((c) => typeof c === 'string' && c !== '');
  if (cookies.length > 0) headers.set('cookie', cookies.map(headerValue).join('; '));
  const host = HOST.test(event.requestContext?.domainName ?? '')
    ? event.requestContext.domainName
    : 'localhost';
  // `?` and `#` in the path would start the query or a fragment.
  const path = `/${String(event.rawPath ?? '').replace(/^\/+/, '')}`.replace(/[?#]/g, encodeURIComponent);
  const query = event.rawQueryString ? `?${String(event.rawQueryString).replace(/#/g, '%23')}` : '';
  const hasBody =
    method !== 'GET' && method !== 'HEAD' && typeof event.body === 'string' && event.body !== '';
  const body = hasBody ? Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8') : undefined;
  try {
    return new Request(`https://${host}${path}${query}`, { method, headers, ...(body ? { body } : {}) });
  } catch {
    return undefined;
  }
}

/** The Response as API Gateway's payload 2.0 result: cookies apart, binary bodies in base64. */
async function resultOf(res: Response): Promise<APIGatewayProxyStructuredResultV2> {
  const cookies = res.headers.getSetCookie();
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const encoding = res.headers.get('content-encoding');
  const binary =
    !TEXT_TYPES.test(res.headers.get('content-type') ?? '') || (!!encoding && encoding !== 'identity');
  return {
    statusCode: res.status,
    headers,
    ...(cookies.length > 0 ? { cookies } : {}),
    body: binary ? Buffer.from(await res.arrayBuffer()).toString('base64') : await res.text(),
    isBase64Encoded: binary,
  };
}

/**
 * The Lambda entry around a Hono app: middy owns the lifecycle, Hono owns HTTP, and the log
 * context wraps both (AsyncLocalStorage must enclose the whole invocation, which a middy
 * middleware cannot). Only API Gateway's HTTP API (payload 2.0) calls these functions, so this is all the
 * adapter they need (`hono/aws-lambda`, deprecated for Hono 5, handled every event kind in
 * 4.7 KB of each bundle). No middy http-* middlewares in front of Hono: they would consume
 * the body. Every line logged during an invocation carries its request ids
 * (`withInvocationContext`), and no event, however hostile, makes it answer 5xx: what
 * cannot be a request is a 400, and what the app did not answer is logged and a 500.
 */
export function lambdaHandler(app: Hono<GkbEnv>): LambdaHandler {
  return withInvocationContext(
    middy(async (event: HttpApiEvent, context: Context) => {
      const request = requestOf(event);
      if (!request) return badRequest();
      try {
        return await resultOf(
          await app.fetch(request, { event, requestContext: event.requestContext, lambdaContext: context }),
        );
      } catch (error) {
        // The apps answer every error themselves; one that escapes is a bug, seen here.
        logUnexpected(error);
        return { statusCode: 500, headers: JSON_TYPE, body: INTERNAL_ERROR, isBase64Encoded: false };
      }
    }),
  );
}

const JSON_TYPE = { 'content-type': 'application/json; charset=UTF-8' };
const INTERNAL_ERROR = JSON.stringify({
  error: { code: 'INTERNAL_ERROR', message: 'Terjadi kesalahan di sistem kami.', details: [] },
});

/** An event no HTTP request could have come as (a method Fetch refuses): the contract's 400. */
const badRequest = (): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 400,
  headers: JSON_TYPE,
  body: JSON.stringify({
    error: {
      code: 'VALIDATION_FAILED',
      message: render({ key: 'error.VALIDATION_FAILED' }, 'id'),
      details: [{ field: 'method', message: render({ key: 'request.method' }, 'id') }],
    },
  }),
  isBase64Encoded: false,
});
