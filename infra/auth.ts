import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** The programme's roles (docs/rules.md); they reach the functions as the `cognito:groups` claim. */
export const USER_GROUPS = ['village_official', 'fmpp_volunteer', 'bappeda_staff'] as const;
/** Scope attributes; they reach the functions as `custom:village_code` / `custom:district_code`. */
export const SCOPE_ATTRIBUTES = ['village_code', 'district_code'] as const;

export interface GkbAuthProps {
  /** Where the web app may receive the authorization code (PKCE), and return after sign-out. */
  readonly callbackUrls: string[];
  readonly logoutUrls: string[];
  /** The hosted UI lives at `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly domainPrefix: string;
}

/**
 * Who may call the API: a Cognito user pool whose users are created by Bappeda (no self
 * sign-up), each in one role group and carrying the village or kecamatan they are scoped to.
 */
export class GkbAuth extends Construct {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  /** Cognito's hosted sign-in, where the web function sends browsers to sign in and out. */
  readonly domain: UserPoolDomain;
  /** The hosted UI's base URL, `https://<prefix>.auth.<region>.amazoncognito.com`, no trailing slash. */
  readonly hostedUiBaseUrl: string;
  /** The `iss` of the pool's tokens, `https://cognito-idp.<region>.amazonaws.com/<poolId>`. */
  readonly issuer: string;

  constructor(scope: Construct, id: string, props: GkbAuthProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Mutable so Bappeda can move an official to another village; only admin APIs can
      // change them, because the web client below may not write them.
      customAttributes: Object.fromEntries(
        SCOPE_ATTRIBUTES.map((name) => [name, new StringAttribute({ mutable: true, minLen: 1, maxLen: 32 })]),
      ),
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      // Plus tier: adaptive authentication and compromised-credential checks. The pool holds a
      // few hundred officials, so the per-MAU price is small next to the personal data at stake.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional (TOTP only, no SMS): many village operators share cheap phones without an ' +
        'authenticator app; Plus-tier threat protection enforces risk-based challenges instead.',
    });

    for (const groupName of USER_GROUPS) {
      this.userPool.addGroup(groupName, { groupName });
    }

    // A public client (no secret) for the web app: authorization code grant with PKCE, and SRP
    // for scripts. It may read the scope attributes but never write them: by default a client
    // may write every mutable attribute, which would let a user widen their own scope.
    this.webClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: props.callbackUrls,
        logoutUrls: props.logoutUrls,
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(...SCOPE_ATTRIBUTES),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    // The hosted sign-in (classic hosted UI, which needs no branding resource) on a Cognito
    // domain. The web function redirects there for the code grant and for sign-out.
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });
    this.hostedUiBaseUrl = this.domain.baseUrl();
    // Spelled exactly as the API's JWT authorizer spells it, so both check the same issuer.
    this.issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}
