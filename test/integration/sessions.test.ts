import { createHash, randomBytes } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../infra/local/demo-accounts.js';
import { putLocalAccounts, readLocalAccount } from '../../shared/db/accounts.js';
import { db } from '../../shared/db/client.js';
import { putSession, readStoredSession } from '../../shared/db/sessions.js';
import { keys } from '../../shared/db/table.js';
import { findVillage } from '../../shared/domain/regions.js';
import { registration } from '../support/candidates.js';
import { FAKE_AWS_CREDENTIALS, type FakeAws, startFakeAws } from '../support/fake-aws.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { csrfOf, getPage, postForm, signIn, WEB_ORIGIN } from '../support/web.js';

/**
 * Web sessions live in the table; the cookie holds only a random id. Signing out ends them for
 * every copy of the cookie, and the account behind a session is read again (at once locally,
 * every 5 minutes with Cognito), so a disabled or moved account loses its old rights.
 */
let sys: TestSystem;

beforeAll(async () => {
  sys = await startTestSystem();
  const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
  await sys.request('PUT', `/programs/${year}`, { token: await sys.token('bappeda_staff'), body: {} });
});

const signedOut = (res: { status: number; headers: Record<string, string> }) =>
  res.status === 303 && res.headers.location === '/masuk';

async function account(username: string) {
  const found = await readLocalAccount(username);
  if (!found) throw new Error(`no local account ${username}`);
  return found;
}

describe('the session cookie', () => {
  it('holds only a random id, which the table does not hold', async () => {
    const cookie = await signIn(sys, 'op-banjaran');
    const id = cookie.split('=')[1] ?? '';
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await readStoredSession(id)).toMatchObject({ username: 'op-banjaran' });
    const { Items = [] } = await db().send(new ScanCommand({ TableName: sys.tableName }));
    expect(
      Items.some((item) => item.pk === keys.session(createHash('sha256').update(id).digest('base64url')).pk),
    ).toBe(true);
    expect(JSON.stringify(Items)).not.toContain(id);
  });

  it('opens nothing when the id is unknown, altered or not an id at all', async () => {
    const cookie = await signIn(sys, 'op-banjaran');
    const id = cookie.split('=')[1] ?? '';
    for (const value of [
      randomBytes(32).toString('base64url'),
      `${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}`,
      `${id}x`,
      'eyJwcmluY2lwYWwiOnsicm9sZSI6ImJhcHBlZGFfc3RhZmYifX0.sig',
      '',
    ]) {
      expect(signedOut(await getPage(sys, '/calon', `gkb_session=${value}`)), value).toBe(true);
    }
    expect((await getPage(sys, '/calon', cookie)).status).toBe(200);
  });

  it('stops working for every copy of it after "Keluar"', async () => {
    const cookie = await signIn(sys, 'bappeda');
    const copy = cookie;
    expect((await getPage(sys, '/anggaran', copy)).status).toBe(200);
    const out = await postForm(sys, '/keluar', cookie, { csrf: await csrfOf(sys, cookie) });
    expect(out.status).toBe(303);
    expect(out.headers['set-cookie']).toMatch(/gkb_session=;/);
    expect(signedOut(await getPage(sys, '/anggaran', copy))).toBe(true);
    expect(signedOut(await getPage(sys, '/calon', copy))).toBe(true);
  });

  it('is not ended by a sign-out without the CSRF token', async () => {
    const cookie = await signIn(sys, 'op-bentar');
    expect((await postForm(sys, '/keluar', cookie, { csrf: 'guessed' })).status).toBe(403);
    expect((await getPage(sys, '/calon', cookie)).status).toBe(200);
  });
});

