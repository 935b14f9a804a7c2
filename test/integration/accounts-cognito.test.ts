import { randomBytes } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminUserGlobalSignOutCommand,
  AliasExistsException,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  TooManyRequestsException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../shared/db/audit.js';
import { putSession, readStoredSession } from '../../shared/db/sessions.js';
import { todayInBrebes } from '../../shared/domain/dates.js';
import { accountApi } from '../support/accounts.js';
import { FAKE_AWS_CREDENTIALS, type FakeAws, startFakeAws } from '../support/fake-aws.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { getPage } from '../support/web.js';

/**
 * Accounts in AWS: the exact Cognito admin calls of each change, made by the SDK client and
 * pinned with aws-sdk-client-mock; the one-user reads (AdminGetUser, AdminListGroupsForUser)
 * are the signed calls the sessions use, answered by a fake Cognito that checks SigV4.
 */
const POOL = 'ap-southeast-3_accounts';
const cognito = mockClient(CognitoIdentityProviderClient);
let sys: TestSystem;
let api: Awaited<ReturnType<typeof accountApi>>;
let fake: FakeAws;

interface FakeUser {
  enabled: boolean;
  groups: string[];
  attributes: Record<string, string>;
}
let users: Record<string, FakeUser> = {};

const saved = Object.fromEntries(
  [...Object.keys(FAKE_AWS_CREDENTIALS), 'USER_POOL_ID', 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER'].map(
    (n) => [n, process.env[n]],
  ),
);

beforeAll(async () => {
  sys = await startTestSystem();
  api = await accountApi(sys);
  fake = await startFakeAws();
  fake.answer = (request) => {
    const body = JSON.parse(request.body) as { UserPoolId: string; Username: string };
    const user = users[body.Username];
    if (body.UserPoolId !== POOL || !user) return { status: 400, body: { __type: 'UserNotFoundException' } };
    if (request.target.endsWith('.AdminGetUser'))
      return {
        status: 200,
        body: {
          Username: body.Username,
          Enabled: user.enabled,
          UserAttributes: Object.entries({ sub: `sub-${body.Username}`, ...user.attributes }).map(
            ([Name, Value]) => ({
              Name,
              Value,
            }),
          ),
        },
      };
    if (request.target.endsWith('.AdminListGroupsForUser'))
      return { status: 200, body: { Groups: user.groups.map((GroupName) => ({ GroupName })) } };
    return { status: 400, body: { __type: 'UnknownOperationException' } };
  };
  Object.assign(process.env, FAKE_AWS_CREDENTIALS, {
    USER_POOL_ID: POOL,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: fake.url,
  });
});

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  cognito.restore();
  await fake.close();
});

beforeEach(() => {
  cognito.reset();
  fake.seen.length = 0;
  users = {
    'op.banjaran': {
      enabled: true,
      groups: ['village_official'],
      attributes: { email: 'op@contoh.go.id', 'custom:village_code': '33.29.01.2001' },
    },
    'staf.satu': { enabled: true, groups: ['bappeda_staff'], attributes: { email: 'satu@contoh.go.id' } },
  };
});

/** The SDK calls made, in order: `[command name, input]`. */
const calls = () => cognito.calls().map((c) => [c.args[0].constructor.name, c.args[0].input] as const);

