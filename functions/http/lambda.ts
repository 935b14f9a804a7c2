import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { Hono } from 'hono';
import { defaultIsContentTypeBinary, handle, type LambdaEvent } from 'hono/aws-lambda';
import type { GkbEnv } from './app.js';
import { lambdaLogContext } from './logger.js';

export type LambdaHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * CSV goes out as bytes (base64 to API Gateway): decoding it as text would drop the UTF-8
 * byte order mark that Excel needs to read names correctly.
 */
const isContentTypeBinary = (contentType: string) =>
  contentType.startsWith('text/csv') || defaultIsContentTypeBinary(contentType);

/**
 * The Lambda entry around a Hono app: middy owns the lifecycle (logger context), Hono owns
 * HTTP. No middy http-* middlewares in front of Hono: they would consume the body.
 */
export function lambdaHandler(app: Hono<GkbEnv>): LambdaHandler {
  const wrapped = middy(handle(app, { isContentTypeBinary })).use(lambdaLogContext());
  return async (event, context) => {
    // Hono declares its own (narrower) copy of the payload 2.0 event type; the shape is AWS's.
    const result = await wrapped(event as unknown as LambdaEvent, context);
    const headers = Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(', ') : value,
      ]),
    );
    return { ...result, headers };
  };
}
