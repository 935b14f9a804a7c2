import { Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type FunctionName, routes } from '../shared/api/routes.js';
import { LOG_RETENTION } from './functions.js';

export interface GkbApiProps {
  readonly functions: Record<FunctionName, IFunction>;
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
  /** Stage-wide steady rate (requests/s) and burst; excess requests get 429. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
}

/**
 * One access-log line per request: who (source IP, token subject), what (route, status) and
 * how long. Never bodies or query strings, which can carry personal data.
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  // The Lambda invocation's request id, which every line the function logs carries too.
  integrationRequestId: '$context.integration.requestId',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  error: '$context.error.message',
  sub: '$context.authorizer.claims.sub',
};

/**
 * The HTTP API, generated from the shared route table so that API Gateway and the local
 * server serve the same routes. Every `jwt` route goes through the Cognito JWT authorizer;
 * `session` routes (the web pages) and `public` ones have none; unknown paths fall to
 * `$default` and the docs function, which answers the contract's 404.
 */
/** Requests a second (and burst) for each open data route (below the stage's own throttle). */
export const OPEN_DATA_THROTTLE = { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 };

export class GkbApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: GkbApiProps) {
    super(scope, id);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'GKB Tracker API',
      createDefaultStage: false,
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: LOG_RETENTION });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    // Audience is the web client: API Gateway checks `aud` (ID tokens) or `client_id`
    // (access tokens) against it, and the issuer against the pool.
    const jwtAuthorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', props.userPool, {
      userPoolClients: [props.userPoolClient],
    });
    const noAuthorizer = new HttpNoneAuthorizer();

    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    const integrationFor = (fn: FunctionName): HttpLambdaIntegration => {
      let integration = integrations.get(fn);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${fn}Integration`, props.functions[fn]);
        integrations.set(fn, integration);
      }
      return integration;
    };

    const addRoute = (
      id: string,
      routeKey: HttpRouteKey,
      fn: FunctionName,
      authorizer: IHttpRouteAuthorizer,
    ) =>
      new HttpRoute(this, id, {
        httpApi: this.httpApi,
        routeKey,
        integration: integrationFor(fn),
        authorizer,
      });

    const openData: { route: HttpRoute; key: string }[] = [];
    for (const route of routes) {
      const routeKey = HttpRouteKey.with(route.path, HttpMethod[route.method]);
      const label = `${route.method} ${route.path}`;
      switch (route.auth) {
        case 'jwt':
          addRoute(route.operation, routeKey, route.fn, jwtAuthorizer);
          break;
        case 'session':
          acknowledgeSession(addRoute(route.operation, routeKey, route.fn, noAuthorizer), label);
          break;
        case 'public': {
          const added = addRoute(route.operation, routeKey, route.fn, noAuthorizer);
          acknowledgePublic(added, label);
          if (route.fn === 'opendata') openData.push({ route: added, key: label });
          break;
        }
        default: {
          const unknown: never = route;
          throw new Error(`Unknown auth on route ${JSON.stringify(unknown)}`);
        }
      }
    }
    const fallback = addRoute('default', HttpRouteKey.DEFAULT, 'docs', noAuthorizer);
    acknowledgePublic(fallback, '$default');

    // The open data routes, which anyone may call without signing in, have a throttle of their
    // own, below the stage's: a crawler or a flood cannot use up what the officials need.
    (this.stage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
      openData.map(({ key }) => [key, { ...OPEN_DATA_THROTTLE }]),
    );
    for (const { route } of openData) this.stage.node.addDependency(route);
  }
}

function acknowledgePublic(route: HttpRoute, routeKey: string): void {
  Validations.of(route).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason:
      `${routeKey} is public by the API contract (health, OpenAPI, docs page, the 404 for unknown ` +
      'paths, or open data); it is served by the docs function, which has no data access, or by the ' +
      'opendata function, which may read only the year partitions (aggregates) and has a throttle of its own.',
  });
}

function acknowledgeSession(route: HttpRoute, routeKey: string): void {
  Validations.of(route).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason:
      `${routeKey} is a web page: its function checks the HttpOnly cookie's server-side session ` +
      "(started after Cognito's hosted sign-in, its account rechecked) on every request; API Gateway's JWT " +
      'authorizer cannot read cookies.',
  });
}
