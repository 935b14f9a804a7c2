import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import { z } from 'zod';
import type { LambdaHandler } from '../../functions/http/lambda.js';
import {
  FUNCTION_TIMEOUT_SECONDS,
  type FunctionName,
  type RouteDef,
  routes,
} from '../../shared/api/routes.js';
import { findDistrict, findVillage } from '../../shared/domain/regions.js';
import { DomainError, type FieldProblem, statusOf } from '../../shared/errors.js';
import { langFrom, render } from '../../shared/i18n.js';
import { ROLES } from '../../shared/principal.js';
import { parseWith } from '../../shared/schema-problems.js';
import type { LocalIdentityProvider } from './identity-provider.js';

export interface GatewayRequest {
  method: string;
  /** Path with query string, e.g. `/candidates?limit=5`. */
  url: string;
  headers: Record<string, string>;
  body?: Buffer | string;
  sourceIp?: string;
}

export interface GatewayResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript))/;
const DEFAULT_ROUTE = { fn: 'docs', auth: 'public', routeKey: '$default' } as const;

const devTokenSchema = z.strictObject({
  role: z.enum(ROLES),
  villageCode: z.string().max(32).optional(),
  districtCode: z.string().max(32).optional(),
  name: z.string().max(64).optional(),
});

/**
 * What API Gateway (HTTP API, payload 2.0) does in front of the Lambdas, done locally: match
 * the route from the route table, verify the bearer token like the JWT authorizer, build the
 * event AWS would send and call the very same exported handler.
 */
export class LocalGateway {
  constructor(
    private readonly handlers: Record<FunctionName, LambdaHandler>,
    private readonly identity: LocalIdentityProvider,
  ) {}

  async handle(request: GatewayRequest): Promise<GatewayResponse> {
    const url = new URL(request.url, 'http://localhost');
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
    if (request.method === 'POST' && url.pathname === '/dev/token') return this.devToken(request, headers);

    const match = matchRoute(request.method, url.pathname);
    const route = match?.route ?? DEFAULT_ROUTE;
    let claims: JWTPayload | undefined;
    if (route.auth === 'jwt') {
      const bearer = /^Bearer (.+)$/i.exec(headers.authorization ?? '')?.[1];
      claims = bearer ? await this.identity.verify(bearer) : undefined;
      if (!claims) return errorJson('UNAUTHENTICATED', headers['accept-language']);
    }
    const event = buildEvent(
      request,
      url,
      headers,
      match?.routeKey ?? '$default',
      match?.params ?? {},
      claims,
    );
    const result = await this.handlers[route.fn](
      event,
      lambdaContext(route.fn, event.requestContext.requestId),
    );
    return fromLambdaResult(result);
  }

  private async devToken(request: GatewayRequest, headers: Record<string, string>): Promise<GatewayResponse> {
    const lang = headers['accept-language'];
    let body: unknown;
    try {
      body = JSON.parse(String(request.body ?? ''));
    } catch {
      return errorJson('VALIDATION_FAILED', lang, [{ field: 'body', key: 'body.json' }]);
    }
    const parsed = parseWith(devTokenSchema, body);
    if (!parsed.data) return errorJson('VALIDATION_FAILED', lang, parsed.problems);
    const { role, villageCode, districtCode, name } = parsed.data;
    const problems: FieldProblem[] = [];
    if (role === 'village_official' && !findVillage(villageCode ?? ''))
      problems.push({ field: 'villageCode', key: 'village.unknown' });
    if (role === 'fmpp_volunteer' && !findDistrict(districtCode ?? ''))
      problems.push({ field: 'districtCode', key: 'district.unknown' });
    if (problems.length > 0) return errorJson('VALIDATION_FAILED', lang, problems);
    const scope =
      role === 'village_official' ? villageCode : role === 'fmpp_volunteer' ? districtCode : 'regency';
    const username = name ?? `${role}-${scope}`;
    const token = await this.identity.issueToken({
      sub: `local-${username}`,
      'cognito:username': username,
      'cognito:groups': [role],
      ...(role === 'village_official' ? { 'custom:village_code': villageCode ?? '' } : {}),
      ...(role === 'fmpp_volunteer' ? { 'custom:district_code': districtCode ?? '' } : {}),
    });
    return json(200, { token });
  }
}

