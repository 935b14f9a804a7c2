import { CfnOutput, CfnParameter, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { GkbApi } from './api.js';
import { GkbAuth } from './auth.js';
import { GkbData } from './data.js';
import { GkbFunctions } from './functions.js';

/**
 * The whole service in one stack: data at rest, identities, the functions and the HTTP API.
 * Env-agnostic (region and account are resolved at deploy time), so it synthesizes without
 * credentials; deploy-time choices are CloudFormation parameters rather than context.
 */
export class GkbStack extends Stack {
  readonly data: GkbData;
  readonly auth: GkbAuth;
  readonly functions: GkbFunctions;
  readonly api: GkbApi;

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
    const callbackUrls = new CfnParameter(this, 'WebCallbackUrls', {
      type: 'CommaDelimitedList',
      default: 'http://localhost:3000/auth/callback',
      description: 'Where the web app receives the Cognito authorization code (comma-separated)',
    });
    const logoutUrls = new CfnParameter(this, 'WebLogoutUrls', {
      type: 'CommaDelimitedList',
      default: 'http://localhost:3000/',
      description: 'Where Cognito may send the browser after sign-out (comma-separated)',
    });

    this.data = new GkbData(this, 'Data');
    this.auth = new GkbAuth(this, 'Auth', {
      callbackUrls: callbackUrls.valueAsList,
      logoutUrls: logoutUrls.valueAsList,
    });
    this.functions = new GkbFunctions(this, 'Functions', this.data);
    this.api = new GkbApi(this, 'Api', {
      functions: this.functions.byName,
      userPool: this.auth.userPool,
      userPoolClient: this.auth.webClient,
      throttle: { rateLimit: rateLimit.valueAsNumber, burstLimit: burstLimit.valueAsNumber },
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.stage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.webClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
  }
}
