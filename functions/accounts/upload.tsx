import { DomainError, statusOf } from '../../shared/errors.js';
import { render } from '../../shared/i18n.js';
import {
  ACCOUNT_COLUMNS,
  type CheckedAccountRow,
  MAX_ACCOUNT_ROWS,
} from '../../shared/imports/account-sheet.js';
import { csvText } from '../../shared/report-formats/csv.js';
import { type AccountImportReport, importAccounts } from '../../shared/services/account-admin.js';
import type { GkbContext } from '../http/app.js';
import { countText } from '../web/format.js';
import { formBody } from '../web/forms.js';
import { PageTitle } from '../web/help.js';
import { checkCsrf, page, postedForm, tOf, viewer } from '../web/shell.js';
import type { T } from '../web/ui.js';

/**
 * A sheet of accounts from the web: uploaded and checked row by row (nothing created), then
 * created with "Buat akun". The rows to create travel in the confirmation form as the CSV of
 * the sheet's OK rows, which the commit checks again from the start like any upload.
 */
function bappeda(c: GkbContext) {
  const p = viewer(c);
  if (p.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
  return p;
}

function UploadForm(props: { t: T; csrf: string; error?: string }) {
  const { t } = props;
  return (
    <>
      <PageTitle help="akun">{t('Unggah daftar akun', 'Upload a list of accounts')}</PageTitle>
      <p>
        {t('Excel (.xlsx) atau CSV, sampai', 'Excel (.xlsx) or CSV, up to')} {MAX_ACCOUNT_ROWS}{' '}
        {t('baris; kolom', 'rows; columns')} {ACCOUNT_COLUMNS.map((c) => c.header).join(', ')}.{' '}
        {t(
          'Peran: OPERATOR_DESA (dengan Kode Desa), RELAWAN_FMPP (dengan Kode Kecamatan) atau BAPPEDA. Berkas diperiksa dulu; akun baru dibuat setelah Anda menekan "Buat akun".',
          'Peran (role): OPERATOR_DESA (with Kode Desa), RELAWAN_FMPP (with Kode Kecamatan) or BAPPEDA. The file is checked first; accounts are created once you press "Create the accounts".',
        )}
      </p>
      {props.error ? (
        <p class="alert" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/akun/unggah" enctype="multipart/form-data" class="card">
        <input type="hidden" name="csrf" value={props.csrf} />
        <label for="f-file">
          {t('Berkas (.xlsx atau .csv)', 'File (.xlsx or .csv)')}
          <span class="hint" id="f-file-hint">
            {t(
              `File .xlsx atau .csv, paling besar 2 MB, paling banyak ${MAX_ACCOUNT_ROWS} baris. Baris pertama berisi judul kolom.`,
              `An .xlsx or .csv file, at most 2 MB and ${MAX_ACCOUNT_ROWS} rows. The first row holds the column headers.`,
            )}
          </span>
        </label>
        <input
          type="file"
          id="f-file"
          name="file"
          accept=".csv,.xlsx,text/csv"
          aria-describedby="f-file-hint"
          required
        />
        <button type="submit">{t('Periksa', 'Check')}</button>
      </form>
    </>
  );
}

export const accountUploadPage = async (c: GkbContext) => {
  bappeda(c);
  const t = tOf(c);
  return page(
    c,
    t('Unggah daftar akun', 'Upload a list of accounts'),
    <UploadForm t={t} csrf={c.get('csrf') ?? ''} />,
  );
};

function Report(props: { t: T; report: AccountImportReport }) {
  const { t, report } = props;
  const s = report.summary;
  const shown = report.rows.filter((r) => r.status !== 'OK' || r.created);
  return (
    <>
      <div class="card" role="status">
        <p>
          <strong>{t(`${countText(s.rows)} baris`, `${countText(s.rows)} rows`)}</strong>:{' '}
          {t(
            `${countText(s.ok)} siap, ${countText(s.duplicates)} sudah ada, ${countText(s.errors)} salah.`,
            `${countText(s.ok)} ready, ${countText(s.duplicates)} already there, ${countText(s.errors)} with errors.`,
          )}
          {s.created > 0
            ? ` ${t(`${countText(s.created)} akun dibuat.`, `${countText(s.created)} accounts created.`)}`
            : ''}
        </p>
      </div>
      {shown.map((r) => (
        <div class="card">
          <h2>
            {t('Baris', 'Row')} {r.row} · {r.username || t('(tanpa nama pengguna)', '(no username)')}
          </h2>
          {r.created ? (
            <p>
              <a href={`/akun/${encodeURIComponent(r.username)}`}>{t('Dibuat', 'Created')}</a>
            </p>
          ) : (
            <ul>
              {r.messages.map((m) => (
                <li>
                  {m.column ? <strong>{m.column}: </strong> : null}
                  {m.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </>
  );
}

/** The CSV of the rows that may be created, carried by the confirmation form. */
function okRowsCsv(rows: CheckedAccountRow[]): string {
  return csvText([
    ACCOUNT_COLUMNS.map((c) => c.header),
    ...rows.flatMap((r) =>
      r.status === 'OK' && r.account
        ? [
            [
              r.account.username,
              r.account.email,
              r.account.name,
              r.account.role ?? '',
              r.account.villageCode ?? '',
              r.account.districtCode ?? '',
            ],
          ]
        : [],
    ),
  ]);
}

export async function accountUploadCheck(c: GkbContext) {
  const p = bappeda(c);
  const t = tOf(c);
  const body = await formBody(c.req);
  checkCsrf(c, body.csrf);
  const file = body.file;
  const csrf = c.get('csrf') ?? '';
  try {
    const { report, checked } = await importAccounts(p, {
      bytes: file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array(),
      contentType: file instanceof File ? file.type || 'text/csv' : '',
      dryRun: true,
      lang: c.get('lang'),
    });
    return page(
      c,
      t('Hasil pemeriksaan', 'Check result'),
      <>
        <PageTitle help="akun">{t('Hasil pemeriksaan', 'Check result')}</PageTitle>
        <Report t={t} report={report} />
        {report.summary.ok > 0 ? (
          <form method="post" action="/akun/unggah/kirim" class="card">
            <input type="hidden" name="csrf" value={csrf} />
            <input type="hidden" name="rows" value={okRowsCsv(checked)} />
            <p>
              {t(
                `${countText(report.summary.ok)} akun akan dibuat, berurutan seperti di berkas; tiap orang mendapat undangan lewat e-mail. Baris yang salah atau sudah ada tidak dibuat.`,
                `${countText(report.summary.ok)} accounts will be created, in file order; each person gets an e-mail invitation. Wrong rows and existing accounts are not created.`,
              )}
            </p>
            <div class="actions">
              <button type="submit">{t('Buat akun', 'Create the accounts')}</button>
              <a class="button secondary" href="/akun/unggah">
                {t('Batal', 'Cancel')}
              </a>
            </div>
          </form>
        ) : (
          <p>
            <a href="/akun/unggah">
              {t('Perbaiki berkas lalu unggah lagi', 'Fix the file and upload again')}
            </a>
          </p>
        )}
      </>,
    );
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'VALIDATION_FAILED') throw error;
    return page(
      c,
      t('Unggah daftar akun', 'Upload a list of accounts'),
      <UploadForm t={t} csrf={csrf} error={error.details.map((d) => render(d, c.get('lang'))).join(' ')} />,
      statusOf[error.code],
    );
  }
}

export async function accountUploadCommit(c: GkbContext) {
  const p = bappeda(c);
  const t = tOf(c);
  const v = await postedForm(c);
  const { report } = await importAccounts(p, {
    bytes: new TextEncoder().encode(v.rows ?? ''),
    contentType: 'text/csv',
    dryRun: false,
    lang: c.get('lang'),
  });
  return page(
    c,
    t('Akun dibuat', 'Accounts created'),
    <>
      <PageTitle help="akun">{t('Hasil pembuatan akun', 'Accounts created')}</PageTitle>
      <p class="done" role="status">
        {t(
          `${countText(report.summary.created)} akun dibuat.`,
          `${countText(report.summary.created)} accounts created.`,
        )}
      </p>
      <Report t={t} report={report} />
      <p>
        <a class="button" href="/akun">
          {t('Lihat daftar akun', 'See the accounts')}
        </a>
      </p>
    </>,
  );
}
