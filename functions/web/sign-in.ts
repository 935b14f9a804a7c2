import { createHash, randomBytes } from 'node:crypto';
import { type Principal, principalFromClaims } from '../../shared/principal.js';
import { verifyIdToken } from './id-token.js';

/** Signing in without Cognito: only where the local system says so (`npm start`, tests). */
export const localSignIn = (): boolean => process.env.GKB_LOCAL_SIGN_IN === 'true';

interface CognitoSettings {
  domain: string;
  clientId: string;
  issuer: string;
}

function cognito(): CognitoSettings {
  const { COGNITO_DOMAIN, COGNITO_CLIENT_ID, COGNITO_ISSUER } = process.env;
  if (!COGNITO_DOMAIN || !COGNITO_CLIENT_ID || !COGNITO_ISSUER)
    throw new Error('Cognito settings are missing');
  const domain = COGNITO_DOMAIN.startsWith('https://') ? COGNITO_DOMAIN : `https://${COGNITO_DOMAIN}`;
  return { domain, clientId: COGNITO_CLIENT_ID, issuer: COGNITO_ISSUER };
}

/** PKCE (RFC 7636): a random verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Where the browser goes to sign in with Cognito's hosted pages. */
export function authorizeUrl(redirectUri: string, state: string, challenge: string): string {
  const { domain, clientId } = cognito();
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${domain}/oauth2/authorize?${query}`;
}

export function logoutUrl(returnTo: string): string {
  const { domain, clientId } = cognito();
  return `${domain}/logout?${new URLSearchParams({ client_id: clientId, logout_uri: returnTo })}`;
}

/**
 * Exchanges the authorization code for tokens and verifies the ID token: the person's
 * principal and Cognito username (what the session rechecks their account by), or undefined.
 */
export async function principalFromCode(
  code: string,
  verifier: string,
  redirectUri: string,
): Promise<{ principal: Principal; username: string } | undefined> {
  const { domain, clientId, issuer } = cognito();
  const response = await fetch(`${domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: clientId,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
  });
  if (!response.ok) return undefined;
  const { id_token: idToken } = (await response.json()) as { id_token?: string };
  if (!idToken) return undefined;
  const claims = await verifyIdToken(idToken, { issuer, audience: clientId });
  const username = claims?.['cognito:username'];
  if (!claims || typeof username !== 'string') return undefined;
  return { principal: principalFromClaims(claims), username };
}
