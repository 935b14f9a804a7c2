import { findVillage } from '../../shared/domain/regions.js';
import { DomainError } from '../../shared/errors.js';
import { render } from '../../shared/i18n.js';
import { type CohortReport, carryCohort } from '../../shared/services/carry-over.js';
import { programYears } from '../../shared/services/programs.js';
import type { GkbContext, OperationHandler } from '../http/app.js';
import { logCarryOverFailure } from '../http/errors.js';
import { Field, Options } from '../web/forms.js';
import { PageTitle } from '../web/help.js';
import { page, pageYear, postedForm, tOf, viewer, withYear } from '../web/shell.js';
import type { T } from '../web/ui.js';
import { YearSwitch } from '../web/year-switch.js';

/** At most this many rows are listed (those not carried first); the summary counts them all. */
const SHOWN_ROWS = 300;

function ReportTable(props: { t: T; report: CohortReport }) {
  const { t } = props;
  const rows = [
    ...props.report.rows.filter((r) => r.status === 'NOT_CARRIED'),
    ...props.report.rows.filter((r) => r.status === 'CARRIED'),
  ].slice(0, SHOWN_ROWS);
  return (
    <section class="scroll" tabindex={0} aria-label={t('Hasil per calon', 'Result per candidate')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('Desa', 'Village')}</th>
            <th scope="col">{t('Catatan', 'Record')}</th>
            <th scope="col">{t('Hasil', 'Result')}</th>
            <th scope="col">{t('Keterangan', 'Details')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{findVillage(r.villageCode)?.name ?? r.villageCode}</td>
              <td>
                <a href={`/calon/${r.candidateId}`}>{r.candidateId.slice(-6)}</a>
                {r.newId ? (
                  <>
                    {' → '}
                    <a href={`/calon/${r.newId}`}>{r.newId.slice(-6)}</a>
                  </>
                ) : null}
              </td>
              <td>{r.status === 'CARRIED' ? t('Dibawa', 'Carried') : t('Tidak dibawa', 'Not carried')}</td>
              <td>{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * Bappeda's cohort carry-over: choose the year to carry from, see the dry run (who would be
 * carried, who would wait, who cannot and why), then confirm. A run that stops (time, an
 * outage) says so and offers to run again; what was carried stays carried.
 */
async function carryOverPage(
  c: GkbContext,
  body?: { report: CohortReport; fromYear: number; dryRun: boolean },
  status = 200,
) {
  const t = tOf(c);
  if (viewer(c).role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
  const [year, configured] = await Promise.all([pageYear(c), programYears()]);
  const years = configured.map((y) => y.year);
  const earlier = years.filter((y) => y < year);
  const csrf = <input type="hidden" name="csrf" value={c.get('csrf') ?? ''} />;
  const report = body?.report;
  const left = report ? report.rows.filter((r) => r.status === 'NOT_CARRIED').length : 0;
  return page(
    c,
    t('Bawa calon ke tahun berikutnya', 'Carry candidates over'),
    <>
      <PageTitle help="angkatan">
        {t(`Bawa calon ke tahun ${year}`, `Carry candidates over to ${year}`)}
      </PageTitle>
      <YearSwitch t={t} years={years} current={year} href={(y) => withYear(c, y)} />
      <p>
        {t(
          'Semua calon yang belum masuk sekolah (Terdata, Terverifikasi) dari tahun asal dibawa ke tahun ini, urut sesuai waktu pendaftaran: yang paling lama menunggu mendapat tempat desa lebih dulu. Catatan lama ditutup (Mengundurkan diri) dan tempatnya diberikan ke daftar tunggu desa tahun itu.',
          'Every candidate of the earlier year who never enrolled (Identified, Verified) is carried over to this year in registration order: those who waited longest get village places first. The old records close (Withdrawn) and their places go to that year’s waitlists.',
        )}
      </p>
      {earlier.length === 0 ? (
        <p class="notice" role="status">
          {t(`Tidak ada tahun program sebelum ${year}.`, `No programme year before ${year}.`)}
        </p>
      ) : (
        <form method="post" action={`/program/bawa?year=${year}`} class="card">
          {csrf}
          <Field
            name="fromYear"
            label={t('Dari tahun', 'From year')}
            hint={t('Tahun asal calon yang belum masuk sekolah.', 'The year the candidates come from.')}
            problems={{}}
          >
            {(a) => (
              <select {...a}>
                <Options
                  selected={String(body?.fromYear ?? earlier[0])}
                  values={earlier.map((y) => [String(y), String(y)] as const)}
                />
              </select>
            )}
          </Field>
          <button type="submit">{t('Periksa dulu (belum disimpan)', 'Check first (nothing saved)')}</button>
        </form>
      )}
      {report && body ? (
        <>
          <h2>{body.dryRun ? t('Hasil pemeriksaan', 'Check result') : t('Hasil', 'Result')}</h2>
          <p class="card" role="status">
            {t(
              `${report.summary.records} catatan: ${report.summary.carried} ${body.dryRun ? 'akan dibawa' : 'dibawa'}, ${report.summary.notCarried} tidak.`,
              `${report.summary.records} records: ${report.summary.carried} ${body.dryRun ? 'would be carried' : 'carried'}, ${report.summary.notCarried} not.`,
            )}
          </p>
          {(body.dryRun && report.summary.carried > 0) || (!body.dryRun && left > 0) ? (
            <form method="post" action={`/program/bawa?year=${year}`} class="card">
              {csrf}
              <input type="hidden" name="fromYear" value={String(body.fromYear)} />
              <input type="hidden" name="confirm" value="1" />
              <button type="submit">
                {body.dryRun
                  ? t(
                      `Bawa ${report.summary.carried} calon sekarang`,
                      `Carry ${report.summary.carried} over now`,
                    )
                  : t('Jalankan lagi untuk sisanya', 'Run again for the rest')}
              </button>
            </form>
          ) : null}
          <ReportTable t={t} report={report} />
        </>
      ) : null}
    </>,
    status,
  );
}

export const cohortCarryOverRoutes = {
  cohortCarryOverPage: (c) => carryOverPage(c),
  cohortCarryOverSubmit: async (c) => {
    const p = viewer(c);
    if (p.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
    const values = await postedForm(c);
    const year = await pageYear(c);
    const fromYear = /^\d{4}$/.test(values.fromYear ?? '') ? Number(values.fromYear) : 0;
    const dryRun = values.confirm !== '1';
    try {
      const report = await carryCohort(
        p,
        year,
        { fromYear, dryRun, lang: c.get('lang') },
        logCarryOverFailure,
      );
      return carryOverPage(c, { report, fromYear, dryRun });
    } catch (error) {
      if (
        !(error instanceof DomainError) ||
        !['VALIDATION_FAILED', 'PROGRAM_NOT_CONFIGURED'].includes(error.code)
      )
        throw error;
      const t = tOf(c);
      return page(
        c,
        t('Bawa calon ke tahun berikutnya', 'Carry candidates over'),
        <p class="alert" role="alert">
          {error.details.length > 0
            ? error.details.map((d) => render(d, c.get('lang'))).join(' ')
            : render(error.userMessage, c.get('lang'))}{' '}
          <a href={`/program/bawa?year=${year}`}>{t('Kembali', 'Back')}</a>
        </p>,
        error.code === 'VALIDATION_FAILED' ? 400 : 409,
      );
    }
  },
} satisfies Record<string, OperationHandler>;