describe('the account behind a session (local identity provider: checked on every request)', () => {
  it('ends the session of a disabled account at its next request, and signs it in no more', async () => {
    const before = await account('fmpp-bantarkawung');
    const cookie = await signIn(sys, 'fmpp-bantarkawung');
    expect((await getPage(sys, '/calon', cookie)).status).toBe(200);
    await putLocalAccounts([{ ...before, enabled: false }]);
    expect(signedOut(await getPage(sys, '/calon', cookie))).toBe(true);
    expect(await readStoredSession(cookie.split('=')[1] ?? '')).toBeUndefined();
    const again = await sys.gateway.handle({
      method: 'POST',
      url: '/masuk',
      headers: { host: 'localhost', origin: WEB_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'user=fmpp-bantarkawung',
    });
    expect(again.status).toBe(400);
    await putLocalAccounts([before]);
  });

  it('gives a moved account its new scope at its next request, not the old one', async () => {
    const before = await account('op-bantarkawung');
    const registered = await sys.request<{ id: string }>('POST', '/candidates', {
      token: await sys.token('village_official', '33.29.02.2001'),
      body: registration(1, {
        year: new Date(Date.now() + 7 * 3600_000).getUTCFullYear(),
        villageCode: '33.29.02.2001',
        fullName: 'Warga Pindahan',
      }),
    });
    expect(registered.status).toBe(201);
    const cookie = await signIn(sys, 'op-bantarkawung');
    expect((await getPage(sys, `/calon/${registered.body.id}`, cookie)).status).toBe(200);
    await putLocalAccounts([{ ...before, villageCode: '33.29.01.2003' }]);
    expect((await getPage(sys, `/calon/${registered.body.id}`, cookie)).status).toBe(404);
    expect((await getPage(sys, '/', cookie)).body.toString()).toContain(
      `Desa ${findVillage('33.29.01.2003')?.name}`,
    );
    await putLocalAccounts([before]);
  });
});

describe('the account behind a session (Cognito: checked every 5 minutes)', () => {
  let fake: FakeAws;
  const saved = Object.fromEntries(
    [...Object.keys(FAKE_AWS_CREDENTIALS), 'USER_POOL_ID', 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER'].map(
      (n) => [n, process.env[n]],
    ),
  );
  let user = { enabled: true, village: '33.29.01.2001', group: 'village_official' };

  beforeAll(async () => {
    fake = await startFakeAws();
    fake.answer = (request) => {
      const body = JSON.parse(request.body) as { UserPoolId: string; Username: string };
      if (body.UserPoolId !== 'ap-southeast-3_pool' || body.Username !== 'op.banjaran')
        return { status: 400, body: { __type: 'UserNotFoundException' } };
      if (request.target.endsWith('.AdminGetUser'))
        return {
          status: 200,
          body: {
            Username: 'op.banjaran',
            Enabled: user.enabled,
            UserAttributes: [
              { Name: 'sub', Value: 'cognito-sub-1' },
              { Name: 'custom:village_code', Value: user.village },
            ],
          },
        };
      if (request.target.endsWith('.AdminListGroupsForUser'))
        return { status: 200, body: { Groups: [{ GroupName: user.group }] } };
      return { status: 400, body: { __type: 'UnknownOperationException' } };
    };
    Object.assign(process.env, FAKE_AWS_CREDENTIALS, {
      USER_POOL_ID: 'ap-southeast-3_pool',
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: fake.url,
    });
  });

  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await fake.close();
  });

  /** A session as the Cognito sign-in makes it, last checked `minutesAgo`. */
  async function session(username: string, minutesAgo: number): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await putSession(id, {
      username,
      principal: {
        sub: 'cognito-sub-1',
        role: 'village_official',
        villageCode: '33.29.01.2001',
        districtCode: '33.29.01',
      },
      csrf: 'c'.repeat(24),
      checkedAt: Date.now() - minutesAgo * 60_000,
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    });
    return `gkb_session=${id}`;
  }

  it('trusts a check younger than 5 minutes without asking Cognito', async () => {
    fake.seen.length = 0;
    expect((await getPage(sys, '/calon', await session('op.banjaran', 4))).status).toBe(200);
    expect(fake.seen).toEqual([]);
  });

  it('asks Cognito again after 5 minutes (signed AdminGetUser and AdminListGroupsForUser), then trusts it', async () => {
    fake.seen.length = 0;
    user = { enabled: true, village: '33.29.01.2001', group: 'village_official' };
    const cookie = await session('op.banjaran', 6);
    expect((await getPage(sys, '/calon', cookie)).status).toBe(200);
    expect(fake.seen.map((r) => r.target)).toEqual([
      'AWSCognitoIdentityProviderService.AdminGetUser',
      'AWSCognitoIdentityProviderService.AdminListGroupsForUser',
    ]);
    expect(fake.seen.every((r) => r.signatureOk)).toBe(true);
    expect((await getPage(sys, '/calon', cookie)).status).toBe(200);
    expect(fake.seen).toHaveLength(2);
  });

  it('ends the session of a user Cognito disabled, deleted, or took out of their group', async () => {
    user = { enabled: false, village: '33.29.01.2001', group: 'village_official' };
    expect(signedOut(await getPage(sys, '/calon', await session('op.banjaran', 6)))).toBe(true);
    expect(signedOut(await getPage(sys, '/calon', await session('someone.deleted', 6)))).toBe(true);
    user = { enabled: true, village: '33.29.01.2001', group: 'nobody' };
    expect(signedOut(await getPage(sys, '/calon', await session('op.banjaran', 6)))).toBe(true);
  });

  it('moves a session to the scope Cognito now gives', async () => {
    user = { enabled: true, village: '33.29.02.2001', group: 'village_official' };
    const cookie = await session('op.banjaran', 6);
    const home = (await getPage(sys, '/', cookie)).body.toString();
    expect(home).toContain('Bangbayang');
  });
});

describe('signing in and the headers of every page', () => {
  it('accepts the local sign-in only from this exact origin, not one that starts like it', async () => {
    for (const from of [
      'http://localhost.evil.example',
      'http://localhost:8080',
      'https://localhost',
      'null',
    ]) {
      const res = await sys.gateway.handle({
        method: 'POST',
        url: '/masuk',
        headers: { host: 'localhost', origin: from, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'user=bappeda',
      });
      expect(res.status, from).toBe(403);
      expect(res.headers['set-cookie'], from).toBeUndefined();
    }
  });

  it('sends HSTS and no-store on every page, signed in or not', async () => {
    const cookie = await signIn(sys, 'bappeda');
    for (const [url, who] of [
      ['/masuk', ''],
      ['/anggaran', cookie],
      ['/calon', cookie],
      ['/program', cookie],
      ['/calon/01ARZ3NDEKTSV4RRFFQ69G5FAV', cookie],
    ] as const) {
      const res = await getPage(sys, url, who);
      expect(res.headers['strict-transport-security'], url).toBe('max-age=31536000; includeSubDomains');
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('lists the local accounts to sign in as, and none that is disabled', async () => {
    const [first] = DEMO_ACCOUNTS;
    if (!first) throw new Error('no demo account');
    await putLocalAccounts([{ ...first, username: 'op-nonaktif', sub: 'demo-op-nonaktif', enabled: false }]);
    const page = (await getPage(sys, '/masuk')).body.toString();
    for (const a of DEMO_ACCOUNTS) expect(page).toContain(`value="${a.username}"`);
    expect(page).not.toContain('op-nonaktif');
  });
});