describe('creating a user', () => {
  it('AdminCreateUser with e-mail (verified), name and scope, Cognito sending its invitation; then AdminAddUserToGroup', async () => {
    cognito.on(AdminCreateUserCommand).resolves({
      User: {
        Username: 'fmpp.salem2',
        Enabled: true,
        Attributes: [
          { Name: 'sub', Value: 'sub-new' },
          { Name: 'email', Value: 'fmpp2@contoh.go.id' },
          { Name: 'name', Value: 'Relawan Dua' },
          { Name: 'custom:district_code', Value: '33.29.01' },
        ],
      },
    });
    cognito.on(AdminAddUserToGroupCommand).resolves({});
    const res = await api.create({
      username: 'fmpp.salem2',
      email: 'fmpp2@contoh.go.id',
      name: 'Relawan  Dua',
      role: 'fmpp_volunteer',
      districtCode: '33.29.01',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      username: 'fmpp.salem2',
      email: 'fmpp2@contoh.go.id',
      name: 'Relawan Dua',
      role: 'fmpp_volunteer',
      districtCode: '33.29.01',
      enabled: true,
    });
    expect(calls()).toEqual([
      [
        'AdminCreateUserCommand',
        {
          UserPoolId: POOL,
          Username: 'fmpp.salem2',
          DesiredDeliveryMediums: ['EMAIL'],
          UserAttributes: [
            { Name: 'email', Value: 'fmpp2@contoh.go.id' },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: 'Relawan Dua' },
            { Name: 'custom:district_code', Value: '33.29.01' },
          ],
        },
      ],
      [
        'AdminAddUserToGroupCommand',
        { UserPoolId: POOL, Username: 'fmpp.salem2', GroupName: 'fmpp_volunteer' },
      ],
    ]);
    expect(JSON.stringify(calls())).not.toContain('MessageAction');
    const audit = (await listAudit(todayInBrebes().year, 100)).items.filter(
      (e) => e.target === 'fmpp.salem2',
    );
    expect(audit.map((e) => e.action)).toEqual(['ACCOUNT_CREATED']);
  });

  it('maps UsernameExistsException and AliasExistsException to 400 on the field, adds no group, audits nothing', async () => {
    const auditBefore = (await listAudit(todayInBrebes().year, 500)).items.length;
    cognito
      .on(AdminCreateUserCommand)
      .rejects(new UsernameExistsException({ message: 'exists', $metadata: {} }));
    const taken = await api.create({
      username: 'op.banjaran',
      email: 'x@contoh.go.id',
      role: 'bappeda_staff',
    });
    expect(taken.status).toBe(400);
    expect(
      (taken.body as { error: { details: { field: string }[] } }).error.details.map((d) => d.field),
    ).toEqual(['username']);
    cognito.on(AdminCreateUserCommand).rejects(new AliasExistsException({ message: 'alias', $metadata: {} }));
    const email = await api.create({
      username: 'staf.dua',
      email: 'satu@contoh.go.id',
      role: 'bappeda_staff',
    });
    expect(
      (email.body as { error: { details: { field: string }[] } }).error.details.map((d) => d.field),
    ).toEqual(['email']);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
    expect((await listAudit(todayInBrebes().year, 500)).items.length).toBe(auditBefore);
  });

  it('answers 503 with Retry-After when Cognito throttles, and refuses bad input before any call', async () => {
    cognito
      .on(AdminCreateUserCommand)
      .rejects(new TooManyRequestsException({ message: 'slow down', $metadata: {} }));
    const res = await api.create({
      username: 'staf.tiga',
      email: 'tiga@contoh.go.id',
      role: 'bappeda_staff',
    });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('2');
    cognito.reset();
    expect((await api.create({ username: 'staf.tiga', email: 'tiga', role: 'bappeda_staff' })).status).toBe(
      400,
    );
    expect(calls()).toEqual([]);
  });
});

describe('moving, disabling and enabling a user', () => {
  it('a move to another village: AdminUpdateUserAttributes, then AdminUserGlobalSignOut; the web session moves at once', async () => {
    cognito.onAnyCommand().resolves({});
    // A session checked a minute ago: in AWS it would trust its scope for 5 minutes more.
    const id = randomBytes(32).toString('base64url');
    await putSession(id, {
      username: 'op.banjaran',
      principal: {
        sub: 'sub-op.banjaran',
        role: 'village_official',
        villageCode: '33.29.01.2001',
        districtCode: '33.29.01',
      },
      csrf: 'c'.repeat(24),
      checkedAt: Date.now() - 60_000,
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    });
    const res = await api.change('op.banjaran', { villageCode: '33.29.02.2001' });
    expect(res.status).toBe(200);
    expect(calls()).toEqual([
      [
        'AdminUpdateUserAttributesCommand',
        {
          UserPoolId: POOL,
          Username: 'op.banjaran',
          UserAttributes: [{ Name: 'custom:village_code', Value: '33.29.02.2001' }],
        },
      ],
      ['AdminUserGlobalSignOutCommand', { UserPoolId: POOL, Username: 'op.banjaran' }],
    ]);
    expect((await readStoredSession(id))?.principal).toMatchObject({
      villageCode: '33.29.02.2001',
      districtCode: '33.29.02',
    });
    // The next page sees the new village without asking Cognito again.
    fake.seen.length = 0;
    expect((await getPage(sys, '/', `gkb_session=${id}`)).body.toString()).toContain('Bangbayang');
    expect(fake.seen).toEqual([]);
  });

  it('a move to another role: old group out first, scope attributes set and deleted, new group last, signed out', async () => {
    cognito.onAnyCommand().resolves({});
    const res = await api.change('op.banjaran', { role: 'fmpp_volunteer', districtCode: '33.29.02' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'fmpp_volunteer', districtCode: '33.29.02' });
    expect(res.body).not.toHaveProperty('villageCode');
    expect(calls()).toEqual([
      [
        'AdminRemoveUserFromGroupCommand',
        { UserPoolId: POOL, Username: 'op.banjaran', GroupName: 'village_official' },
      ],
      [
        'AdminUpdateUserAttributesCommand',
        {
          UserPoolId: POOL,
          Username: 'op.banjaran',
          UserAttributes: [{ Name: 'custom:district_code', Value: '33.29.02' }],
        },
      ],
      [
        'AdminDeleteUserAttributesCommand',
        { UserPoolId: POOL, Username: 'op.banjaran', UserAttributeNames: ['custom:village_code'] },
      ],
      [
        'AdminAddUserToGroupCommand',
        { UserPoolId: POOL, Username: 'op.banjaran', GroupName: 'fmpp_volunteer' },
      ],
      ['AdminUserGlobalSignOutCommand', { UserPoolId: POOL, Username: 'op.banjaran' }],
    ]);
  });

  it('a disable: AdminDisableUser then AdminUserGlobalSignOut, sessions ended; an enable: AdminEnableUser alone', async () => {
    cognito.onAnyCommand().resolves({});
    const id = randomBytes(32).toString('base64url');
    await putSession(id, {
      username: 'op.banjaran',
      principal: {
        sub: 'sub-op.banjaran',
        role: 'village_official',
        villageCode: '33.29.01.2001',
        districtCode: '33.29.01',
      },
      csrf: 'c'.repeat(24),
      checkedAt: Date.now(),
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    });
    expect((await api.change('op.banjaran', { enabled: false })).status).toBe(200);
    expect(calls()).toEqual([
      ['AdminDisableUserCommand', { UserPoolId: POOL, Username: 'op.banjaran' }],
      ['AdminUserGlobalSignOutCommand', { UserPoolId: POOL, Username: 'op.banjaran' }],
    ]);
    expect(await readStoredSession(id)).toBeUndefined();
    expect((await getPage(sys, '/calon', `gkb_session=${id}`)).headers.location).toBe('/masuk');
    cognito.reset();
    cognito.onAnyCommand().resolves({});
    users['op.banjaran'] = { ...(users['op.banjaran'] as FakeUser), enabled: false };
    expect((await api.change('op.banjaran', { enabled: true })).status).toBe(200);
    expect(calls()).toEqual([['AdminEnableUserCommand', { UserPoolId: POOL, Username: 'op.banjaran' }]]);
  });

  it('a disable of a Bappeda user counts the enabled Bappeda users first (ListUsersInGroup), and refuses the last', async () => {
    cognito.on(ListUsersInGroupCommand).resolves({
      Users: [
        { Username: 'staf.satu', Enabled: true },
        { Username: 'staf.nonaktif', Enabled: false },
      ],
    });
    const res = await api.change('staf.satu', { enabled: false });
    expect(res.status).toBe(400);
    expect(calls()).toEqual([
      ['ListUsersInGroupCommand', { UserPoolId: POOL, GroupName: 'bappeda_staff', Limit: 60 }],
    ]);
    cognito.reset();
    cognito.on(ListUsersInGroupCommand).resolves({
      Users: [
        { Username: 'staf.satu', Enabled: true },
        { Username: 'staf.lain', Enabled: true },
      ],
    });
    cognito.on(AdminDisableUserCommand).resolves({});
    cognito.on(AdminUserGlobalSignOutCommand).resolves({});
    expect((await api.change('staf.satu', { enabled: false })).status).toBe(200);
    expect(calls().map(([name]) => name)).toEqual([
      'ListUsersInGroupCommand',
      'AdminDisableUserCommand',
      'AdminUserGlobalSignOutCommand',
    ]);
  });

  it('an unknown user is 404 (AdminGetUser says so) and nothing is changed', async () => {
    expect((await api.change('nobody', { enabled: false })).status).toBe(404);
    expect(calls()).toEqual([]);
  });
});

