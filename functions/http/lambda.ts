import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { Hono } from 'hono';
import type { GkbEnv } from './app.js';
import { lambdaLogContext } from './logger.js';

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

/** The payload 2.0 event as a web Request (what `hono/aws-lambda` did for every event kind). */
function requestOf(event: HttpApiEvent): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    // Headers may only carry ASCII; API Gateway passes other bytes through.
    if (value) headers.set(name, /[^\p{ASCII}]/u.test(value) ? encodeURIComponent(value) : value);
  }
  if (event.cookies?.length) headers.set('cookie', event.cookies.join('; '));
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const body = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64')
      : Buffer.from(event.body, 'utf8')
    : undefined;
  return new Request(`https://${event.requestContext.domainName}${event.rawPath}${query}`, {
    method: event.requestContext.http.method,
    headers,
    ...(body ? { body } : {}),
  });
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
 * The Lambda entry around a Hono app: middy owns the lifecycle (the log context), Hono owns
 * HTTP. Only API Gateway's HTTP API (payload 2.0) calls these functions, so this is all the
 * adapter they need (`hono/aws-lambda`, deprecated for Hono 5, handled every event kind in
 * 4.7 KB of each bundle). No middy http-* middlewares in front of Hono: they would consume
 * the body.
 */
export function lambdaHandler(app: Hono<GkbEnv>): LambdaHandler {
  return middy(async (event: HttpApiEvent, context: Context) =>
    resultOf(
      await app.fetch(requestOf(event), {
        event,
        requestContext: event.requestContext,
        lambdaContext: context,
      }),
    ),
  ).use(lambdaLogContext());
}
