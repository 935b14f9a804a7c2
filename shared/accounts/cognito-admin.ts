import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { DomainError, validationFailed } from '../errors.js';
import { ROLES, type Role } from '../principal.js';
import type { Account } from './account.js';
import type { AccountScope } from './rules.js';

/**
 * Bappeda's writes to the Cognito user pool, by the SDK's client (only the `accounts` function
 * carries it; the per-session read stays a signed call in shared/accounts/cognito.ts, see
 * docs/decisions.md). Each function here is the exact sequence of admin calls one change
 * needs; the tests pin them with aws-sdk-client-mock.
 */
let client: CognitoIdentityProviderClient | undefined;
const cognito = () => {
  client ??= new CognitoIdentityProviderClient({ maxAttempts: 3 });
  return client;
};

const userPoolId = (): string => {
  const id = process.env.USER_POOL_ID;
  if (!id) throw new Error('USER_POOL_ID is not set');
  return id;
};

/** Cognito's answers that mean something to the caller; anything else stays unexpected. */
function mapped(error: unknown): unknown {
  const name = error instanceof Error ? error.name : '';
  if (name === 'UsernameExistsException')
    return validationFailed([{ field: 'username', key: 'account.usernameTaken' }]);
  if (name === 'AliasExistsException')
    return validationFailed([{ field: 'email', key: 'account.emailTaken' }]);
  if (name === 'UserNotFoundException') return new DomainError('NOT_FOUND', { cause: error });
  if (
    name === 'TooManyRequestsException' ||
    name === 'LimitExceededException' ||
    name === 'InternalErrorException'
  )
    return new DomainError('RETRY_LATER', { retryAfter: 2, cause: error });
  return error;
}

async function send<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw mapped(error);
  }
}

const scopeAttributes = (scope: AccountScope): AttributeType[] => [
  ...(scope.villageCode ? [{ Name: 'custom:village_code', Value: scope.villageCode }] : []),
  ...(scope.districtCode ? [{ Name: 'custom:district_code', Value: scope.districtCode }] : []),
];

/**
 * A new user in their group: AdminCreateUser (Cognito e-mails the invitation with a temporary
 * password) with the e-mail marked verified, the name and the scope attribute, then
 * AdminAddUserToGroup. A user whose group could not be added exists without a role: it may do
 * nothing, is listed with no role, and a PATCH with its role finishes it.
 */
export async function createCognitoAccount(
  account: Omit<Account, 'sub' | 'enabled'> & AccountScope,
): Promise<Account> {
  const { User } = await send(() =>
    cognito().send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId(),
        Username: account.username,
        DesiredDeliveryMediums: ['EMAIL'],
        UserAttributes: [
          { Name: 'email', Value: account.email },
          { Name: 'email_verified', Value: 'true' },
          ...(account.name ? [{ Name: 'name', Value: account.name }] : []),
          ...scopeAttributes(account),
        ],
      }),
    ),
  );
  await send(() =>
    cognito().send(
      new AdminAddUserToGroupCommand({
        UserPoolId: userPoolId(),
        Username: account.username,
        GroupName: account.role,
      }),
    ),
  );
  return { ...accountOf(User ?? {}, account.role), username: account.username };
}

/**
 * Moves a user to another role or scope. The old group goes first and the new one last, so
 * that a failure half way leaves a user with less, never more: the scope attribute set, the
 * one that no longer applies deleted.
 */
