import { createPublicKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalIdentityProvider } from '../../infra/local/identity-provider.js';
import { DISTRICT, OTHER_DISTRICT, OTHER_VILLAGE, registration, VILLAGE } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

type ErrorBody = { error: { code: string } };
type Candidate = { id: string; nik?: string; kk?: string; nikMasked: string; kkMasked?: string };

let sys: TestSystem;
let candidateId: string;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  sys = await startTestSystem();
  await sys.request('PUT', '/programs/2026', { token: await sys.token('bappeda_staff'), body: {} });
  const res = await sys.request<Candidate>('POST', '/candidates', {
    token: await sys.token('village_official', VILLAGE),
    body: registration(1),
  });
  expect(res.status).toBe(201);
  candidateId = res.body.id;
});

const officialClaims = { sub: 'u1', 'cognito:groups': ['village_official'], 'custom:village_code': VILLAGE };

describe('tokens are verified like API Gateway does', () => {
  const forged: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    ['an expired token', () => sys.identity.issueToken(officialClaims, { expiresInSeconds: -60 })],
    [
      'a token not yet valid',
      () => sys.identity.issueToken({ ...officialClaims, nbf: Math.floor(Date.now() / 1000) + 3600 }),
    ],
    [
      'a token from another key',
      async () => (await LocalIdentityProvider.create()).issueToken(officialClaims),
    ],
    ['a wrong audience', () => sys.identity.issueToken(officialClaims, { audience: 'another-client' })],
    ['a wrong issuer', () => sys.identity.issueToken(officialClaims, { issuer: 'https://evil.example' })],
    [
      'alg none',
      async () => {
        const now = Math.floor(Date.now() / 1000);
        const valid = await sys.identity.issueToken(officialClaims);
        const payload = JSON.parse(Buffer.from(valid.split('.')[1] ?? '', 'base64url').toString());
        return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...payload, iat: now })}.`;
      },
    ],
    [
      'tampered claims',
      async () => {
        const [header, payload, signature] = (await sys.identity.issueToken(officialClaims)).split('.');
        const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
        return `${header}.${b64({ ...claims, 'cognito:groups': ['bappeda_staff'] })}.${signature}`;
      },
    ],
    [
      'HS256 signed with the public key',
      async () => {
        const pem = createPublicKey({ key: sys.identity.publicJwk, format: 'jwk' }).export({
          type: 'spki',
          format: 'pem',
        });
        return new SignJWT(officialClaims)
          .setProtectedHeader({ alg: 'HS256', kid: sys.identity.publicJwk.kid ?? '' })
          .setIssuer('http://localhost/local-idp')
          .setAudience('gkb-local-client')
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(Buffer.from(pem));
      },
    ],
    ['garbage', async () => 'not.a.jwt'],
    [
      'an unknown kid',
      async () => {
        const [, payload, signature] = (await sys.identity.issueToken(officialClaims)).split('.');
        return `${b64({ alg: 'RS256', kid: 'someone-elses-key' })}.${payload}.${signature}`;
      },
    ],
    [
      'an access token instead of an ID token',
      () => sys.identity.issueToken({ ...officialClaims, token_use: 'access' }),
    ],
    [
      'a client id that is not ours',
      () =>
        sys.identity.issueToken(
          { ...officialClaims, client_id: 'another-client' },
          { audience: 'another-client' },
        ),
    ],
  ];

  it.each(forged)('%s is 401 UNAUTHENTICATED and shows no data', async (_, make) => {
    const token = await make();
    for (const [method, url] of [
      ['GET', `/candidates/${candidateId}`],
      ['GET', '/candidates'],
      ['GET', '/districts'],
    ] as const) {
      const res = await sys.request<ErrorBody>(method, url, token ? { token } : {});
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
      expect(res.text).not.toContain('Siti');
    }
  });

  it('refuses a token that expired after it was last let through', async () => {
    const token = await sys.identity.issueToken(officialClaims, { expiresInSeconds: 60 });
    expect((await sys.request('GET', `/candidates/${candidateId}`, { token })).status).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 61_000);
      const res = await sys.request<ErrorBody>('GET', `/candidates/${candidateId}`, { token });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets a valid token through', async () => {
    const res = await sys.request('GET', `/candidates/${candidateId}`, {
      token: await sys.identity.issueToken(officialClaims),
    });
    expect(res.status).toBe(200);
  });

  it.each([
    ['no group', { sub: 'u2' }],
    ['an unknown group', { sub: 'u3', 'cognito:groups': ['admin'] }],
    [
      'two roles at once',
      { sub: 'u4', 'cognito:groups': ['bappeda_staff', 'village_official'], 'custom:village_code': VILLAGE },
    ],
    [
      'a village that does not exist',
      { sub: 'u5', 'cognito:groups': ['village_official'], 'custom:village_code': '33.29.01.9999' },
    ],
    [
      'a kecamatan outside Brebes',
      { sub: 'u6', 'cognito:groups': ['fmpp_volunteer'], 'custom:district_code': '33.28.01' },
    ],
  ])('a signed token with %s is 403 FORBIDDEN', async (_, claims) => {
    const token = await sys.identity.issueToken(claims);
    const res = await sys.request<ErrorBody>('GET', `/candidates/${candidateId}`, { token });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });
});

describe('scope', () => {
  it('hides a candidate from another village official and another kecamatan (404)', async () => {
    for (const token of [
      await sys.token('village_official', OTHER_VILLAGE),
      await sys.token('village_official', '33.29.01.2002'),
      await sys.token('fmpp_volunteer', OTHER_DISTRICT),
    ]) {
      const res = await sys.request<ErrorBody>('GET', `/candidates/${candidateId}`, { token });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });

  it("refuses listing another village's candidates (404)", async () => {
    const token = await sys.token('village_official', OTHER_VILLAGE);
    expect((await sys.request('GET', `/candidates?village=${VILLAGE}`, { token })).status).toBe(404);
    expect((await sys.request('GET', `/candidates?district=${DISTRICT}`, { token })).status).toBe(404);
    const own = await sys.request<{ items: unknown[] }>('GET', '/candidates', { token });
    expect(own.body.items).toEqual([]);
    const volunteer = await sys.token('fmpp_volunteer', OTHER_DISTRICT);
    expect((await sys.request('GET', `/candidates?district=${DISTRICT}`, { token: volunteer })).status).toBe(
      404,
    );
    expect((await sys.request('GET', `/villages/${VILLAGE}`, { token: volunteer })).status).toBe(404);
  });

  it('refuses registering in another village (404, outside the scope) and to volunteers and Bappeda (403)', async () => {
    const cases: [string, number, string][] = [
      [await sys.token('village_official', OTHER_VILLAGE), 404, 'NOT_FOUND'],
      [await sys.token('fmpp_volunteer', DISTRICT), 403, 'FORBIDDEN'],
      [await sys.token('bappeda_staff'), 403, 'FORBIDDEN'],
    ];
    for (const [token, status, code] of cases) {
      const res = await sys.request<ErrorBody>('POST', '/candidates', { token, body: registration(2) });
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
    }
    const summary = await sys.request<{ byStatus: Record<string, number> }>('GET', `/villages/${VILLAGE}`, {
      token: await sys.token('bappeda_staff'),
    });
    expect(summary.body.byStatus.IDENTIFIED).toBe(1);
  });

  it('shows the full NIK and KK to the own official and Bappeda only', async () => {
    const official = await sys.request<Candidate>('GET', `/candidates/${candidateId}`, {
      token: await sys.token('village_official', VILLAGE),
    });
    const bappeda = await sys.request<Candidate>('GET', `/candidates/${candidateId}`, {
      token: await sys.token('bappeda_staff'),
    });
    const volunteer = await sys.request<Candidate>('GET', `/candidates/${candidateId}`, {
      token: await sys.token('fmpp_volunteer', DISTRICT),
    });
    expect(official.body.nik).toBe('3329014507100001');
    expect(bappeda.body.kk).toBe('3329010101100001');
    expect(volunteer.status).toBe(200);
    expect(volunteer.body.nik).toBeUndefined();
    expect(volunteer.body.kk).toBeUndefined();
    expect(volunteer.body.nikMasked).toBe('************0001');
    expect(volunteer.body.kkMasked).toBe('************0001');
    expect(volunteer.text).not.toContain('3329014507100001');
  });
});
