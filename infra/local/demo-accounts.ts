import type { Account } from '../../shared/accounts/account.js';
import { listLocalAccounts, putLocalAccounts } from '../../shared/db/accounts.js';

/** The accounts a fresh local system has: each role, several villages and kecamatan. */
export const DEMO_ACCOUNTS: Account[] = [
  {
    username: 'op-banjaran',
    sub: 'demo-op-banjaran',
    name: 'Operator Desa Banjaran (Salem)',
    email: 'op.banjaran@contoh.brebeskab.go.id',
    role: 'village_official',
    villageCode: '33.29.01.2001',
    enabled: true,
  },
  {
    username: 'op-bentar',
    sub: 'demo-op-bentar',
    name: 'Operator Desa Bentar (Salem)',
    email: 'op.bentar@contoh.brebeskab.go.id',
    role: 'village_official',
    villageCode: '33.29.01.2002',
    enabled: true,
  },
  {
    username: 'op-bantarkawung',
    sub: 'demo-op-bangbayang',
    name: 'Operator Desa Bangbayang (Bantarkawung)',
    email: 'op.bangbayang@contoh.brebeskab.go.id',
    role: 'village_official',
    villageCode: '33.29.02.2001',
    enabled: true,
  },
  {
    username: 'fmpp-salem',
    sub: 'demo-fmpp-salem',
    name: 'Relawan FMPP Kecamatan Salem',
    email: 'fmpp.salem@contoh.brebeskab.go.id',
    role: 'fmpp_volunteer',
    districtCode: '33.29.01',
    enabled: true,
  },
  {
    username: 'fmpp-bantarkawung',
    sub: 'demo-fmpp-bantarkawung',
    name: 'Relawan FMPP Kecamatan Bantarkawung',
    email: 'fmpp.bantarkawung@contoh.brebeskab.go.id',
    role: 'fmpp_volunteer',
    districtCode: '33.29.02',
    enabled: true,
  },
  {
    username: 'bappeda',
    sub: 'demo-bappeda',
    name: 'Staf Bappeda Brebes',
    email: 'bappeda@contoh.brebeskab.go.id',
    role: 'bappeda_staff',
    enabled: true,
  },
];

/**
 * Gives a local system without accounts the demo ones. Accounts changed or added later
 * (Bappeda's accounts page) are kept across restarts, like Cognito's users.
 */
export async function ensureDemoAccounts(): Promise<void> {
  if ((await listLocalAccounts()).length === 0) await putLocalAccounts(DEMO_ACCOUNTS);
}
