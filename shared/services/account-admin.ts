import { randomUUID } from 'node:crypto';
import { type Account, principalOfAccount } from '../accounts/account.js';
import {
  createCognitoAccount,
  enabledCognitoBappedaCount,
  listCognitoAccounts,
  moveCognitoAccount,
  setCognitoAccountEnabled,
  signOutCognitoAccount,
} from '../accounts/cognito-admin.js';
import {
  type AccountChange,
  type AccountInput,
  type AccountScope,
  checkNewAccount,
  isEnabledBappeda,
  scopeAfter,
  scopeProblems,
} from '../accounts/rules.js';
import { now } from '../clock.js';
import { createLocalAccount, listLocalAccounts, saveLocalAccount } from '../db/accounts.js';
import { type AuditValue, writeAudit } from '../db/audit.js';
import { withBappedaLock } from '../db/bappeda-lock.js';
import { rescopeUserSessions } from '../db/sessions.js';
import { todayInBrebes } from '../domain/dates.js';
import { findVillage } from '../domain/regions.js';
import { DomainError, validationFailed } from '../errors.js';
import { type Lang, render } from '../i18n.js';
import {
  ACCOUNT_COLUMNS,
  type AccountRowStatus,
  type CheckedAccountRow,
  checkAccountRows,
  MAX_ACCOUNT_ROWS,
} from '../imports/account-sheet.js';
import { readImportFile } from '../imports/read-file.js';
import type { Principal, Role } from '../principal.js';
import { readAccount } from './accounts.js';

/**
 * Bappeda's accounts: listing, creating, moving, disabling and enabling them, one at a time or
 * from a sheet. In AWS they are Cognito users (shared/accounts/cognito-admin.ts); locally the
 * identity provider's accounts in the table. Every change is audited, ends or rescopes the
 * person's web sessions at once, and never leaves the regency without an enabled Bappeda account.
 */
const usesCognito = (): boolean => Boolean(process.env.USER_POOL_ID);

function requireBappeda(p: Principal): void {
  if (p.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
}

const districtOf = (a: Account): string | undefined =>
  a.districtCode ?? (a.villageCode ? findVillage(a.villageCode)?.districtCode : undefined);

const ROLE_ORDER: (Role | null)[] = ['bappeda_staff', 'fmpp_volunteer', 'village_official', null];

/** Every account (optionally of one role, or of one kecamatan), by role, then place, then username. */
export async function listAccounts(
  p: Principal,
  filter: { role?: Role; district?: string } = {},
): Promise<Account[]> {
  requireBappeda(p);
  const all = usesCognito() ? await listCognitoAccounts() : await listLocalAccounts();
  return all
    .filter((a) => !filter.role || a.role === filter.role)
    .filter((a) => !filter.district || districtOf(a) === filter.district)
    .sort(
      (a, b) =>
        ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) ||
        (a.villageCode ?? a.districtCode ?? '').localeCompare(b.villageCode ?? b.districtCode ?? '') ||
        a.username.localeCompare(b.username),
    );
}

const scopeDetails = (a: Pick<Account, 'role' | 'villageCode' | 'districtCode' | 'enabled'>) => ({
  role: a.role,
  villageCode: a.villageCode ?? null,
  districtCode: a.districtCode ?? null,
  enabled: a.enabled,
});

async function audit(
  p: Principal,
  action: 'ACCOUNT_CREATED' | 'ACCOUNT_CHANGED',
  username: string,
  details: Record<string, AuditValue>,
): Promise<void> {
  const at = now();
  await writeAudit({
    at: at.toISOString(),
    actor: { id: p.sub, role: p.role },
    action,
    year: todayInBrebes(at).year,
    target: username,
    details,
  });
}

/** Creates a checked account where accounts live (Cognito sends its invitation), and audits it. */
async function createChecked(p: Principal, account: Omit<Account, 'sub' | 'enabled'>): Promise<Account> {
  const role = account.role;
  if (!role) throw validationFailed([{ field: 'role', key: 'field.required' }]);
  const created = usesCognito()
    ? await createCognitoAccount({ ...account, role })
    : { ...account, sub: `local-${randomUUID()}`, enabled: true };
  if (!usesCognito()) await createLocalAccount(created);
  await audit(p, 'ACCOUNT_CREATED', created.username, scopeDetails(created));
  return created;
}

/** `POST /users`: a new account, enabled, in its role and scope. */
export async function createAccount(p: Principal, input: AccountInput): Promise<Account> {
  requireBappeda(p);
  const checked = checkNewAccount(input);
  if (!('account' in checked)) throw validationFailed(checked.problems);
  return createChecked(p, checked.account);
}

const enabledBappedaCount = async (): Promise<number> =>
  usesCognito() ? enabledCognitoBappedaCount() : (await listLocalAccounts()).filter(isEnabledBappeda).length;

/**
 * `PATCH /users/{username}`: moves an account (role, village, kecamatan) and/or disables or
 * enables it. A change that would leave no enabled Bappeda account is refused, counted and
 * made under the Bappeda lock so that two at once cannot both pass. The person's web sessions
 * get the new scope, or end, from their next request on.
 */
