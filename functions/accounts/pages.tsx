import type { Account } from '../../shared/accounts/account.js';
import { type AccountChange, accountInputSchema } from '../../shared/accounts/schemas.js';
import { districts } from '../../shared/domain/regions.js';
import { DomainError, validationFailed } from '../../shared/errors.js';
import { ROLES, type Role } from '../../shared/principal.js';
import { parseWith } from '../../shared/schema-problems.js';
import { changeAccount, createAccount, listAccounts } from '../../shared/services/account-admin.js';
import { readAccount } from '../../shared/services/accounts.js';
import type { GkbContext } from '../http/app.js';
import { ConfirmStep } from '../web/confirm.js';
import { districtName, villageText } from '../web/format.js';
import { ErrorSummary, Field, Options, type Problems } from '../web/forms.js';
import { Empty, PageTitle } from '../web/help.js';
import { page, postedForm, problemsOf, tOf, viewer } from '../web/shell.js';
import { roleLabel, type T } from '../web/ui.js';

/**
 * Bappeda's accounts pages: the list (by role and kecamatan), a new account, and one account
 * to move, disable (after a confirmation) or enable. Every action ends on a page that says
 * what it did.
 */
function bappeda(c: GkbContext) {
  const p = viewer(c);
  if (p.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
  return p;
}

const isRole = (value: string | undefined): value is Role => ROLES.some((r) => r === value);

/** Where an account works: "Desa Banjaran, Kec. Salem", "Kec. Salem", "Kabupaten Brebes". */
function placeText(t: T, a: Pick<Account, 'role' | 'villageCode' | 'districtCode'>): string {
  if (a.villageCode) return `${t('Desa', 'Village')} ${villageText(a.villageCode)}`;
  if (a.districtCode) return `Kec. ${districtName(a.districtCode)}`;
  return a.role === 'bappeda_staff'
    ? t('Kabupaten Brebes', 'Brebes regency')
    : t('(tanpa wilayah)', '(no area)');
}

const roleText = (t: T, role: Role | null) => (role ? roleLabel(t, role) : t('(tanpa peran)', '(no role)'));

const roleOptions = (t: T) => ROLES.map((r) => [r, roleLabel(t, r)] as const);
const districtOptions = districts.map((d) => [d.code, `${d.name} (${d.code})`] as const);

/** The list, with the filter by role and kecamatan and a banner after an action. */
export async function accountsPage(c: GkbContext) {
  const p = bappeda(c);
  const t = tOf(c);
  const role = c.req.query('peran');
  const district = c.req.query('kecamatan');
  const accounts = await listAccounts(p, {
    ...(isRole(role) ? { role } : {}),
    ...(district && districts.some((d) => d.code === district) ? { district } : {}),
  });
  return page(
    c,
    t('Akun pengguna', 'User accounts'),
    <>
      <PageTitle help="akun">{t('Akun pengguna', 'User accounts')}</PageTitle>
      <p class="actions">
        <a class="button" href="/akun/baru">
          {t('Buat akun', 'Create an account')}
        </a>
        <a class="button secondary" href="/akun/unggah">
          {t('Unggah daftar akun', 'Upload a list of accounts')}
        </a>
      </p>
      <form method="get" action="/akun" class="card">
        <Field
          name="peran"
          label={t('Peran', 'Role')}
          hint={t('Pilih untuk menyaring daftar.', 'Choose to filter the list.')}
          problems={{}}
        >
          {(a) => (
            <select {...a}>
              <Options values={roleOptions(t)} selected={role} empty={t('Semua peran', 'Every role')} />
            </select>
          )}
        </Field>
        <Field
          name="kecamatan"
          label={t('Kecamatan', 'Kecamatan')}
          hint={t('Akun desa dan relawan di kecamatan ini.', 'Village and volunteer accounts there.')}
          problems={{}}
        >
          {(a) => (
            <select {...a}>
              <Options
                values={districtOptions}
                selected={district}
                empty={t('Semua kecamatan', 'Every kecamatan')}
              />
            </select>
          )}
        </Field>
        <button type="submit">{t('Tampilkan', 'Show')}</button>
      </form>
      <p role="status">{t(`${accounts.length} akun.`, `${accounts.length} accounts.`)}</p>
      {accounts.length === 0 ? (
        <Empty
          why={t('Tidak ada akun yang cocok dengan pilihan ini.', 'No account matches this choice.')}
          next={
            <>
              <a href="/akun">{t('Lihat semua akun', 'See every account')}</a> {t('atau', 'or')}{' '}
              <a href="/akun/baru">{t('buat akun', 'create an account')}</a>.
            </>
          }
        />
      ) : (
        <section class="scroll" tabindex={0} aria-labelledby="daftar-akun">
          <table>
            <caption id="daftar-akun">{t('Akun', 'Accounts')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Akun', 'Account')}</th>
                <th scope="col">{t('Peran dan wilayah', 'Role and area')}</th>
                <th scope="col">{t('Status', 'Status')}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr>
                  <td>
                    <a href={`/akun/${encodeURIComponent(a.username)}`}>{a.username}</a>
                    {a.name ? (
                      <>
                        <br />
                        {a.name}
                      </>
                    ) : null}
                  </td>
                  <td>
                    {roleText(t, a.role)}
                    <br />
                    {placeText(t, a)}
                  </td>
                  <td>{a.enabled ? t('Aktif', 'Enabled') : t('Nonaktif', 'Disabled')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>,
  );
}

type Typed = Partial<Record<'username' | 'email' | 'name' | 'role' | 'villageCode' | 'districtCode', string>>;

function ScopeFields(props: { t: T; typed: Typed; problems: Problems }) {
  const { t, typed, problems } = props;
  return (
    <>
      <Field
        name="role"
        label={t('Peran', 'Role')}
        hint={t(
          'Operator desa: satu desa; relawan FMPP: satu kecamatan; staf Bappeda: seluruh kabupaten.',
          'Village official: one village; FMPP volunteer: one kecamatan; Bappeda staff: the regency.',
        )}
        problems={problems}
      >
        {(a) => (
          <select required {...a}>
            <Options
              values={roleOptions(t)}
              selected={typed.role}
              empty={t('Pilih peran', 'Choose a role')}
            />
          </select>
        )}
      </Field>
      <Field
        name="villageCode"
        label={t('Kode desa (hanya operator desa)', 'Village code (village officials only)')}
        hint={t(
          'Kode desa di Brebes, misalnya 33.29.01.2001 (Banjaran, Salem).',
          'A village code in Brebes, e.g. 33.29.01.2001 (Banjaran, Salem).',
        )}
        problems={problems}
      >
        {(a) => (
          <input type="text" inputmode="decimal" autocomplete="off" value={typed.villageCode ?? ''} {...a} />
        )}
      </Field>
      <Field
        name="districtCode"
        label={t('Kecamatan (hanya relawan FMPP)', 'Kecamatan (FMPP volunteers only)')}
        hint={t('Untuk peran lain pilih (tidak ada).', 'For other roles choose (none).')}
        problems={problems}
      >
        {(a) => (
          <select {...a}>
            <Options
              values={districtOptions}
              selected={typed.districtCode}
              empty={t('(tidak ada)', '(none)')}
            />
          </select>
        )}
      </Field>
    </>
  );
}

function labelsOf(t: T): Record<string, string> {
  return {
    username: t('Nama pengguna', 'Username'),
    email: t('E-mail', 'E-mail'),
    name: t('Nama', 'Name'),
    role: t('Peran', 'Role'),
    villageCode: t('Kode desa', 'Village code'),
    districtCode: t('Kecamatan', 'Kecamatan'),
    enabled: t('Status', 'Status'),
    body: t('Isian', 'Form'),
  };
}

function showForm(c: GkbContext, typed: Typed, problems: Problems, status = 200) {
  const t = tOf(c);
  return page(
    c,
    t('Buat akun', 'Create an account'),
    <>
      <PageTitle help="akun">{t('Buat akun', 'Create an account')}</PageTitle>
      <form method="post" action="/akun/baru" novalidate class="card">
        <input type="hidden" name="csrf" value={c.get('csrf') ?? ''} />
        <ErrorSummary
          title={t('Periksa lagi isian berikut:', 'Please check these fields:')}
          problems={problems}
          labels={labelsOf(t)}
        />
        <Field
          name="username"
          label={t('Nama pengguna', 'Username')}
          hint={t(
            '3–64 karakter: huruf kecil a–z, angka, titik, _ atau -, misalnya op-banjaran. Tidak bisa diubah.',
            '3–64 characters: lower-case a–z, digits, dots, _ or -, e.g. op-banjaran. It cannot change later.',
          )}
          problems={problems}
        >
          {(a) => (
            <input
              type="text"
              autocomplete="off"
              autocapitalize="none"
              required
              value={typed.username ?? ''}
              {...a}
            />
          )}
        </Field>
        <Field
          name="email"
          label={t('E-mail', 'E-mail')}
          hint={t(
            'Undangan dengan kata sandi sementara dikirim ke sini; satu alamat untuk satu akun.',
            'The invitation with a temporary password goes here; one address, one account.',
          )}
          problems={problems}
        >
          {(a) => <input type="email" autocomplete="off" required value={typed.email ?? ''} {...a} />}
        </Field>
        <Field
          name="name"
          label={t('Nama (tidak wajib)', 'Name (optional)')}
          hint={t(
            "Sampai 100 huruf: huruf, spasi, titik, petik (') atau -.",
            "Up to 100 characters: letters, spaces, full stops, apostrophes (') or -.",
          )}
          problems={problems}
        >
          {(a) => <input type="text" autocomplete="off" value={typed.name ?? ''} {...a} />}
        </Field>
        <ScopeFields t={t} typed={typed} problems={problems} />
        <button type="submit">{t('Buat akun', 'Create the account')}</button>
      </form>
    </>,
    status,
  );
}

export const accountFormPage = async (c: GkbContext) => {
  bappeda(c);
  return showForm(c, {}, {});
};

/** Creates the account from the form; every problem shown beside its field, what was typed kept. */
export async function accountCreateSubmit(c: GkbContext) {
  const p = bappeda(c);
  const v = await postedForm(c);
  const typed: Typed = {
    username: v.username,
    email: v.email,
    name: v.name,
    role: v.role,
    villageCode: v.villageCode,
    districtCode: v.districtCode,
  };
  try {
    const input = parseWith(accountInputSchema, {
      username: v.username ?? '',
      email: v.email ?? '',
      role: v.role || undefined,
      ...(v.name?.trim() ? { name: v.name } : {}),
      ...(v.villageCode?.trim() ? { villageCode: v.villageCode } : {}),
      ...(v.districtCode ? { districtCode: v.districtCode } : {}),
    });
    if (!input.data) throw validationFailed(input.problems);
    const account = await createAccount(p, input.data);
    return c.redirect(`/akun/${encodeURIComponent(account.username)}?selesai=dibuat`, 303);
  } catch (error) {
    const problems = problemsOf(error, c.get('lang'));
    if (!problems) throw error;
    return showForm(c, typed, problems, 400);
  }
}

function doneText(t: T, a: Account, done: string | undefined): string | undefined {
  const cognito = Boolean(process.env.USER_POOL_ID);
  switch (done) {
    case 'dibuat':
      return cognito
        ? t(
            `Akun ${a.username} dibuat; undangannya dikirim ke e-mail.`,
            `Account ${a.username} created; its invitation was e-mailed.`,
          )
        : t(
            `Akun ${a.username} dibuat; bisa dipilih di halaman Masuk.`,
            `Account ${a.username} created; it can be chosen to sign in.`,
          );
    case 'pindah':
      return t(
        `Tersimpan: ${a.username} sekarang ${roleText(t, a.role)}, ${placeText(t, a)}.`,
        `Saved: ${a.username} is now ${roleText(t, a.role)}, ${placeText(t, a)}.`,
      );
    case 'nonaktif':
      return t(
        `Akun ${a.username} dinonaktifkan; sesinya berakhir.`,
        `Account ${a.username} disabled; its sessions ended.`,
      );
    case 'aktif':
      return t(`Akun ${a.username} aktif lagi.`, `Account ${a.username} is enabled again.`);
    default:
      return undefined;
  }
}

async function showAccount(c: GkbContext, account: Account, typed: Typed, problems: Problems, status = 200) {
  const t = tOf(c);
  const done = doneText(t, account, c.req.query('selesai'));
  const csrf = c.get('csrf') ?? '';
  const action = `/akun/${encodeURIComponent(account.username)}`;
  const { enabled: disableProblem, ...moveProblems } = problems;
  return page(
    c,
    `${t('Akun', 'Account')} ${account.username}`,
    <>
      <PageTitle help="akun">
        {t('Akun', 'Account')} {account.username}
      </PageTitle>
      {done ? (
        <p class="done" role="status">
          {done}
        </p>
      ) : null}
      <dl class="card">
        <dt>{t('Nama', 'Name')}</dt>
        <dd>{account.name || '—'}</dd>
        <dt>{t('E-mail', 'E-mail')}</dt>
        <dd>{account.email}</dd>
        <dt>{t('Peran', 'Role')}</dt>
        <dd>{roleText(t, account.role)}</dd>
        <dt>{t('Wilayah', 'Area')}</dt>
        <dd>{placeText(t, account)}</dd>
        <dt>{t('Status', 'Status')}</dt>
        <dd>{account.enabled ? t('Aktif', 'Enabled') : t('Nonaktif', 'Disabled')}</dd>
      </dl>
      <h2>{t('Pindahkan', 'Move')}</h2>
      <form method="post" action={action} novalidate class="card">
        <input type="hidden" name="csrf" value={csrf} />
        <input type="hidden" name="action" value="move" />
        <ErrorSummary
          title={t('Periksa lagi isian berikut:', 'Please check these fields:')}
          problems={moveProblems}
          labels={labelsOf(t)}
        />
        <p class="hint">
          {t(
            'Sesi web-nya langsung memakai wilayah baru; token API lama berlaku sampai habis (paling lama 1 jam).',
            'Their web sessions take the new area at once; old API tokens last until they expire (1 hour at most).',
          )}
        </p>
        <ScopeFields t={t} typed={typed} problems={moveProblems} />
        <button type="submit">{t('Simpan pindah', 'Save the move')}</button>
      </form>
      <form method="post" action={action} class="ending">
        <input type="hidden" name="csrf" value={csrf} />
        {account.enabled ? (
          <>
            <input type="hidden" name="action" value="disable" />
            {disableProblem ? (
              <p class="alert" role="alert">
                {disableProblem}
              </p>
            ) : null}
            <button type="submit" class="danger">
              {t('Nonaktifkan akun', 'Disable the account')}
            </button>
          </>
        ) : (
          <>
            <input type="hidden" name="action" value="enable" />
            <button type="submit">{t('Aktifkan lagi', 'Enable again')}</button>
          </>
        )}
      </form>
      <p>
        <a href="/akun">{t('Kembali ke daftar akun', 'Back to the accounts')}</a>
      </p>
    </>,
    status,
  );
}

async function accountOf(c: GkbContext): Promise<Account> {
  const account = await readAccount(c.req.param('username') ?? '');
  if (!account) throw new DomainError('NOT_FOUND');
  return account;
}

const scopeTyped = (a: Account): Typed => ({
  ...(a.role ? { role: a.role } : {}),
  ...(a.villageCode ? { villageCode: a.villageCode } : {}),
  ...(a.districtCode ? { districtCode: a.districtCode } : {}),
});

export async function accountPage(c: GkbContext) {
  bappeda(c);
  const account = await accountOf(c);
  return showAccount(c, account, scopeTyped(account), {});
}

/** A move, an enable, or a disable (first the confirmation, then with `confirmed=1`). */
export async function accountChangeSubmit(c: GkbContext) {
  const p = bappeda(c);
  const v = await postedForm(c);
  const account = await accountOf(c);
  const t = tOf(c);
  const path = `/akun/${encodeURIComponent(account.username)}`;
  let change: AccountChange;
  let done: string;
  if (v.action === 'disable') {
    if (v.confirmed !== '1')
      return page(
        c,
        t('Nonaktifkan akun', 'Disable the account'),
        <ConfirmStep
          t={t}
          help="akun"
          title={t(`Nonaktifkan akun ${account.username}?`, `Disable account ${account.username}?`)}
          action={path}
          csrf={c.get('csrf') ?? ''}
          hidden={{ action: 'disable' }}
          consequences={[
            t(
              `${account.name || account.username} (${roleText(t, account.role)}, ${placeText(t, account)}) tidak bisa masuk lagi.`,
              `${account.name || account.username} (${roleText(t, account.role)}, ${placeText(t, account)}) can no longer sign in.`,
            ),
            t(
              'Sesi web-nya langsung berakhir; token API lama berlaku sampai habis (paling lama 1 jam).',
              'Their web sessions end at once; old API tokens last until they expire (1 hour at most).',
            ),
            t(
              'Data yang ia catat tetap ada; akun bisa diaktifkan lagi.',
              'What they recorded stays; it can be enabled again.',
            ),
          ]}
          problems={{}}
          submit={t('Ya, nonaktifkan', 'Yes, disable')}
          destructive={true}
          back={path}
        />,
      );
    change = { enabled: false };
    done = 'nonaktif';
  } else if (v.action === 'enable') {
    change = { enabled: true };
    done = 'aktif';
  } else {
    change = {
      ...(isRole(v.role) ? { role: v.role } : {}),
      villageCode: v.villageCode?.trim() || null,
      districtCode: v.districtCode || null,
    };
    done = 'pindah';
  }
  try {
    if (v.action === 'move' && !isRole(v.role))
      throw validationFailed([{ field: 'role', key: 'field.required' }]);
    await changeAccount(p, account.username, change);
    return c.redirect(`${path}?selesai=${done}`, 303);
  } catch (error) {
    const problems = problemsOf(error, c.get('lang'));
    if (!problems) throw error;
    const typed =
      v.action === 'move'
        ? { role: v.role, villageCode: v.villageCode, districtCode: v.districtCode }
        : scopeTyped(account);
    return showAccount(c, account, typed, problems, 400);
  }
}
