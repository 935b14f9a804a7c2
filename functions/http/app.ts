import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { type Context, Hono } from 'hono';
import {
  type FunctionName,
  honoPath,
  type OperationOf,
  type RouteDef,
  routes,
} from '../../shared/api/routes.js';
import { DomainError, validationFailed } from '../../shared/errors.js';
import { type Lang, langFrom } from '../../shared/i18n.js';
import { METRIC, putMetric } from '../../shared/metrics.js';
import { type Principal, principalFromClaims, scopeOf } from '../../shared/principal.js';
import { errorResponse } from './errors.js';
import { logger } from './logger.js';

export interface GkbEnv {
  Bindings: { event: APIGatewayProxyEventV2WithJWTAuthorizer };
  Variables: { lang: Lang; principal?: Principal; csrf?: string };
}
export type GkbContext = Context<GkbEnv>;
export type OperationHandler = (c: GkbContext) => Response | Promise<Response>;

/**
 * A Hono app serving the routes of `fn` from the route table. Every operation of the function
 * must have a handler (checked by the type), and no route exists that the table lacks.
 */
export function createApp<F extends FunctionName>(
  fn: F,
  handlers: Record<OperationOf<F>, OperationHandler>,
  options: {
    /** How errors are shown: the contract's JSON by default; the web app renders pages. */
    onError?: (c: GkbContext, error: unknown) => Response | Promise<Response>;
    /** Runs before every route: the web app picks the language and reads the session here. */
    before?: (c: GkbContext) => void | Promise<void>;
  } = {},
) {
  const app = new Hono<GkbEnv>();
  const onError: (c: GkbContext, error: unknown) => Response | Promise<Response> =
    options.onError ?? errorResponse;
  app.use(async (c, next) => {
    const started = performance.now();
    c.set('lang', langFrom(c.req.header('accept-language')));
    await options.before?.(c);
    await next();
    const principal = c.get('principal');
    putMetric(METRIC.requests, 1);
    if (c.res.status >= 500) putMetric(METRIC.responses5xx, 1);
    else if (c.res.status >= 400) putMetric(METRIC.responses4xx, 1);
    logger.info('request', {
      route: c.env?.event?.routeKey ?? `${c.req.method} ${c.req.routePath}`,
      status: c.res.status,
      latencyMs: Math.round(performance.now() - started),
      ...(principal ? { role: principal.role, scope: scopeOf(principal) } : {}),
    });
  });
  for (const route of routes) {
    if (route.fn !== fn) continue;
    const handler = handlers[route.operation as OperationOf<F>];
    app.on(route.method, honoPath(route.path), async (c) => {
      if (route.auth !== 'session') refuseUnknownQuery(c, route);
      if (route.auth === 'jwt') {
        // Answers to a signed-in caller hold names, and the record full NIKs and KKs: never
        // kept by a browser or a proxy.
        c.header('Cache-Control', 'no-store');
        c.set('principal', principalFromClaims(c.env?.event?.requestContext?.authorizer?.jwt?.claims));
      }
      return handler(c);
    });
  }
  app.notFound((c) => onError(c, new DomainError('NOT_FOUND')));
  app.onError((error, c) => onError(c, error));
  return app;
}

/** A query parameter the route does not read is a mistake worth saying, not ignoring. */
function refuseUnknownQuery(c: GkbContext, route: RouteDef): void {
  const known = route.query ?? [];
  const unknown = [...new Set(new URL(c.req.url).searchParams.keys())].filter(
    (name) => !known.includes(name),
  );
  if (unknown.length > 0)
    throw validationFailed(unknown.slice(0, 10).map((field) => ({ field, key: 'query.unknown' })));
}

/** The caller, on a route that requires a token. */
export function principalOf(c: GkbContext): Principal {
  const principal = c.get('principal');
  if (!principal) throw new DomainError('UNAUTHENTICATED');
  return principal;
}
