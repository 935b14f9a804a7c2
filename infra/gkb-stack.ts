import { CfnOutput, CfnParameter, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { FUNCTIONS } from '../shared/api/routes.js';
import { GkbApi } from './api.js';
import { GkbAuth } from './auth.js';
import { GkbData } from './data.js';
import { FUNCTION_ACCESS, GkbFunctions } from './functions.js';
import { GkbObservability } from './observability.js';
import { GkbRetention } from './retention.js';

/** The functions that serve web pages: they hold sessions (FUNCTION_ACCESS.sessionKey). */
const PAGE_FUNCTIONS = FUNCTIONS.filter((fn) => FUNCTION_ACCESS[fn].sessionKey);

/** What the accounts function does to the pool's users (shared/accounts/cognito-admin.ts), and nothing more. */
export const ACCOUNT_ADMIN_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminDeleteUserAttributes',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminUserGlobalSignOut',
  'cognito-idp:ListUsers',
  'cognito-idp:ListUsersInGroup',
] as const;

/** The context keys of the web app's Cognito URLs (`npx cdk deploy -c webCallbackUrls=…`). */
export const WEB_CALLBACK_URLS = 'webCallbackUrls';
export const WEB_LOGOUT_URLS = 'webLogoutUrls';

/**
 * Where Cognito may send a browser back to: required, https, never localhost. They are
 * context values rather than CloudFormation parameters so that synthesis itself refuses a
 * stack without them: a parameter with a localhost default deployed a pool whose sign-in
 * sent people to their own machine.
 */
function webUrls(scope: Construct, key: string): string[] {
  const value: unknown = scope.node.tryGetContext(key);
  const urls =
    typeof value === 'string'
      ? value
          .split(',')
          .map((u) => u.trim())
          .filter(Boolean)
      : [];
  const bad = urls.filter(
    (u) => !/^https:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(u) || /^https:\/\/(localhost|127\.)/.test(u),
  );
  if (urls.length === 0 || bad.length > 0) {
    throw new Error(
      `${key} is required: the https URLs (comma-separated) of the web app's ` +
        `${key === WEB_CALLBACK_URLS ? 'sign-in callback, e.g. https://gkb.brebeskab.go.id/auth/callback' : 'page after sign-out, e.g. https://gkb.brebeskab.go.id/'}` +
        `; give it as \`npx cdk deploy -c ${key}=…\`${bad.length > 0 ? ` (not https, or localhost: ${bad.join(', ')})` : ''}`,
    );
  }
  return urls;
}

/**
 * The whole service in one stack: data at rest, identities, the functions and the HTTP API,
 * the scheduled anonymiser, and the alarms and dashboard that watch them.
 * Env-agnostic (region and account are resolved at deploy time), so it synthesizes without
 * credentials; deploy-time choices are CloudFormation parameters rather than context.
 */
export class GkbStack extends Stack {
  readonly data: GkbData;
  readonly auth: GkbAuth;
  readonly functions: GkbFunctions;
  readonly api: GkbApi;
  readonly retention: GkbRetention;
  readonly observability: GkbObservability;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const rateLimit = new CfnParameter(this, 'ThrottleRateLimit', {
      type: 'Number',
      default: 50,
      minValue: 1,
      description: 'API stage steady-state request rate (requests per second)',
    });
    const burstLimit = new CfnParameter(this, 'ThrottleBurstLimit', {
      type: 'Number',
      default: 100,
      minValue: 1,
      description: 'API stage burst limit (requests)',
    });
    const callbackUrls = webUrls(this, WEB_CALLBACK_URLS);
    const logoutUrls = webUrls(this, WEB_LOGOUT_URLS);

    const domainPrefix = new CfnParameter(this, 'AuthDomainPrefix', {
      type: 'String',
      default: 'gkb-brebes',
      // Cognito's rule for prefixes; it also rejects 'aws', 'amazon' and 'cognito' in them.
      allowedPattern: '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$',
      constraintDescription: 'lower-case letters, digits and hyphens, not at either end, at most 63',
      description:
        "Prefix of Cognito's hosted sign-in domain, https://<prefix>.auth.<region>.amazoncognito.com " +
        '(unique per region)',
    });

    const alarmEmail = new CfnParameter(this, 'AlarmEmail', {
      type: 'String',
      // No default: alarms that e-mail nobody would fail silently.
      allowedPattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
      constraintDescription: 'one e-mail address, e.g. ops@bappeda.brebeskab.go.id',
      description: 'Where alarm notifications are e-mailed (the address must confirm the SNS subscription)',
    });

    this.data = new GkbData(this, 'Data');
    this.auth = new GkbAuth(this, 'Auth', {
      callbackUrls,
      logoutUrls,
      domainPrefix: domainPrefix.valueAsString,
    });
    this.functions = new GkbFunctions(this, 'Functions', {
      data: this.data,
      environment: {
        // Every function serving pages rechecks the account behind a session
        // (functions/web/session.ts); web also signs people in (the code grant with PKCE).
        ...Object.fromEntries(
          PAGE_FUNCTIONS.map((fn) => [fn, { USER_POOL_ID: this.auth.userPool.userPoolId }]),
        ),
        web: {
          COGNITO_DOMAIN: this.auth.hostedUiBaseUrl,
          COGNITO_CLIENT_ID: this.auth.webClient.userPoolClientId,
          COGNITO_ISSUER: this.auth.issuer,
          USER_POOL_ID: this.auth.userPool.userPoolId,
        },
      },
    });
    for (const fn of PAGE_FUNCTIONS) {
      this.auth.userPool.grant(
        this.functions.byName[fn],
        'cognito-idp:AdminGetUser',
        'cognito-idp:AdminListGroupsForUser',
      );
    }
    // Bappeda's accounts: only the accounts function may create, move, disable and enable
    // users, list them and sign them out, on this pool alone.
    this.auth.userPool.grant(this.functions.byName.accounts, ...ACCOUNT_ADMIN_ACTIONS);
    this.api = new GkbApi(this, 'Api', {
      functions: this.functions.byName,
      userPool: this.auth.userPool,
      userPoolClient: this.auth.webClient,
      throttle: { rateLimit: rateLimit.valueAsNumber, burstLimit: burstLimit.valueAsNumber },
    });

    this.retention = new GkbRetention(this, 'Retention', { data: this.data });
    this.observability = new GkbObservability(this, 'Observability', {
      httpApi: this.api.httpApi,
      functions: { ...this.functions.byName, anonymiser: this.retention.anonymiser },
      table: this.data.table,
      alarmEmail: alarmEmail.valueAsString,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.stage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.webClient.userPoolClientId });
    new CfnOutput(this, 'HostedUiUrl', {
      value: this.auth.hostedUiBaseUrl,
      description: "Base URL of Cognito's hosted sign-in",
    });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.observability.topic.topicArn });
    new CfnOutput(this, 'DashboardName', { value: this.observability.dashboard.dashboardName });
  }
}
