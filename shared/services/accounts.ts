import { type Account, principalOfAccount } from '../accounts/account.js';
import { readCognitoAccount } from '../accounts/cognito.js';
import { listLocalAccounts, readLocalAccount } from '../db/accounts.js';
import type { Principal } from '../principal.js';

/** Where accounts live: Cognito when the function knows its user pool, else the local identity provider. */
const usesCognito = (): boolean => Boolean(process.env.USER_POOL_ID);

export function readAccount(username: string): Promise<Account | undefined> {
  return usesCognito() ? readCognitoAccount(username) : readLocalAccount(username);
}

/**
 * What a signed-in person may do now, from their account as it is now: undefined when it was
 * disabled or deleted, or lost its role; another scope when it was moved.
 */
export async function currentPrincipal(username: string): Promise<Principal | undefined> {
  return principalOfAccount(await readAccount(username));
}

/**
 * How long a web session trusts the account as it was last read: 5 minutes with Cognito (two
 * calls per check), at once locally, where reading the account is one GetItem.
 */
export const accountRecheckSeconds = (): number => (usesCognito() ? 300 : 0);

/** The local identity provider's accounts one may sign in as (`npm start`, tests). */
export const localAccountsToSignIn = async (): Promise<Account[]> =>
  (await listLocalAccounts()).filter((a) => a.enabled);

/** Who signs in as a local account: its principal, or undefined for an unknown or disabled one. */
export const localSignIn = async (username: string): Promise<Principal | undefined> =>
  principalOfAccount(await readLocalAccount(username));
