import type { Child } from 'hono/jsx';
import { readImportDraft, saveImportDraft } from '../../shared/db/import-drafts.js';
import { todayInBrebes } from '../../shared/domain/dates.js';
import { DomainError, statusOf, validationFailed } from '../../shared/errors.js';
import { render } from '../../shared/i18n.js';
import type { Principal } from '../../shared/principal.js';
import { importPaymentSheet, type PaymentSheetReport } from '../../shared/services/payment-sheets.js';
import type { GkbContext } from '../http/app.js';
import { logPaymentSheetFailure } from '../http/errors.js';
import { countText } from '../web/format.js';
import { Field, formBody, Options } from '../web/forms.js';
import { PageTitle } from '../web/help.js';
import { checkCsrf } from '../web/shell.js';
import { rupiah, type T } from '../web/ui.js';

/** At most this many rows are shown as cards: the page stays light on a phone. */
const SHOWN_ROWS = 100;

/** Bappeda's upload of a payment sheet; `years` are the configured programme years. */
export function PaymentSheetForm(props: {
  t: T;
  csrf: string;
  years: number[];
  year: number;
  error?: string;
}) {
  const { t } = props;
  return (
    <>
      <PageTitle help="pembayaran">{t('Unggah lembar pembayaran', 'Upload a payment sheet')}</PageTitle>
      <p>
        {t(
          'Untuk mencatat banyak pembayaran sekaligus dari Excel atau CSV, sampai 2.000 baris: satu baris satu pembayaran (ID Calon atau NIK, Sumber, Jumlah, Tanggal Bayar, Referensi). Berkas diperiksa dulu per baris; belum ada yang dicatat sampai Anda menekan "Catat pembayaran".',
          'To record many payments at once from Excel or CSV, up to 2,000 rows: one row a payment (ID Calon or NIK, Sumber, Jumlah, Tanggal Bayar, Referensi). The file is checked row by row first; nothing is recorded until you press "Record the payments".',
        )}
      </p>
      <p class="actions">
        {t('Templat', 'Template')}:&nbsp;<a href="/anggaran/pembayaran/templat?format=xlsx">Excel</a>
        &nbsp;·&nbsp;
        <a href="/anggaran/pembayaran/templat?format=csv">CSV</a>
      </p>
      {props.error ? (
        <p class="alert" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/anggaran/pembayaran" enctype="multipart/form-data" class="card">
        <input type="hidden" name="csrf" value={props.csrf} />
        <Field
          name="year"
          label={t('Tahun program', 'Programme year')}
          hint={t(
            'Tahun program (angkatan) calon yang dibayar.',
            'The programme year (cohort) of the people paid.',
          )}
          problems={{}}
        >
          {(a) => (
            <select {...a}>
              <Options
                selected={String(props.year)}
                values={[...new Set([props.year, ...props.years])].map(
                  (y) => [String(y), String(y)] as const,
                )}
              />
            </select>
          )}
        </Field>
        <label for="f-file">
          {t('Berkas (.xlsx atau .csv)', 'File (.xlsx or .csv)')}
          <span class="hint" id="f-file-hint">
            {t(
              'File .xlsx atau .csv, paling besar 2 MB, paling banyak 2.000 baris. Baris pertama berisi judul kolom seperti di templat.',
              'An .xlsx or .csv file, at most 2 MB and 2,000 rows. The first row holds the column headers, as in the template.',
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

/** The counts, then one card per row needing attention (an error, a duplicate, a row not recorded). */
function SheetReport(props: { t: T; report: PaymentSheetReport; committed: boolean }) {
  const { t, report } = props;
  const s = report.summary;
  const counts = (
    [
      [s.ok, t('siap', 'ready')],
      [s.duplicates, t('ganda', 'duplicates')],
      [s.errors, t('salah', 'with errors')],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${countText(n)} ${label}`);
  const attention = report.rows.filter((r) =>
    props.committed ? r.disbursementId === null : r.status !== 'OK',
  );
  return (
    <>
      <div class={props.committed ? 'done' : 'card'} role="status">
        <p>
          <strong>{t(`${countText(s.rows)} baris`, `${countText(s.rows)} rows`)}</strong>
          {counts.length > 0 ? `: ${counts.join(', ')}.` : '.'}{' '}
          {props.committed
            ? t(
                `${countText(s.recorded)} pembayaran dicatat, jumlah ${rupiah(s.recordedAmount)}.`,
                `${countText(s.recorded)} payments recorded, ${rupiah(s.recordedAmount)} in all.`,
              )
            : t(`Siap dicatat: ${rupiah(s.okAmount)}.`, `Ready to record: ${rupiah(s.okAmount)}.`)}
        </p>
      </div>
      {attention.length > 0 ? (
        <section aria-labelledby="r-attention">
          <h2 id="r-attention">
            {t(
              `Tidak dicatat: ${countText(attention.length)} baris`,
              `Not recorded: ${countText(attention.length)} rows`,
            )}
          </h2>
          {attention.slice(0, SHOWN_ROWS).map((r) => (
            <div class="card">
              <h3>
                {t('Baris', 'Row')} {r.row}
              </h3>
              <ul>
                {r.messages.map((m) => (
                  <li>
                    {m.column ? <strong>{m.column}: </strong> : null}
                    {m.message}
                  </li>
                ))}
              </ul>
              {r.candidateId ? (
                <p class="actions">
                  <a href={`/calon/${r.candidateId}`}>
                    {t(`Lihat calon baris ${r.row}`, `See the candidate of row ${r.row}`)}
                  </a>
                </p>
              ) : null}
            </div>
          ))}
          {attention.length > SHOWN_ROWS ? (
            <p>
              {t(
                `${countText(attention.length - SHOWN_ROWS)} baris lain tidak ditampilkan agar halaman tetap ringan.`,
                `${countText(attention.length - SHOWN_ROWS)} more rows are not shown, to keep the page light.`,
              )}
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

/** A year from the form, if it is one; the import refuses a year nobody configured. */
const yearOf = (value: unknown) =>
  typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : undefined;

/** The dry run of an uploaded sheet, kept as a draft (an hour) to be recorded without uploading it again. */
export async function paymentSheetCheck(
  c: GkbContext,
  t: T,
  csrf: string,
  p: Principal,
  years: number[],
): Promise<{ body: Child; status?: number }> {
  const body = await formBody(c.req);
  checkCsrf(c, body.csrf);
  const file = body.file;
  const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
  const contentType = file instanceof File ? file.type || 'text/csv' : '';
  const year = yearOf(body.year) ?? years[0] ?? todayInBrebes().year;
  try {
    const { report, rows } = await importPaymentSheet(p, {
      year,
      dryRun: true,
      source: { bytes, contentType },
      lang: c.get('lang'),
      channel: 'web',
      onFailure: logPaymentSheetFailure,
    });
    const draft = report.summary.ok > 0 ? await saveImportDraft(p.sub, { rows, year }) : undefined;
    return {
      body: (
        <>
          <PageTitle help="pembayaran">
            {t('Hasil pemeriksaan lembar pembayaran', 'Payment sheet check')}
          </PageTitle>
          <SheetReport t={t} report={report} committed={false} />
          {draft ? (
            <form method="post" action="/anggaran/pembayaran/kirim" class="card">
              <input type="hidden" name="csrf" value={csrf} />
              <input type="hidden" name="draft" value={draft} />
              <p>
                {t(
                  `${countText(report.summary.ok)} pembayaran, jumlah ${rupiah(report.summary.okAmount)}, akan dicatat untuk tahun ${year}. Baris yang salah atau ganda tidak dicatat.`,
                  `${countText(report.summary.ok)} payments, ${rupiah(report.summary.okAmount)} in all, will be recorded for ${year}. Wrong or duplicate rows are not recorded.`,
                )}
              </p>
              <p class="actions">
                <button type="submit">{t('Catat pembayaran', 'Record the payments')}</button>
                <a href="/anggaran/pembayaran">{t('Batal', 'Cancel')}</a>
              </p>
            </form>
          ) : (
            <p>
              <a href="/anggaran/pembayaran">
                {t('Perbaiki berkas lalu unggah lagi', 'Fix the file and upload again')}
              </a>
            </p>
          )}
        </>
      ),
    };
  } catch (error) {
    // A file that cannot be read, or a budget used up: say so on the upload form.
    if (!(error instanceof DomainError) || !['VALIDATION_FAILED', 'RATE_LIMITED'].includes(error.code))
      throw error;
    if (error.retryAfter) c.header('Retry-After', String(error.retryAfter));
    return {
      status: statusOf[error.code],
      body: (
        <PaymentSheetForm
          t={t}
          csrf={csrf}
          years={years}
          year={year}
          error={error.details.map((d) => render(d, c.get('lang'))).join(' ')}
        />
      ),
    };
  }
}

/** Records the payments of the checked sheet (its draft), then says what was recorded. */
export async function paymentSheetCommit(c: GkbContext, t: T, values: Record<string, string>, p: Principal) {
  const draft = await readImportDraft(p.sub, values.draft ?? '');
  if (!draft) throw validationFailed([{ field: 'file', key: 'import.empty' }]);
  const { report } = await importPaymentSheet(p, {
    year: draft.year,
    dryRun: false,
    source: { rows: draft.rows },
    lang: c.get('lang'),
    channel: 'web',
    onFailure: logPaymentSheetFailure,
  });
  return (
    <>
      <PageTitle help="pembayaran">{t('Hasil pencatatan pembayaran', 'Payments recorded')}</PageTitle>
      <SheetReport t={t} report={report} committed={true} />
      <p class="actions">
        <a class="button" href={`/anggaran?year=${draft.year}`}>
          {t('Lihat anggaran', 'See the budget')}
        </a>{' '}
        <a href="/anggaran/pembayaran">{t('Unggah lembar lain', 'Upload another sheet')}</a>
      </p>
    </>
  );
}
