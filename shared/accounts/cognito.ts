import { AwsServiceError, callAws } from '../aws/aws-json.js';
import { ROLES, type Role } from '../principal.js';
import type { Account } from './account.js';

interface CognitoUser {
  Username?: string;
  Enabled?: boolean;
  UserAttributes?: { Name?: string; Value?: string }[];
}

const userPoolId = (): string => {
  const id = process.env.USER_POOL_ID;
  if (!id) throw new Error('USER_POOL_ID is not set');
  return id;
};

/**
 * A Cognito user as an account: AdminGetUser for its attributes and state, then
 * AdminListGroupsForUser for its role. Undefined when the user does not exist; an account
 * without exactly one GKB group has no role (principalOfAccount then refuses it).
 */
export async function readCognitoAccount(username: string): Promise<Account | undefined> {
  let user: CognitoUser;
  try {
    user = await callAws<CognitoUser>('cognito', 'AdminGetUser', {
      UserPoolId: userPoolId(),
      Username: username,
    });
  } catch (error) {
    if (error instanceof AwsServiceError && error.type === 'UserNotFoundException') return undefined;
    throw error;
  }
  const { Groups } = await callAws<{ Groups?: { GroupName?: string }[] }>(
    'cognito',
    'AdminListGroupsForUser',
    {
      UserPoolId: userPoolId(),
      Username: username,
      Limit: 10,
    },
  );
  const roles = (Groups ?? []).map((g) => g.GroupName).filter((g): g is Role => ROLES.some((r) => r === g));
  const attribute = (name: string) => user.UserAttributes?.find((a) => a.Name === name)?.Value;
  const villageCode = attribute('custom:village_code');
  const districtCode = attribute('custom:district_code');
  return {
    username: user.Username ?? username,
    sub: attribute('sub') ?? '',
    name: attribute('name') ?? '',
    email: attribute('email') ?? '',
    role: roles.length === 1 ? (roles[0] ?? null) : null,
    ...(villageCode ? { villageCode } : {}),
    ...(districtCode ? { districtCode } : {}),
    enabled: user.Enabled === true,
  };
}
