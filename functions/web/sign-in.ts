import { createHash, randomBytes } from 'node:crypto';
import type { Principal } from '../../shared/principal.js';
import { principalFromClaims } from '../../shared/principal.js';
import { verifyIdToken } from './id-token.js';

/** Signing in without Cognito: only where the local system says so (`npm start`, tests). */
export const localSignIn = (): boolean => process.env.GKB_LOCAL_SIGN_IN === 'true';

/** The demo users the local sign-in page lists: each role, several villages and kecamatan. */
export const DEMO_USERS: { id: string; label: string; principal: Principal }[] = [
  {
    id: 'op-banjaran',
    label: 'Operator Desa Banjaran (Salem)',
    principal: {
      sub: 'demo-op-banjaran',
      role: 'village_official',
      villageCode: '33.29.01.2001',
      districtCode: '33.29.01',
    },
  },
  {
    id: 'op-bentar',
    label: 'Operator Desa Bentar (Salem)',
    principal: {
      sub: 'demo-op-bentar',
      role: 'village_official',
      villageCode: '33.29.01.2002',
      districtCode: '33.29.01',
    },
  },
  {
    id: 'op-bantarkawung',
    label: 'Operator Desa Bangbayang (Bantarkawung)',
    principal: {
      sub: 'demo-op-bangbayang',
      role: 'village_official',
      villageCode: '33.29.02.2001',
      districtCode: '33.29.02',
    },
  },
  {
    id: 'fmpp-salem',
    label: 'Relawan FMPP Kecamatan Salem',
    principal: { sub: 'demo-fmpp-salem', role: 'fmpp_volunteer', districtCode: '33.29.01' },
  },
  {
    id: 'fmpp-bantarkawung',
    label: 'Relawan FMPP Kecamatan Bantarkawung',
    principal: { sub: 'demo-fmpp-bantarkawung', role: 'fmpp_volunteer', districtCode: '33.29.02' },
  },
  { id: 'bappeda', label: 'Staf Bappeda Brebes', principal: { sub: 'demo-bappeda', role: 'bappeda_staff' } },
];

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

/** Exchanges the authorization code for tokens and verifies the ID token: the principal, or undefined. */
export async function principalFromCode(
  code: string,
  verifier: string,
  redirectUri: string,
): Promise<Principal | undefined> {
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
  return claims ? principalFromClaims(claims) : undefined;
}