export async function moveCognitoAccount(before: Account, after: AccountScope): Promise<void> {
  const pool = userPoolId();
  const Username = before.username;
  if (before.role && before.role !== after.role)
    await send(() =>
      cognito().send(
        new AdminRemoveUserFromGroupCommand({ UserPoolId: pool, Username, GroupName: before.role ?? '' }),
      ),
    );
  const set = scopeAttributes(after).filter(
    (a) =>
      (a.Name === 'custom:village_code' && a.Value !== before.villageCode) ||
      (a.Name === 'custom:district_code' && a.Value !== before.districtCode),
  );
  if (set.length > 0)
    await send(() =>
      cognito().send(
        new AdminUpdateUserAttributesCommand({ UserPoolId: pool, Username, UserAttributes: set }),
      ),
    );
  const gone = [
    ...(before.villageCode && !after.villageCode ? ['custom:village_code'] : []),
    ...(before.districtCode && !after.districtCode ? ['custom:district_code'] : []),
  ];
  if (gone.length > 0)
    await send(() =>
      cognito().send(
        new AdminDeleteUserAttributesCommand({ UserPoolId: pool, Username, UserAttributeNames: gone }),
      ),
    );
  if (before.role !== after.role)
    await send(() =>
      cognito().send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username, GroupName: after.role })),
    );
}

/** Disables a user (no new sign-in, no token refresh), or enables them again. */
export async function setCognitoAccountEnabled(username: string, enabled: boolean): Promise<void> {
  const input = { UserPoolId: userPoolId(), Username: username };
  await send(() =>
    cognito().send(enabled ? new AdminEnableUserCommand(input) : new AdminDisableUserCommand(input)),
  );
}

/**
 * Revokes a moved or disabled user's refresh tokens (AdminUserGlobalSignOut): no new ID token
 * with the old claims. An ID token already issued stays valid until it expires (1 hour).
 */
export async function signOutCognitoAccount(username: string): Promise<void> {
  await send(() =>
    cognito().send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId(), Username: username })),
  );
}

/** How many users of the Bappeda group are enabled (ListUsersInGroup, 60 a page). */
export async function enabledCognitoBappedaCount(): Promise<number> {
  let count = 0;
  let next: string | undefined;
  do {
    const page = await send(() =>
      cognito().send(
        new ListUsersInGroupCommand({
          UserPoolId: userPoolId(),
          GroupName: 'bappeda_staff',
          Limit: 60,
          NextToken: next,
        }),
      ),
    );
    count += (page.Users ?? []).filter((u) => u.Enabled !== false).length;
    next = page.NextToken;
  } while (next);
  return count;
}

/**
 * Every user of the pool with their role: ListUsers (60 a page) for the users and their state,
 * ListUsersInGroup (60 a page) for each GKB group. A user in no GKB group, or in two, has no
 * role. For the few hundred accounts of a regency: a handful of calls.
 */
export async function listCognitoAccounts(): Promise<Account[]> {
  const pool = userPoolId();
  const users: UserType[] = [];
  let token: string | undefined;
  do {
    const page = await send(() =>
      cognito().send(new ListUsersCommand({ UserPoolId: pool, Limit: 60, PaginationToken: token })),
    );
    users.push(...(page.Users ?? []));
    token = page.PaginationToken;
  } while (token);
  const groupsOf = new Map<string, Role[]>();
  for (const group of ROLES) {
    let next: string | undefined;
    do {
      const page = await send(() =>
        cognito().send(
          new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: group, Limit: 60, NextToken: next }),
        ),
      );
      for (const u of page.Users ?? []) {
        const name = u.Username ?? '';
        groupsOf.set(name, [...(groupsOf.get(name) ?? []), group]);
      }
      next = page.NextToken;
    } while (next);
  }
  return users.map((u) => {
    const roles = groupsOf.get(u.Username ?? '') ?? [];
    return accountOf(u, roles.length === 1 ? (roles[0] ?? null) : null);
  });
}

function accountOf(user: UserType, role: Role | null): Account {
  const attribute = (name: string) => user.Attributes?.find((a) => a.Name === name)?.Value;
  const villageCode = attribute('custom:village_code');
  const districtCode = attribute('custom:district_code');
  return {
    username: user.Username ?? '',
    sub: attribute('sub') ?? '',
    name: attribute('name') ?? '',
    email: attribute('email') ?? '',
    role,
    ...(villageCode ? { villageCode } : {}),
    ...(districtCode ? { districtCode } : {}),
    enabled: user.Enabled !== false,
  };
}