export async function changeAccount(p: Principal, username: string, change: AccountChange): Promise<Account> {
  requireBappeda(p);
  if (Object.keys(change).length === 0)
    throw validationFailed([{ field: 'body', key: 'account.nothingChanged' }]);
  const before = await readAccount(username);
  if (!before) throw new DomainError('NOT_FOUND');
  const scope = scopeAfter(before, change);
  if (!scope) throw validationFailed([{ field: 'role', key: 'field.required' }]);
  const problems = scopeProblems(scope);
  if (problems.length > 0) throw validationFailed(problems);
  const { villageCode: _v, districtCode: _d, ...rest } = before;
  const after: Account = { ...rest, ...scope, enabled: change.enabled ?? before.enabled };
  const moved =
    after.role !== before.role ||
    after.villageCode !== before.villageCode ||
    after.districtCode !== before.districtCode;
  const enabling = after.enabled !== before.enabled;
  if (!moved && !enabling) return before;

  const apply = async () => {
    if (isEnabledBappeda(before) && !isEnabledBappeda(after) && (await enabledBappedaCount()) <= 1)
      throw validationFailed([{ field: after.enabled ? 'role' : 'enabled', key: 'account.lastBappeda' }]);
    if (usesCognito()) await applyInCognito(before, after, scope, moved);
    else if (!(await saveLocalAccount(after))) throw new DomainError('NOT_FOUND');
  };
  if (isEnabledBappeda(before) && !isEnabledBappeda(after)) await withBappedaLock(apply);
  else await apply();

  // Web sessions: ended, or given the new scope, at once (tokens: see docs/operations).
  if (moved || !after.enabled) await rescopeUserSessions(username, principalOfAccount(after));
  await audit(p, 'ACCOUNT_CHANGED', username, {
    ...Object.fromEntries(Object.entries(scopeDetails(before)).map(([k, v]) => [`${k}Before`, v])),
    ...Object.fromEntries(Object.entries(scopeDetails(after)).map(([k, v]) => [`${k}After`, v])),
  });
  return after;
}

/** A disable first, an enable last, so that a move never runs on an account being switched on. */
async function applyInCognito(before: Account, after: Account, scope: AccountScope, moved: boolean) {
  if (before.enabled && !after.enabled) await setCognitoAccountEnabled(before.username, false);
  if (moved) await moveCognitoAccount(before, scope);
  if (!before.enabled && after.enabled) await setCognitoAccountEnabled(before.username, true);
  if (moved || !after.enabled) await signOutCognitoAccount(before.username);
}

export interface AccountImportReport {
  summary: { rows: number; ok: number; errors: number; duplicates: number; created: number };
  rows: {
    row: number;
    username: string;
    status: AccountRowStatus;
    created: boolean;
    messages: { column: string; message: string }[];
  }[];
}

/** Time a sheet's accounts may take to create, of the function's 29 s. */
const CREATE_BUDGET_MS = 20_000;

/**
 * An accounts sheet checked row by row (`dryRun`), or its OK rows created in file order: the
 * survey import's readers, limits and hostile-file defences, the rules of `POST /users`.
 * Rows left when time runs out are reported as not created; the same file sent again skips
 * the accounts that now exist.
 */
export async function importAccounts(
  p: Principal,
  options: { bytes: Uint8Array; contentType: string; dryRun: boolean; lang: Lang },
): Promise<{ report: AccountImportReport; checked: CheckedAccountRow[] }> {
  requireBappeda(p);
  const rows = await readImportFile(options.bytes, options.contentType, ACCOUNT_COLUMNS);
  if (rows.length > MAX_ACCOUNT_ROWS)
    throw validationFailed([
      { field: 'file', key: 'account.tooManyRows', params: { max: MAX_ACCOUNT_ROWS } },
    ]);
  const existing = await listAccounts(p);
  const checked = checkAccountRows(rows, {
    usernames: new Set(existing.map((a) => a.username.toLowerCase())),
    emails: new Set(existing.map((a) => a.email.toLowerCase())),
  });
  const created = new Set<number>();
  if (!options.dryRun) {
    const deadline = Date.now() + CREATE_BUDGET_MS;
    for (const row of checked) {
      if (row.status !== 'OK' || !row.account) continue;
      if (Date.now() > deadline) {
        row.status = 'ERROR';
        row.messages = [{ column: '', key: 'account.notCreated' }];
        continue;
      }
      try {
        await createChecked(p, row.account);
        created.add(row.row);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'VALIDATION_FAILED') throw error;
        // Taken meanwhile (another upload, the form): reported on its row, the rest goes on.
        row.status = 'ERROR';
        row.messages = error.details.map(({ field, key, params }) => ({
          column: ACCOUNT_COLUMNS.find((c) => c.field === field)?.header ?? '',
          key,
          ...(params ? { params } : {}),
        }));
      }
    }
  }
  const count = (s: AccountRowStatus) => checked.filter((r) => r.status === s).length;
  return {
    checked,
    report: {
      summary: {
        rows: checked.length,
        ok: count('OK'),
        errors: count('ERROR'),
        duplicates: count('DUPLICATE'),
        created: created.size,
      },
      rows: checked.map((r) => ({
        row: r.row,
        username: r.username,
        status: r.status,
        created: created.has(r.row),
        messages: r.messages.map((m) => ({ column: m.column, message: render(m, options.lang) })),
      })),
    },
  };
}
