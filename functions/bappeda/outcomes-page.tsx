import type { Child } from 'hono/jsx';
import { PATHWAYS } from '../../shared/domain/candidate.js';
import { REASON_CODES } from '../../shared/domain/outcomes.js';
import type { OutcomeFigures, OutcomeReport } from '../../shared/services/outcomes.js';
import { countText } from '../web/format.js';
import { PageTitle } from '../web/help.js';
import { pathwayLabel, reasonLabels, type T } from '../web/ui.js';
import { BarChart } from './budget-page.js';

/** A label that fits beside the bars (the table and the workbook carry it whole). */
const short = (label: string) => (label.length > 24 ? `${label.slice(0, 23)}…` : label);

/** Learning now: enrolled or attending. */
const learning = (f: OutcomeFigures) => f.byStatus.ENROLLED + f.byStatus.ACTIVE;

/** A share in whole percent of a whole ("–" of nothing). */
const share = (part: number, whole: number) => (whole > 0 ? `${Math.round((100 * part) / whole)} %` : '–');

/**
 * "Capaian": what the programme achieved, as the report to the Bupati and the DPRD. Charts are
 * server-rendered SVG (no script), and the page prints on A4 as it is (the layout's print
 * rules hide the menu and forms); every chart has its table of the same numbers below it.
 */
export function OutcomesPage(props: {
  t: T;
  year: number;
  byDistrict: OutcomeReport;
  byYear: OutcomeReport;
  made: string;
  yearSwitch: Child;
}) {
  const { t, year, byDistrict, byYear } = props;
  const totals = byDistrict.totals;
  const cohorts = byYear.rows;
  const reasons = REASON_CODES.map((n) => ({ n, count: totals.byReason[String(n)] ?? 0 }))
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || a.n - b.n)
    .slice(0, 5);
  const labelsOfReasons = reasonLabels(t);
  const download = (by: string, format: string) => `/capaian/unduh?year=${year}&by=${by}&format=${format}`;
  return (
    <>
      <PageTitle help="capaian">{t(`Capaian GKB ${year}`, `GKB outcomes ${year}`)}</PageTitle>
      {props.yearSwitch}
      <p>
        {t(
          `Keadaan ${props.made}. ${countText(totals.registered)} orang terdaftar pada tahun program ${year}: ${countText(totals.everEnrolled)} pernah masuk sekolah (${share(totals.everEnrolled, totals.registered)}), ${countText(learning(totals))} sedang belajar, ${countText(totals.byStatus.COMPLETED)} lulus, ${countText(totals.byStatus.DROPPED_OUT)} putus lagi; ${countText(totals.reEnrolled)} masuk lagi setelah putus.`,
          `As of ${props.made}. ${countText(totals.registered)} people registered in ${year}: ${countText(totals.everEnrolled)} ever enrolled (${share(totals.everEnrolled, totals.registered)}), ${countText(learning(totals))} learning now, ${countText(totals.byStatus.COMPLETED)} completed, ${countText(totals.byStatus.DROPPED_OUT)} dropped out again; ${countText(totals.reEnrolled)} came back after dropping out.`,
        )}
      </p>
      <p class="actions">
        {t('Unduh', 'Download')}:{' '}
        <a href={download('district', 'xlsx')}>Excel {t('per kecamatan', 'by kecamatan')}</a>
        {' · '}
        <a href={download('village', 'xlsx')}>Excel {t('per desa', 'by village')}</a>
        {' · '}
        <a href={download('year', 'xlsx')}>Excel {t('per tahun', 'by year')}</a>
        {' · '}
        <a href={download('district', 'csv')}>CSV</a>
      </p>
      <BarChart
        title={t('Dari terdaftar sampai lulus, per tahun program', 'From registered to completed, by cohort')}
        labels={cohorts.map((c) => String(c.code))}
        series={[
          { name: t('Terdaftar', 'Registered'), color: '#4a5261', values: cohorts.map((c) => c.registered) },
          {
            name: t('Pernah masuk sekolah', 'Ever enrolled'),
            color: '#0b57a4',
            values: cohorts.map((c) => c.everEnrolled),
          },
          { name: t('Sedang belajar', 'Learning'), color: '#1a7f37', values: cohorts.map(learning) },
          {
            name: t('Lulus', 'Completed'),
            color: '#8a4b00',
            values: cohorts.map((c) => c.byStatus.COMPLETED),
          },
        ]}
        format={countText}
      />
      <BarChart
        title={t('Jalur pendidikan sekolah terakhir', 'Pathway of the latest school')}
        labels={PATHWAYS.map((p) => pathwayLabel(t, p))}
        series={[
          { name: t('Orang', 'People'), color: '#0b57a4', values: PATHWAYS.map((p) => totals.byPathway[p]) },
        ]}
        format={countText}
      />
      <BarChart
        title={t('Alasan tidak sekolah terbanyak', 'Most common reasons for being out of school')}
        labels={reasons.map((r) => short(`${r.n}. ${labelsOfReasons[r.n] ?? ''}`))}
        series={[{ name: t('Orang', 'People'), color: '#8a4b00', values: reasons.map((r) => r.count) }]}
        format={countText}
      />
      <BarChart
        title={t('Anak (ATS) dan dewasa (DTS)', 'Children (ATS) and adults (DTS)')}
        labels={[t('Anak (ATS)', 'Children (ATS)'), t('Dewasa (DTS)', 'Adults (DTS)')]}
        series={[
          {
            name: t('Terdaftar', 'Registered'),
            color: '#4a5261',
            values: [totals.byTrack.ATS, totals.byTrack.DTS],
          },
        ]}
        format={countText}
      />
      <section class="scroll" tabindex={0} aria-labelledby="capaian-kecamatan">
        <table>
          <caption id="capaian-kecamatan">{t('Per kecamatan', 'By kecamatan')}</caption>
          <thead>
            <tr>
              <th scope="col">Kecamatan</th>
              <th scope="col" class="n">
                {t('Terdaftar', 'Registered')}
              </th>
              <th scope="col" class="n">
                {t('Pernah masuk sekolah', 'Ever enrolled')}
              </th>
              <th scope="col" class="n">
                {t('Sedang belajar', 'Learning')}
              </th>
              <th scope="col" class="n">
                {t('Lulus', 'Completed')}
              </th>
              <th scope="col" class="n">
                {t('Putus lagi', 'Dropped out')}
              </th>
              <th scope="col" class="n">
                {t('Masuk lagi', 'Re-enrolled')}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...byDistrict.rows, { ...totals, code: '', name: t('Kabupaten Brebes', 'Brebes regency') }].map(
              (r) => (
                <tr>
                  <th scope="row">{r.name}</th>
                  <td class="n">{countText(r.registered)}</td>
                  <td class="n">{countText(r.everEnrolled)}</td>
                  <td class="n">{countText(learning(r))}</td>
                  <td class="n">{countText(r.byStatus.COMPLETED)}</td>
                  <td class="n">{countText(r.byStatus.DROPPED_OUT)}</td>
                  <td class="n">{countText(r.reEnrolled)}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </section>
    </>
  );
}
