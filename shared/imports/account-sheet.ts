import type { Account } from '../accounts/account.js';
import { type AccountInput, checkNewAccount } from '../accounts/rules.js';
import type { Message } from '../i18n.js';
import type { Role } from '../principal.js';
import { cellText } from './cells.js';
import type { FileColumn, ImportRow } from './read-file.js';

/**
 * An accounts sheet (CSV or XLSX, read by the survey import's bounded readers): one account a
 * row, checked with the very rules of `POST /users`.
 */
export const ACCOUNT_COLUMNS = [
  { header: 'Username', field: 'username', required: true },
  { header: 'Email', field: 'email', required: true },
  { header: 'Nama', field: 'name', required: false },
  { header: 'Peran', field: 'role', required: true },
  { header: 'Kode Desa', field: 'villageCode', required: false },
  { header: 'Kode Kecamatan', field: 'districtCode', required: false },
] as const satisfies readonly (FileColumn & { field: string })[];

/** A regency's accounts fit a few files; each row is two Cognito calls within one request's time. */
export const MAX_ACCOUNT_ROWS = 200;

/** `Peran` as people write it (case, spaces and hyphens ignored), in Indonesian or as the role itself. */
const ROLE_WORDS: Record<string, Role> = {
  OPERATOR_DESA: 'village_official',
  VILLAGE_OFFICIAL: 'village_official',
  RELAWAN_FMPP: 'fmpp_volunteer',
  FMPP: 'fmpp_volunteer',
  FMPP_VOLUNTEER: 'fmpp_volunteer',
  BAPPEDA: 'bappeda_staff',
  STAF_BAPPEDA: 'bappeda_staff',
  BAPPEDA_STAFF: 'bappeda_staff',
};
export const roleOfWord = (word: string): Role | undefined =>
  Object.hasOwn(ROLE_WORDS, word) ? ROLE_WORDS[word] : undefined;
const roleWord = (text: string) =>
  text
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');

export type AccountRowStatus = 'OK' | 'ERROR' | 'DUPLICATE';

export interface AccountRowMessage extends Message {
  column: string;
}

export interface CheckedAccountRow {
  row: number;
  /** The username as written (not personal: what the person signs in with). */
  username: string;
  status: AccountRowStatus;
  messages: AccountRowMessage[];
  /** The account to create, for an OK row. */
  account?: Omit<Account, 'sub' | 'enabled'>;
}

const columnOf = (field: string) => ACCOUNT_COLUMNS.find((c) => c.field === field)?.header ?? '';

/**
 * Every row checked in file order: its fields as `POST /users` checks them; DUPLICATE when the
 * username is an existing account's or an earlier row's; an e-mail already used is an error.
 */
export function checkAccountRows(
  rows: ImportRow[],
  existing: { usernames: Set<string>; emails: Set<string> },
): CheckedAccountRow[] {
  const seen = new Map<string, number>();
  const emailsSeen = new Set(existing.emails);
  return rows.map(({ line, cells }) => {
    const text = (header: string) => cellText(cells[header]);
    const username = text('Username').toLowerCase();
    const role = roleOfWord(roleWord(text('Peran')));
    const messages: AccountRowMessage[] = [];
    if (!role) messages.push({ column: 'Peran', key: 'account.role' });
    const name = text('Nama');
    const input: AccountInput = {
      username,
      email: text('Email'),
      role: role ?? 'bappeda_staff',
      ...(name ? { name } : {}),
      ...(text('Kode Desa') ? { villageCode: text('Kode Desa') } : {}),
      ...(text('Kode Kecamatan') ? { districtCode: text('Kode Kecamatan') } : {}),
    };
    const checked = checkNewAccount(input);
    // Without a role, the scope cannot be judged: only the role's own problem is said.
    const problems = checked.problems.filter(
      (p) => role || (p.field !== 'villageCode' && p.field !== 'districtCode'),
    );
    messages.push(
      ...problems.map(({ field, key, params }) => ({
        column: columnOf(field),
        key,
        ...(params ? { params } : {}),
      })),
    );
    if (messages.length > 0 || !('account' in checked))
      return { row: line, username, status: 'ERROR', messages };
    const earlier = seen.get(username);
    if (existing.usernames.has(username) || earlier !== undefined)
      return {
        row: line,
        username,
        status: 'DUPLICATE',
        messages: [
          earlier !== undefined
            ? { column: 'Username', key: 'account.duplicateInFile', params: { line: earlier } }
            : { column: 'Username', key: 'account.exists' },
        ],
      };
    seen.set(username, line);
    const email = checked.account.email.toLowerCase();
    if (emailsSeen.has(email))
      return {
        row: line,
        username,
        status: 'ERROR',
        messages: [{ column: 'Email', key: 'account.emailTaken' }],
      };
    emailsSeen.add(email);
    return { row: line, username, status: 'OK', messages: [], account: checked.account };
  });
}
