import { DomainError } from '../errors.js';
import { type Principal, principalFromClaims, type Role } from '../principal.js';

/**
 * A person's account: who signs in, in which role and scope. In AWS it is a Cognito user
 * (its group is the role, `custom:village_code` / `custom:district_code` the scope); locally
 * the identity provider keeps the same fields in the table (shared/db/accounts.ts).
 */
export interface Account {
  username: string;
  /** The stable subject id (Cognito's `sub`), what records name as their actor. */
  sub: string;
  name: string;
  email: string;
  /** null when the account is in no GKB group, or in more than one: it may do nothing. */
  role: Role | null;
  villageCode?: string;
  districtCode?: string;
  enabled: boolean;
}

/**
 * What an account may do now: the principal its role and scope give, or undefined when it is
 * disabled or its role or scope is no longer valid (no role, or a place outside Brebes). The
 * same rules as a token's claims (`principalFromClaims`), so sign-in and rechecks agree.
 */
export function principalOfAccount(account: Account | undefined): Principal | undefined {
  if (!account?.enabled || !account.role) return undefined;
  try {
    return principalFromClaims({
      sub: account.sub,
      'cognito:groups': [account.role],
      ...(account.villageCode ? { 'custom:village_code': account.villageCode } : {}),
      ...(account.districtCode ? { 'custom:district_code': account.districtCode } : {}),
    });
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
  }
}
