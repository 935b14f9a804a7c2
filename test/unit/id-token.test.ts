import { createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyIdToken } from '../../functions/web/id-token.js';

/**
 * The web sign-in's ID token check, against tokens signed here and a JWKS served by a local
 * server in the user pool's place: every way a token can be wrong is refused.
 */
const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const current = pair();
const rotated = pair();
const stranger = pair();
const served: { kid: string; key: KeyObject }[] = [{ kid: 'k1', key: current.publicKey }];
let server: Server;
let issuer = '';
let jwksRequests = 0;
const audience = 'web-client-id';
const NOW = 1_900_000_000;

beforeAll(async () => {
  server = createServer((req, res) => {
    jwksRequests += 1;
    const found = req.url === '/pool/.well-known/jwks.json';
    res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        keys: served.map(({ kid, key }) => ({
          ...key.export({ format: 'jwk' }),
          kid,
          alg: 'RS256',
          use: 'sig',
        })),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pool`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = (over: Record<string, unknown> = {}) => ({
  sub: 'user-1',
  iss: issuer,
  aud: audience,
  token_use: 'id',
  exp: NOW + 3600,
  iat: NOW - 10,
  'custom:role': 'bappeda_staff',
  ...over,
});
function token(
  payload: Record<string, unknown>,
  {
    key = current.privateKey,
    kid = 'k1',
    alg = 'RS256',
  }: { key?: KeyObject; kid?: string; alg?: string } = {},
) {
  const input = `${b64({ alg, kid, typ: 'JWT' })}.${b64(payload)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
}
const check = () => ({ issuer, audience, now: NOW });

describe('ID token verification', () => {
  it("accepts a token signed by the pool's key and answers its claims", async () => {
    expect(await verifyIdToken(token(claims()), check())).toMatchObject({
      sub: 'user-1',
      'custom:role': 'bappeda_staff',
    });
  });

  it('refuses a token whose claims were changed after signing', async () => {
    const [h, , s] = token(claims()).split('.');
    const forged = `${h}.${b64(claims({ 'custom:role': 'fmpp_volunteer' }))}.${s}`;
    expect(await verifyIdToken(forged, check())).toBeUndefined();
  });

  it('refuses a token signed by another key under a known kid', async () => {
    expect(await verifyIdToken(token(claims(), { key: stranger.privateKey }), check())).toBeUndefined();
  });

  it('refuses "none" and HS256 signed with the public key as the secret', async () => {
    const none = `${b64({ alg: 'none', kid: 'k1' })}.${b64(claims())}.`;
    expect(await verifyIdToken(none, check())).toBeUndefined();
    const input = `${b64({ alg: 'HS256', kid: 'k1' })}.${b64(claims())}`;
    const secret = current.publicKey.export({ format: 'pem', type: 'spki' });
    const hs = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
    expect(await verifyIdToken(hs, check())).toBeUndefined();
  });

  it.each([
    ['another issuer', { iss: 'https://cognito-idp.example/other' }],
    ['another audience', { aud: 'other-client' }],
    ['an access token', { token_use: 'access' }],
    ['an expired token', { exp: NOW - 1 }],
    ['no expiry', { exp: undefined }],
    ['a token not valid yet', { nbf: NOW + 60 }],
  ])('refuses %s', async (_, over) => {
    expect(await verifyIdToken(token(claims(over)), check())).toBeUndefined();
  });

  it('refuses garbage without throwing', async () => {
    for (const bad of ['', 'a.b', 'a.b.c', '..', `${b64([1])}.${b64(claims())}.x`])
      expect(await verifyIdToken(bad, check())).toBeUndefined();
  });

  it('fetches the keys again for a new kid (key rotation), but not for every unknown kid', async () => {
    served.push({ kid: 'k2', key: rotated.publicKey });
    const before = jwksRequests;
    // k2 is unknown to the cache, but the keys were fetched under a minute ago.
    expect(
      await verifyIdToken(token(claims(), { key: rotated.privateKey, kid: 'k2' }), check()),
    ).toBeUndefined();
    expect(jwksRequests).toBe(before);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    try {
      const rotatedToken = token(claims(), { key: rotated.privateKey, kid: 'k2' });
      expect(await verifyIdToken(rotatedToken, check())).toMatchObject({ sub: 'user-1' });
    } finally {
      vi.useRealTimers();
    }
    expect(jwksRequests).toBe(before + 1);
  });
});
