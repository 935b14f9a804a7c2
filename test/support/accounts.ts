import { readLocalAccount } from '../../shared/db/accounts.js';
import type { TestSystem } from './system.js';

/** A Bappeda token and a helper to create accounts through the API. */
export async function accountApi(sys: TestSystem) {
  const token = await sys.token('bappeda_staff');
  return {
    token,
    create: (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      sys.request<Record<string, unknown>>('POST', '/users', { token, body, headers }),
    change: (username: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      sys.request<Record<string, unknown>>('PATCH', `/users/${username}`, { token, body, headers }),
    list: (query = '') => sys.request<Record<string, unknown>[]>('GET', `/users${query}`, { token }),
  };
}

export async function localAccount(username: string) {
  const account = await readLocalAccount(username);
  if (!account) throw new Error(`no local account ${username}`);
  return account;
}

/** An accounts sheet as CSV text. */
export const accountSheet = (rows: string[][]) =>
  ['Username,Email,Nama,Peran,Kode Desa,Kode Kecamatan', ...rows.map((r) => r.join(','))].join('\n');
