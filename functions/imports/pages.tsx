import type { Child } from 'hono/jsx';
import { todayInBrebes } from '../../shared/domain/dates.js';
import { DomainError, statusOf, validationFailed } from '../../shared/errors.js';
import { render } from '../../shared/i18n.js';
import { IMPORT_COLUMNS } from '../../shared/imports/columns.js';
import {
  type ImportReport,
  importDraftOf,
  importSurveyList,
  keepImportDraft,
} from '../../shared/services/imports.js';
import type { GkbContext } from '../http/app.js';
import { Field, formBody, Options } from '../web/forms.js';
import { checkCsrf } from '../web/shell.js';
import type { T } from '../web/ui.js';

/** At most this many problem rows are shown: the page stays light on a phone. */
const SHOWN_ROWS = 100;

const STATUS_TEXT = (t: T): Record<string, string> => ({
  OK: t('Siap', 'Ready'),
  WARNING: t('Siap, perlu dicek', 'Ready, check it'),
  POSSIBLE_DUPLICATE: t('Mungkin ganda, tetap didaftarkan', 'Possible duplicate, registered'),
  DUPLICATE: t('Ganda, tidak didaftarkan', 'Duplicate, not registered'),
  ERROR: t('Salah, tidak didaftarkan', 'Error, not registered'),
});

/** The upload form; `years` are the configured programme years, `year` the one chosen. */
export function UploadForm(props: { t: T; csrf: string; years: number[]; year: number; error?: string }) {
  const { t } = props;
  return (
    <>
      <h1>{t('Unggah daftar calon', 'Upload a list of candidates')}</h1>
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
              'Baris pertama berisi judul kolom seperti di templat.',
              'The first row holds the column headers, as in the template.',
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

function ReportTable(props: {
  t: T;
  report: ImportReport;
  cells: Map<number, Record<string, string>>;
  committed: boolean;
}) {
  const { t, report } = props;
  const shown = report.rows.filter((r) => r.status !== 'OK' || r.messages.length > 0).slice(0, SHOWN_ROWS);
  const labels = STATUS_TEXT(t);
  const s = report.summary;
  return (
    <>
      <div class="card" role="status">
        <p>
          <strong>{t(`${s.rows} baris`, `${s.rows} rows`)}</strong>: {s.ok} {labels.OK?.toLowerCase()},{' '}
          {s.warnings} {t('perlu dicek', 'to check')}, {s.possibleDuplicates}{' '}
          {t('mungkin ganda', 'possible duplicates')}, {s.duplicates} {t('ganda', 'duplicates')}, {s.errors}{' '}
          {t('salah', 'errors')}.
          {props.committed ? ` ${t(`${s.registered} didaftarkan.`, `${s.registered} registered.`)}` : ''}
        </p>
      </div>
      {shown.length > 0 ? (
        <section class="scroll" tabindex={0} aria-label="Tabel">
          <table>
            <caption class="hint">
              {t(
                'Baris yang perlu perhatian; sel yang salah ditandai.',
                'Rows that need attention; wrong cells are marked.',
              )}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('Baris', 'Row')}</th>
                <th scope="col">Status</th>
                {IMPORT_COLUMNS.map((c) => (
                  <th scope="col">{c.header}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => {
                const values = props.cells.get(r.row) ?? {};
                const general = r.messages.filter((m) => !m.column);
                return (
                  <tr>
                    <th scope="row">{r.row}</th>
                    <td>
                      {labels[r.status]}
                      {general.map((m) => (
                        <div class="error">{m.message}</div>
                      ))}
                    </td>
                    {IMPORT_COLUMNS.map((c) => {
                      const problems = r.messages.filter((m) => m.column === c.header);
                      return problems.length > 0 ? (
                        <td class="bad">
                          <mark>{values[c.header] || '—'}</mark>
                          {problems.map((m) => (
                            <div class="error">{m.message}</div>
                          ))}
                        </td>
                      ) : (
                        <td>{values[c.header] ?? ''}</td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
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
    const { report, cells, rows } = await importSurveyList(official, {
      year,
      dryRun: true,
      source: { bytes, contentType },
      lang: c.get('lang'),
      channel: 'web',
    });
    const registrable = report.summary.ok + report.summary.warnings + report.summary.possibleDuplicates;
    const draft = registrable > 0 ? await keepImportDraft(official, { rows, year }) : undefined;
    return {
      body: (
        <>
          <h1>{t('Hasil pemeriksaan', 'Check result')}</h1>
          <ReportTable t={t} report={report} cells={cells} committed={false} />
          {draft ? (
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
  const { report, cells } = await importSurveyList(official, {
    year: draft.year,
    source: { rows: draft.rows },
    dryRun: false,
    lang: c.get('lang'),
    channel: 'web',
  });
  return (
    <>
      <h1>{t('Hasil pendaftaran', 'Registration result')}</h1>
      <ReportTable t={t} report={report} cells={cells} committed />
      <p>
        <a class="button" href="/calon">
          {t('Lihat daftar calon', 'See the candidates')}
        </a>
      </p>
    </>
  );
}
