import type { Child } from 'hono/jsx';
import { todayInBrebes } from '../../shared/domain/dates.js';
import { DomainError, statusOf, validationFailed } from '../../shared/errors.js';
import { render } from '../../shared/i18n.js';
import {
  type ImportReport,
  importDraftOf,
  importSurveyList,
  keepImportDraft,
  type Registered,
} from '../../shared/services/imports.js';
import type { GkbContext } from '../http/app.js';
import { countText } from '../web/format.js';
import { Field, formBody, Options } from '../web/forms.js';
import { PageTitle } from '../web/help.js';
import { checkCsrf } from '../web/shell.js';
import type { T } from '../web/ui.js';

/** At most this many rows are shown as cards, and as people registered: the page stays light on a phone. */
const SHOWN_ROWS = 100;

/** The upload form; `years` are the configured programme years, `year` the one chosen. */
export function UploadForm(props: { t: T; csrf: string; years: number[]; year: number; error?: string }) {
  const { t } = props;
  return (
    <>
      <PageTitle help="unggah">{t('Unggah daftar calon', 'Upload a list of candidates')}</PageTitle>
      <p>
        {t(
          'Untuk daftar hasil pendataan (SIPBM) dalam Excel atau CSV, sampai 2.000 baris. Berkas diperiksa dulu per baris; belum ada yang disimpan sampai Anda menekan "Daftarkan".',
          'For survey lists (SIPBM) in Excel or CSV, up to 2,000 rows. The file is checked row by row first; nothing is saved until you press "Register".',
        )}
      </p>
      <p>
        {t('Templat', 'Template')}: <a href="/impor/templat?format=xlsx">Excel</a> ·{' '}
        <a href="/impor/templat?format=csv">CSV</a>
      </p>
      {props.error ? (
        <p class="alert" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/impor" enctype="multipart/form-data" class="card">
        <input type="hidden" name="csrf" value={props.csrf} />
        <Field
          name="year"
          label={t('Tahun program', 'Programme year')}
          hint={t(
            'Orang dalam daftar masuk ke tahun program ini.',
            'The people listed join this programme year.',
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

type ReportRow = ImportReport['rows'][number];

/** What the report shows: the counts, then one card per row that needs attention. */
function Report(props: {
  t: T;
  report: ImportReport;
  cells: Map<number, Record<string, string>>;
  /** The registration's result, after "Daftarkan"; absent on the check. */
  registered?: Map<number, Registered>;
  /** The draft whose failed rows can be downloaded, when it holds any. */
  download?: string;
}) {
  const { t, report, registered } = props;
  const s = report.summary;
  const counts = (
    [
      [s.ok, t('siap', 'ready')],
      [s.warnings, t('perlu dicek', 'to check')],
      [s.possibleDuplicates, t('mungkin ganda', 'possible duplicates')],
      [s.duplicates, t('ganda', 'duplicates')],
      [s.errors, t('salah', 'with errors')],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${countText(n)} ${label}`);
  // Not registered: errors and duplicates; after "Daftarkan", every row without a candidate.
  const fails = (r: ReportRow) =>
    registered ? r.candidateId === null : r.status === 'ERROR' || r.status === 'DUPLICATE';
  const failed = report.rows.filter(fails);
  const toCheck = report.rows.filter((r) => !fails(r) && (r.status !== 'OK' || r.messages.length > 0));
  const nameOf = (line: number) => props.cells.get(line)?.['Nama Lengkap'] || t('(tanpa nama)', '(no name)');
  return (
    <>
      <div class="card" role="status">
        <p>
          <strong>{t(`${countText(s.rows)} baris`, `${countText(s.rows)} rows`)}</strong>
          {counts.length > 0 ? `: ${counts.join(', ')}.` : '.'}
          {registered
            ? ` ${t(`${countText(s.registered)} didaftarkan.`, `${countText(s.registered)} registered.`)}`
            : ''}
        </p>
      </div>
      {registered && registered.size > 0 ? (
        <RegisteredList t={t} report={report} registered={registered} nameOf={nameOf} />
      ) : null}
      {failed.length > 0 ? (
        <section aria-labelledby="r-failed">
          <h2 id="r-failed">
            {t(
              `Tidak didaftarkan: ${countText(failed.length)} baris`,
              `Not registered: ${countText(failed.length)} rows`,
            )}
          </h2>
          {props.download ? (
            <>
              <p>
                <a class="button" href={`/impor/salah?draft=${props.download}`} download>
                  {t('Unduh baris yang salah', 'Download the failed rows')}
                </a>
              </p>
              <p class="hint">
                {t(
                  'Berkas CSV dengan kolom templat dan kolom Kesalahan. Perbaiki barisnya lalu unggah berkas itu lagi. Di Excel, format kolom NIK, No KK dan No HP sebagai Teks agar angkanya tidak berubah.',
                  'A CSV file with the template columns and a Kesalahan (problems) column. Fix the rows, then upload that file again. In Excel, format the NIK, No KK and No HP columns as Text so their digits stay as they are.',
                )}
              </p>
            </>
          ) : null}
          <RowCards t={t} rows={failed.slice(0, SHOWN_ROWS)} total={failed.length} nameOf={nameOf} />
        </section>
      ) : null}
      {toCheck.length > 0 ? (
        <section aria-labelledby="r-check">
          <h2 id="r-check">
            {t(
              `Perlu dicek: ${countText(toCheck.length)} baris`,
              `To check: ${countText(toCheck.length)} rows`,
            )}
          </h2>
          <p class="hint">
            {t(
              'Baris ini tetap didaftarkan; periksa datanya di halaman calon.',
              'These rows are registered all the same; check their data on the candidate page.',
            )}
          </p>
          <RowCards
            t={t}
            rows={toCheck.slice(0, Math.max(0, SHOWN_ROWS - failed.length))}
            total={toCheck.length}
            nameOf={nameOf}
          />
        </section>
      ) : null}
    </>
  );
}

/** One card a row: "Baris 7 · Wulan Sari", then each problem after its column's header. */
function RowCards(props: { t: T; rows: ReportRow[]; total: number; nameOf: (line: number) => string }) {
  const { t } = props;
  const more = props.total - props.rows.length;
  return (
    <>
      {props.rows.map((r) => (
        <div class="card">
          <h3>
            {t('Baris', 'Row')} {r.row} · {props.nameOf(r.row)}
          </h3>
          <ul>
            {r.messages.map((m) => (
              <li>
                {m.column ? <strong>{m.column}: </strong> : null}
                {m.message}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {more > 0 ? (
        <p>
          {t(
            `${countText(more)} baris lain tidak ditampilkan agar halaman tetap ringan.`,
            `${countText(more)} more rows are not shown, to keep the page light.`,
          )}
        </p>
      ) : null}
    </>
  );
}

/** Who was registered, each a link to the candidate, with a place or a waitlist number. */
function RegisteredList(props: {
  t: T;
  report: ImportReport;
  registered: Map<number, Registered>;
  nameOf: (line: number) => string;
}) {
  const { t } = props;
  const rows = props.report.rows.filter((r) => r.candidateId !== null);
  const more = rows.length - SHOWN_ROWS;
  return (
    <section aria-labelledby="r-registered">
      <h2 id="r-registered">
        {t(`Didaftarkan: ${countText(rows.length)} orang`, `Registered: ${countText(rows.length)} people`)}
      </h2>
      <ul>
        {rows.slice(0, SHOWN_ROWS).map((r) => {
          const position = props.registered.get(r.row)?.waitlistPosition;
          return (
            <li>
              <a href={`/calon/${r.candidateId}`}>{props.nameOf(r.row)}</a> ·{' '}
              {position
                ? t(`Daftar tunggu no. ${position}`, `Waitlist no. ${position}`)
                : t('Tempat desa', 'Village place')}
            </li>
          );
        })}
      </ul>
      {more > 0 ? (
        <p>
          {t(`dan ${countText(more)} orang lain:`, `and ${countText(more)} more:`)}{' '}
          <a href="/calon">{t('lihat daftar calon', 'see the candidates')}</a>
        </p>
      ) : null}
    </section>
  );
}

/** The check of an uploaded list: the page's body, and its status when the file was refused. */
export async function importCheck(
  c: GkbContext,
  t: T,
  csrf: string,
  official: Parameters<typeof importSurveyList>[0],
  years: number[],
): Promise<{ body: Child; status?: number }> {
  const body = await formBody(c.req);
  checkCsrf(c, body.csrf);
  const file = body.file;
  const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
  const contentType = file instanceof File ? file.type || 'text/csv' : '';
  // The year chosen on the form; a year nobody configured is refused by the import itself.
  const chosen = typeof body.year === 'string' && /^\d{4}$/.test(body.year) ? Number(body.year) : undefined;
  const year = chosen ?? years[0] ?? todayInBrebes().year;
  try {
    const { report, cells, rows, failed } = await importSurveyList(official, {
      year,
      dryRun: true,
      source: { bytes, contentType },
      lang: c.get('lang'),
      channel: 'web',
    });
    const registrable = report.summary.ok + report.summary.warnings + report.summary.possibleDuplicates;
    // Kept to be registered, and for the download of the failed rows; a list that only fails
    // and is too large to keep is still shown, without the download.
    const kept =
      registrable > 0 || failed.size > 0 ? keepImportDraft(official, { rows, year, failed }) : undefined;
    const draft = registrable > 0 ? await kept : await kept?.catch(() => undefined);
    return {
      body: (
        <>
          <PageTitle help="unggah">{t('Hasil pemeriksaan', 'Check result')}</PageTitle>
          <Report
            t={t}
            report={report}
            cells={cells}
            {...(draft && failed.size > 0 ? { download: draft } : {})}
          />
          {draft && registrable > 0 ? (
            <form method="post" action="/impor/kirim" class="card">
              <input type="hidden" name="csrf" value={csrf} />
              <input type="hidden" name="draft" value={draft} />
              <p>
                {t(
                  `${registrable} baris akan didaftarkan, berurutan seperti di berkas. Baris yang salah atau ganda tidak didaftarkan.`,
                  `${registrable} rows will be registered, in file order. Wrong or duplicate rows are not registered.`,
                )}
              </p>
              <button type="submit">{t('Daftarkan', 'Register')}</button>{' '}
              <a href="/impor">{t('Batal', 'Cancel')}</a>
            </form>
          ) : (
            <p>
              <a href="/impor">{t('Perbaiki berkas lalu unggah lagi', 'Fix the file and upload again')}</a>
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
        <UploadForm
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

export async function importCommit(
  c: GkbContext,
  t: T,
  values: Record<string, string>,
  official: Parameters<typeof importSurveyList>[0],
) {
  const draft = await importDraftOf(official, values.draft ?? '');
  if (!draft) throw validationFailed([{ field: 'file', key: 'import.empty' }]);
  const { report, cells, registered } = await importSurveyList(official, {
    year: draft.year,
    source: { rows: draft.rows },
    dryRun: false,
    lang: c.get('lang'),
    channel: 'web',
  });
  // The rows that failed the check can still be downloaded from the same draft.
  const download = draft.rows.some((r) => r.problems) ? { download: values.draft ?? '' } : {};
  return (
    <>
      <PageTitle help="unggah">{t('Hasil pendaftaran', 'Registration result')}</PageTitle>
      <Report t={t} report={report} cells={cells} registered={registered} {...download} />
      <p>
        <a class="button" href="/calon">
          {t('Lihat daftar calon', 'See the candidates')}
        </a>
      </p>
    </>
  );
}
