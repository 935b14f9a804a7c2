import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sealed, unsealed } from '../../functions/web/session.js';
import { authorizeUrl, pkcePair } from '../../functions/web/sign-in.js';

beforeAll(() => {
  process.env.SESSION_KEY = 'unit-test-session-key';
  process.env.COGNITO_DOMAIN = 'https://gkb.auth.ap-southeast-3.amazoncognito.com';
  process.env.COGNITO_CLIENT_ID = 'client-123';
  process.env.COGNITO_ISSUER = 'https://cognito-idp.ap-southeast-3.amazonaws.com/pool';
});

describe('sealed values', () => {
  it('round-trips and refuses any change', async () => {
    const token = await sealed({ role: 'village_official', n: 1 });
    expect(await unsealed(token)).toEqual({ role: 'village_official', n: 1 });
    const [payload, signature] = token.split('.');
    const other = Buffer.from(JSON.stringify({ role: 'bappeda_staff', n: 1 })).toString('base64url');
    expect(await unsealed(`${other}.${signature}`)).toBeUndefined();
    expect(await unsealed(`${payload}.${signature?.slice(1)}`)).toBeUndefined();
    expect(await unsealed(undefined)).toBeUndefined();
    expect(await unsealed('garbage')).toBeUndefined();
  });
});

describe('Cognito sign-in with PKCE', () => {
  it('makes an S256 challenge of a fresh verifier', () => {
    const a = pkcePair();
    const b = pkcePair();
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.verifier.length).toBeGreaterThanOrEqual(43);
    expect(a.challenge).toBe(createHash('sha256').update(a.verifier).digest('base64url'));
  });

  it('sends the browser to the hosted sign-in with code, PKCE and state', () => {
    const url = new URL(authorizeUrl('https://gkb.example/auth/callback', 'state-1', 'challenge-1'));
    expect(url.origin + url.pathname).toBe(
      'https://gkb.auth.ap-southeast-3.amazoncognito.com/oauth2/authorize',
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-123',
      redirect_uri: 'https://gkb.example/auth/callback',
      scope: 'openid email profile',
      state: 'state-1',
      code_challenge: 'challenge-1',
      code_challenge_method: 'S256',
    });
  });
});
