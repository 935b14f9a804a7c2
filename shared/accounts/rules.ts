import { isAcceptableName, normaliseName } from '../domain/names.js';
import { findDistrict, findVillage } from '../domain/regions.js';
import type { FieldProblem } from '../errors.js';
import { addMessages } from '../i18n.js';
import { ROLE_LABELS } from '../labels.js';
import type { Role } from '../principal.js';
import type { Account } from './account.js';
import { accountMessages } from './messages.js';
import type { AccountChange, AccountInput } from './schemas.js';

export type { AccountChange, AccountInput } from './schemas.js';

addMessages(accountMessages);

/**
 * The rules of an account as Bappeda creates or changes it, pure: who it is (username,
 * e-mail, name) and what it may do (role and scope). The same rules serve the API, the web
 * form and each row of an accounts sheet.
 */

/**
 * Lower-case so that a username means one account whatever the case (the pool signs in
 * case-insensitively); never an e-mail address (the pool takes e-mail as a sign-in alias).
 */
export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
/** One address, as people type it: something@domain.tld, no spaces, at most 254 characters. */
const EMAIL =
  /^[^\s@<>()",;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** What an account may do: its role and the one scope that role takes. */
export interface AccountScope {
  role: Role;
  villageCode?: string;
  districtCode?: string;
}

const roleName = (role: Role) => ROLE_LABELS[role][0];

/** The problems of a role with the scope given: the scope it needs, in Brebes, and no other. */
export function scopeProblems(scope: AccountScope): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { role, villageCode, districtCode } = scope;
  if (role === 'village_official') {
    if (!villageCode) problems.push({ field: 'villageCode', key: 'account.villageRequired' });
    else if (!findVillage(villageCode)) problems.push({ field: 'villageCode', key: 'village.unknown' });
  } else if (villageCode)
    problems.push({
      field: 'villageCode',
      key: 'account.villageNotForRole',
      params: { role: roleName(role) },
    });
  if (role === 'fmpp_volunteer') {
    if (!districtCode) problems.push({ field: 'districtCode', key: 'account.districtRequired' });
    else if (!findDistrict(districtCode)) problems.push({ field: 'districtCode', key: 'district.unknown' });
  } else if (districtCode)
    problems.push({
      field: 'districtCode',
      key: 'account.districtNotForRole',
      params: { role: roleName(role) },
    });
  return problems;
}

/** A new account's fields checked, normalised (trimmed, e-mail as typed, name's spaces folded), or every problem. */
export function checkNewAccount(
  input: AccountInput,
): { account: Omit<Account, 'sub' | 'enabled'>; problems: [] } | { problems: FieldProblem[] } {
  const username = input.username.trim();
  const email = input.email.trim();
  const name = normaliseName(input.name ?? '');
  const villageCode = input.villageCode?.trim() || undefined;
  const districtCode = input.districtCode?.trim() || undefined;
  const problems: FieldProblem[] = [];
  if (!USERNAME.test(username)) problems.push({ field: 'username', key: 'account.username' });
  if (email.length > 254 || !EMAIL.test(email)) problems.push({ field: 'email', key: 'account.email' });
  if (input.name !== undefined && (name.length === 0 || name.length > 100 || !isAcceptableName(name)))
    problems.push({ field: 'name', key: 'account.name' });
  problems.push(...scopeProblems({ role: input.role, villageCode, districtCode }));
  if (problems.length > 0) return { problems };
  return {
    account: {
      username,
      email,
      name,
      role: input.role,
      ...(input.role === 'village_official' ? { villageCode } : {}),
      ...(input.role === 'fmpp_volunteer' ? { districtCode } : {}),
    },
    problems: [],
  };
}

/**
 * The role and scope after a change: a scope sent replaces the old one; a role sent without a
 * scope keeps none of the old one unless the role is the same. Undefined role (an account in
 * no GKB group) stays so unless a role is sent.
 */
export function scopeAfter(account: Account, change: AccountChange): AccountScope | undefined {
  const role = change.role ?? account.role;
  if (!role) return undefined;
  const sendsScope = change.villageCode !== undefined || change.districtCode !== undefined;
  const keepOld = !sendsScope && role === account.role;
  const villageCode = (keepOld ? account.villageCode : change.villageCode?.trim()) || undefined;
  const districtCode = (keepOld ? account.districtCode : change.districtCode?.trim()) || undefined;
  return {
    role,
    ...(villageCode ? { villageCode } : {}),
    ...(districtCode ? { districtCode } : {}),
  };
}

/** Whether an account counts towards "someone can still manage accounts". */
export const isEnabledBappeda = (a: Pick<Account, 'role' | 'enabled'>): boolean =>
  a.enabled && a.role === 'bappeda_staff';

/** The account as the API answers it: never the `sub`. */
export function accountView(a: Account) {
  return {
    username: a.username,
    email: a.email,
    name: a.name,
    role: a.role,
    ...(a.villageCode ? { villageCode: a.villageCode } : {}),
    ...(a.districtCode ? { districtCode: a.districtCode } : {}),
    enabled: a.enabled,
  };
}
export type AccountView = ReturnType<typeof accountView>;
