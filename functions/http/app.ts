import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { honoPath, type RouteDef } from '../../shared/api/route-types.js';
import { DomainError, validationFailed } from '../../shared/errors.js';
import { type Lang, langFrom } from '../../shared/i18n.js';
import { METRIC, putMetric } from '../../shared/metrics.js';
import { type Principal, principalFromClaims, scopeOf } from '../../shared/principal.js';
import { errorResponse } from './errors.js';
import { logger } from './logger.js';

export interface GkbEnv {
  Bindings: { event: APIGatewayProxyEventV2WithJWTAuthorizer };
  /** `page`: the request is for a web page (a `session` route), whose errors are pages too. */
  Variables: { lang: Lang; principal?: Principal; csrf?: string; page?: boolean };
}
export type GkbContext = Context<GkbEnv>;
export type OperationHandler = (c: GkbContext) => Response | Promise<Response>;

/** How a function serves web pages (its `session` routes): see functions/web/shell.tsx. */
export interface PageOptions {
  /** Runs before every page: picks the language and reads the session. */
  before: (c: GkbContext) => void | Promise<void>;
  /** How errors are shown on a page (API routes answer the contract's JSON). */
  onError: (c: GkbContext, error: unknown) => Response | Promise<Response>;
}

/**
 * A Hono app serving a function's routes (`own`, its part of the route table:
 * shared/api/routes/<fn>.ts, so the bundle carries no other function's). Every operation of
 * the function must have a handler (checked by the type), and no route exists that the table lacks. A
 * function may serve web pages (`session` routes, with `pages`) beside API routes.
 */
export function createApp<R extends readonly RouteDef[]>(
  own: R,
  handlers: Record<R[number]['operation'], OperationHandler>,
  options: { pages?: PageOptions } = {},
) {
  const app = new Hono<GkbEnv>();
  const { pages } = options;
  const onError = (c: GkbContext, error: unknown) =>
    c.get('page') && pages ? pages.onError(c, error) : errorResponse(c, error);
  app.use(async (c, next) => {
    const started = performance.now();
    c.set('lang', langFrom(c.req.header('accept-language')));
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
  for (const route of own) {
    const handler = handlers[route.operation as R[number]['operation']];
    app.on(route.method, honoPath(route.path), async (c) => {
      if (route.auth === 'session' && pages) {
        c.set('page', true);
        await pages.before(c);
      }
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
