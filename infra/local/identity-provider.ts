import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';

/** What the local identity provider stores to survive restarts (tokens stay valid). */
export interface IdentityKeys {
  privateJwk: JWK;
  publicJwk: JWK;
}

export const LOCAL_ISSUER = 'http://localhost/local-idp';
export const LOCAL_CLIENT_ID = 'gkb-local-client';
const ALGORITHMS = ['RS256'];
const TOKEN_LIFETIME_SECONDS = 8 * 3600;

export async function generateIdentityKeys(): Promise<IdentityKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `local-${Date.now().toString(36)}`;
  return {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
}

export type ClaimValue = string | number | boolean | string[];

/**
 * The local stand-in for Cognito: issues ID tokens with the claims Cognito puts there and
 * verifies tokens the way API Gateway's JWT authorizer does (key from the JWKS only, RS256
 * only, issuer, audience or client id, expiry and not-before).
 */
export class LocalIdentityProvider {
  private readonly jwks;
  /**
   * Tokens already verified, with their claims. Verifying the same string again gives the same
   * answer (the keys never change here), so only the time claims are checked again. Without
   * this, RSA verification in WebCrypto took about 0.6 ms of this process's CPU per request,
   * work that API Gateway does outside the function in AWS; the benchmark's latencies at
   * concurrency 16 were charging it to the handlers.
   */
  private readonly verified = new Map<string, JWTPayload>();
  private constructor(
    private readonly keys: IdentityKeys,
    private readonly signingKey: CryptoKey | Uint8Array,
  ) {
    this.jwks = createLocalJWKSet({ keys: [keys.publicJwk] });
  }

  static async create(keys?: IdentityKeys): Promise<LocalIdentityProvider> {
    const k = keys ?? (await generateIdentityKeys());
    return new LocalIdentityProvider(k, await importJWK(k.privateJwk, 'RS256'));
  }

  get publicJwk(): JWK {
    return this.keys.publicJwk;
  }

  /** An ID token as Cognito would issue it for a user with these groups and attributes. */
  async issueToken(
    claims: Record<string, ClaimValue>,
    options: { expiresInSeconds?: number; audience?: string; issuer?: string } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ token_use: 'id', auth_time: now, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: this.keys.privateJwk.kid ?? '' })
      .setIssuer(options.issuer ?? LOCAL_ISSUER)
      .setAudience(options.audience ?? LOCAL_CLIENT_ID)
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expiresInSeconds ?? TOKEN_LIFETIME_SECONDS))
      .sign(this.signingKey);
  }

  /** The verified claims, or undefined for any token API Gateway would refuse. */
  async verify(token: string): Promise<JWTPayload | undefined> {
    const known = this.verified.get(token);
    if (known) return stillValid(known) ? known : undefined;
    try {
      const { payload } = await jwtVerify(token, this.jwks, {
        algorithms: ALGORITHMS,
        issuer: LOCAL_ISSUER,
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      // API Gateway accepts the client id in `aud` (ID tokens) or `client_id` (access tokens).
      const audiences =
        payload.aud === undefined ? [] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      const audienceOk =
        audiences.length > 0 ? audiences.includes(LOCAL_CLIENT_ID) : payload.client_id === LOCAL_CLIENT_ID;
      if (!audienceOk) return undefined;
      if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.clear();
      this.verified.set(token, payload);
      return payload;
    } catch {
      return undefined;
    }
  }
}

const VERIFIED_TOKENS_KEPT = 10_000;

/** What jwtVerify checks of time: not expired (no tolerance) and not before `nbf`. */
function stillValid(claims: JWTPayload): boolean {
  const now = Math.floor(Date.now() / 1000);
  return (claims.exp ?? 0) > now && (claims.nbf === undefined || claims.nbf <= now);
}