describe('listing users', () => {
  it('ListUsers page by page, and ListUsersInGroup for each group: a user in no group has no role', async () => {
    cognito
      .on(ListUsersCommand, { UserPoolId: POOL, Limit: 60 })
      .resolves({
        Users: [
          {
            Username: 'op.banjaran',
            Enabled: true,
            Attributes: [
              { Name: 'email', Value: 'op@contoh.go.id' },
              { Name: 'custom:village_code', Value: '33.29.01.2001' },
            ],
          },
        ],
        PaginationToken: 'next',
      })
      .on(ListUsersCommand, { UserPoolId: POOL, Limit: 60, PaginationToken: 'next' })
      .resolves({
        Users: [
          {
            Username: 'staf.satu',
            Enabled: false,
            Attributes: [{ Name: 'email', Value: 'satu@contoh.go.id' }],
          },
          {
            Username: 'tanpa.grup',
            Enabled: true,
            Attributes: [{ Name: 'email', Value: 'tanpa@contoh.go.id' }],
          },
        ],
      });
    cognito
      .on(ListUsersInGroupCommand, { GroupName: 'village_official' })
      .resolves({ Users: [{ Username: 'op.banjaran' }] })
      .on(ListUsersInGroupCommand, { GroupName: 'fmpp_volunteer' })
      .resolves({ Users: [] })
      .on(ListUsersInGroupCommand, { GroupName: 'bappeda_staff' })
      .resolves({ Users: [{ Username: 'staf.satu' }] });
    const res = await api.list();
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { username: 'staf.satu', email: 'satu@contoh.go.id', name: '', role: 'bappeda_staff', enabled: false },
      {
        username: 'op.banjaran',
        email: 'op@contoh.go.id',
        name: '',
        role: 'village_official',
        villageCode: '33.29.01.2001',
        enabled: true,
      },
      { username: 'tanpa.grup', email: 'tanpa@contoh.go.id', name: '', role: null, enabled: true },
    ]);
    expect(
      calls().map(([name, input]) => `${name} ${(input as { GroupName?: string }).GroupName ?? ''}`.trim()),
    ).toEqual([
      'ListUsersCommand',
      'ListUsersCommand',
      'ListUsersInGroupCommand village_official',
      'ListUsersInGroupCommand fmpp_volunteer',
      'ListUsersInGroupCommand bappeda_staff',
    ]);
  });
});