/**
 * Each route's path as a pattern with its parameter names, compiled once; as in API Gateway,
 * a path of fixed words wins over one with a parameter where both match (`/calon/baru`
 * before `/calon/{id}`), whatever the table's order.
 */
const ROUTE_PATTERNS = [...(routes as readonly RouteDef[])]
  .sort((a, b) => parameterCount(a.path) - parameterCount(b.path))
  .map((route) => {
    const names: string[] = [];
    const pattern = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { route, names, regex: new RegExp(`^${pattern}$`), routeKey: `${route.method} ${route.path}` };
  });

function parameterCount(path: string): number {
  return path.split('{').length - 1;
}

function matchRoute(
  method: string,
  path: string,
): { route: RouteDef; routeKey: string; params: Record<string, string> } | undefined {
  for (const { route, names, regex, routeKey } of ROUTE_PATTERNS) {
    if (route.method !== method) continue;
    const m = regex.exec(path);
    if (m) {
      const params = Object.fromEntries(names.map((n, i) => [n, decodedParameter(m[i + 1] ?? '')]));
      return { route, routeKey, params };
    }
  }
  return undefined;
}

/** A path parameter as API Gateway passes it: decoded, or as written when it is no valid escape. */
function decodedParameter(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Claims as sent, by the verified payload (the identity provider hands back the same object for a token). */
const sentClaims = new WeakMap<JWTPayload, Record<string, string>>();

/** API Gateway hands JWT claims to the Lambda as strings; arrays become "[a b]". */
function claimsAsGatewaySends(claims: JWTPayload): Record<string, string> {
  let sent = sentClaims.get(claims);
  if (!sent) {
    sent = Object.fromEntries(
      Object.entries(claims).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]),
    );
    sentClaims.set(claims, sent);
  }
  return { ...sent };
}

function buildEvent(
  request: GatewayRequest,
  url: URL,
  headers: Record<string, string>,
  routeKey: string,
  pathParameters: Record<string, string>,
  claims: JWTPayload | undefined,
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const body =
    request.body === undefined || request.body.length === 0 ? undefined : Buffer.from(request.body);
  const text = TEXT_TYPES.test(headers['content-type'] ?? 'application/json');
  const now = new Date();
  const query = [...url.searchParams.entries()];
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(headers.cookie ? { cookies: headers.cookie.split(/;\s*/) } : {}),
    ...(query.length > 0
      ? {
          queryStringParameters: Object.fromEntries(
            query.map(([k]) => [k, url.searchParams.getAll(k).join(',')]),
          ),
        }
      : {}),
    ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: claims ? claimsAsGatewaySends(claims) : {}, scopes: [] },
      },
    },
    ...(body ? { body: text ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body !== undefined && !text,
  };
}

function lambdaContext(fn: FunctionName, requestId: string): Context {
  const deadline = Date.now() + FUNCTION_TIMEOUT_SECONDS[fn] * 1000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: `gkb-local-${fn}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:gkb-local-${fn}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/gkb-local-${fn}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function fromLambdaResult(result: APIGatewayProxyResultV2): GatewayResponse {
  if (typeof result === 'string')
    return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(result) };
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  if (result.cookies?.length) headers['set-cookie'] = result.cookies.join(', ');
  const body = Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8');
  return { status: result.statusCode ?? 200, headers, body };
}

const json = (status: number, value: unknown): GatewayResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=UTF-8' },
  body: Buffer.from(JSON.stringify(value)),
});

/**
 * Errors the gateway itself gives, in the contract's shape. (In AWS, API Gateway's own 401
 * body is `{"message":"Unauthorized"}`; the status is the same.)
 */
function errorJson(
  code: DomainError['code'],
  acceptLanguage: string | undefined,
  details: FieldProblem[] = [],
): GatewayResponse {
  const lang = langFrom(acceptLanguage);
  const error = new DomainError(code, { details });
  return json(statusOf[code], {
    error: {
      code,
      message: render(error.userMessage, lang),
      details: details.map((d) => ({ field: d.field, message: render(d, lang) })),
    },
  });
}
