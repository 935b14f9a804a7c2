import type { Child } from 'hono/jsx';
import { villages } from '../../shared/domain/regions.js';
import type { FollowUpRow } from '../../shared/services/follow-up.js';
import type { BudgetReport, Money } from '../../shared/services/reports.js';
import { FollowUpTable } from '../web/follow-up-table.js';
import { countText } from '../web/format.js';
import { PageTitle } from '../web/help.js';
import { rupiah, type T } from '../web/ui.js';

/**
 * Horizontal bars as inline SVG (no chart runtime): one group per kecamatan, one bar per
 * series, scaled to the largest value. The table below carries the same numbers for
 * screen readers and copying.
 */
export function BarChart(props: {
  title: string;
  labels: string[];
  series: { name: string; color: string; values: number[] }[];
  format: (n: number) => string;
}) {
  const max = Math.max(1, ...props.series.flatMap((s) => s.values));
  const bar = 12;
  const group = props.series.length * bar + 8;
  const height = props.labels.length * group + 24;
  return (
    <figure class="card">
      <figcaption>
        <strong>{props.title}</strong>{' '}
        {props.series.map((s) => (
          <span>
            <svg width="12" height="12" aria-hidden="true">
              <rect width="12" height="12" fill={s.color} />
            </svg>{' '}
            {s.name}{' '}
          </span>
        ))}
      </figcaption>
      <svg viewBox={`0 0 600 ${height}`} width="100%" role="img" aria-label={props.title}>
        {props.labels.map((label, i) => (
          <g transform={`translate(0 ${i * group})`}>
            <text x="0" y={bar + 2} font-size="12" fill="#1a1a1a">
              {label}
            </text>
            {props.series.map((s, j) => {
              const value = s.values[i] ?? 0;
              const width = Math.round((value / max) * 330);
              return (
                <>
                  <rect x="150" y={j * bar + 2} width={width} height={bar - 2} fill={s.color}>
                    <title>{`${label}, ${s.name}: ${props.format(value)}`}</title>
                  </rect>
                  <text x={155 + width} y={j * bar + bar - 1} font-size="10" fill="#1a1a1a">
                    {props.format(value)}
                  </text>
                </>
              );
            })}
          </g>
        ))}
      </svg>
    </figure>
  );
}

/**
 * A year's budget in words: how many are recorded and hold a place, the money of each
 * source (set aside for those not yet at school, promised to those at school, paid), two
 * charts and the table per kecamatan.
 */
export function BudgetPage(props: {
  t: T;
  report: BudgetReport;
  quota: number;
  yearSwitch: Child;
  /** The follow-up report of the year, by kecamatan: the share of learners monitored. */
  followUp: { rows: FollowUpRow[]; totals: Omit<FollowUpRow, 'code' | 'name'> };
}) {
  const { t, report } = props;
  const { rows, totals } = report;
  const capacity = rows.map((r) => villages.filter((v) => v.districtCode === r.code).length * props.quota);
  const labels = rows.map((r) => r.name);
  const money: [string, (m: Money) => number][] = [
    [
      t('Dicadangkan untuk calon yang belum masuk sekolah', 'Reserved for candidates not yet at school'),
      (m) => m.reserved,
    ],
    [
      t('Sudah dialokasikan untuk peserta yang masuk sekolah', 'Committed to learners at school'),
      (m) => m.committed,
    ],
    [t('Sudah dicairkan', 'Paid out'), (m) => m.disbursed],
  ];
  return (
    <>
      <PageTitle help="anggaran">{t(`Anggaran GKB ${report.year}`, `GKB budget ${report.year}`)}</PageTitle>
      {props.yearSwitch}
      <div class="card">
        <p>
          {t('Unduh', 'Download')}:{' '}
          <a href={`/anggaran/unduh?year=${report.year}&format=csv&by=district`}>
            CSV {t('per kecamatan', 'by kecamatan')}
          </a>
          {' · '}
          <a href={`/anggaran/unduh?year=${report.year}&format=xlsx&by=district`}>
            Excel {t('per kecamatan', 'by kecamatan')}
          </a>
          {' · '}
          <a href={`/anggaran/unduh?year=${report.year}&format=xlsx&by=village`}>
            Excel {t('per desa', 'by village')}
          </a>
        </p>
        <p>
          {t('Daftar penerima (lampiran SK Bupati, bank)', 'Recipients (decree annex, bank)')}:{' '}
          {(['APBDES', 'APBD'] as const).map((source, i) => (
            <>
              {i > 0 ? ' · ' : ''}
              <a href={`/anggaran/penerima?year=${report.year}&source=${source}&format=xlsx`}>
                Excel {source === 'APBD' ? 'APBD' : 'APBDes'}
              </a>
              {' · '}
              <a href={`/anggaran/penerima?year=${report.year}&source=${source}&format=csv`}>
                CSV {source === 'APBD' ? 'APBD' : 'APBDes'}
              </a>
            </>
          ))}
        </p>
        <p>
          <a class="button secondary" href={`/anggaran/pembayaran?year=${report.year}`}>
            {t(
              'Catat banyak pembayaran dari lembar Excel atau CSV',
              'Record many payments from an Excel or CSV sheet',
            )}
          </a>
        </p>
        <dl>
          <dt>{t('Calon tercatat', 'Candidates recorded')}</dt>
          <dd>{countText(totals.registered)}</dd>
          <dt>{t('Tempat desa (APBDes) terisi', 'Village places (APBDes) held')}</dt>
          <dd>
            {countText(totals.funded)}; {t('daftar tunggu', 'waitlist')} {countText(totals.waitlisted)}{' '}
            {t('orang', 'people')}
          </dd>
          <dt>{t('Tempat APBD terpakai', 'APBD places used')}</dt>
          <dd>
            {t(
              `${countText(totals.apbd.placesUsed)} dari ${countText(totals.apbd.places)}`,
              `${countText(totals.apbd.placesUsed)} of ${countText(totals.apbd.places)}`,
            )}
          </dd>
          <dt>{t('Pagu APBD', 'APBD ceiling')}</dt>
          <dd>{rupiah(totals.apbd.ceiling)}</dd>
        </dl>
        <section class="scroll" tabindex={0} aria-labelledby="dana">
          <table>
            <caption id="dana">
              {t(`Dana GKB ${report.year} per sumber`, `GKB funds ${report.year} by source`)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('Dana', 'Funds')}</th>
                <th scope="col">{t('APBDes (anggaran desa)', 'APBDes (village budget)')}</th>
                <th scope="col">{t('APBD (anggaran kabupaten)', 'APBD (regency budget)')}</th>
              </tr>
            </thead>
            <tbody>
              {money.map(([label, of]) => (
                <tr>
                  <th scope="row">{label}</th>
                  <td class="n">{rupiah(of(totals.apbdes))}</td>
                  <td class="n">{rupiah(of(totals.apbd))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <BarChart
        title={t('Tempat desa terisi dibanding kuota', 'Village places held against quota')}
        labels={labels}
        format={countText}
        series={[
          { name: t('Kuota', 'Quota'), color: '#9db4cc', values: capacity },
          { name: t('Terisi', 'Held'), color: '#0b57a4', values: rows.map((r) => r.funded) },
        ]}
      />
      <BarChart
        title={t(
          'Dana yang sudah dialokasikan untuk peserta dan yang sudah dicairkan, per sumber',
          'Funds committed to learners and paid out, by source',
        )}
        labels={labels}
        format={rupiah}
        series={[
          {
            name: t('APBDes dialokasikan', 'APBDes committed'),
            color: '#0b57a4',
            values: rows.map((r) => r.apbdes.committed),
          },
          {
            name: t('APBDes dicairkan', 'APBDes paid'),
            color: '#5b8fc7',
            values: rows.map((r) => r.apbdes.disbursed),
          },
          {
            name: t('APBD dialokasikan', 'APBD committed'),
            color: '#8a4b08',
            values: rows.map((r) => r.apbd.committed),
          },
          {
            name: t('APBD dicairkan', 'APBD paid'),
            color: '#c98a3c',
            values: rows.map((r) => r.apbd.disbursed),
          },
        ]}
      />
      <section class="scroll" tabindex={0} aria-labelledby="per-kecamatan">
        <table>
          <caption id="per-kecamatan">
            {t(`Anggaran ${report.year} per kecamatan`, `Budget ${report.year} by kecamatan`)}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('Kecamatan', 'Kecamatan')}</th>
              <th scope="col" class="n">
                {t('Calon tercatat', 'Candidates recorded')}
              </th>
              <th scope="col" class="n">
                {t('Tempat desa terisi', 'Village places held')}
              </th>
              <th scope="col" class="n">
                {t('Daftar tunggu', 'Waitlist')}
              </th>
              <th scope="col" class="n">
                {t('APBDes dialokasikan untuk peserta', 'APBDes committed to learners')}
              </th>
              <th scope="col" class="n">
                {t('Tempat APBD', 'APBD places')}
              </th>
              <th scope="col" class="n">
                {t('Sudah dicairkan (APBDes + APBD)', 'Paid out (APBDes + APBD)')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">{r.name}</th>
                <td class="n">{countText(r.registered)}</td>
                <td class="n">{countText(r.funded)}</td>
                <td class="n">{countText(r.waitlisted)}</td>
                <td class="n">{rupiah(r.apbdes.committed)}</td>
                <td class="n">{countText(r.apbd.places)}</td>
                <td class="n">{rupiah(r.apbdes.disbursed + r.apbd.disbursed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <h2 id="pendampingan">{t('Pendampingan peserta', 'Follow-up of learners')}</h2>
      <p>
        {t(
          'Peserta yang masuk sekolah atau aktif belajar dan dikunjungi relawan dalam 30 hari terakhir.',
          'Learners enrolled or attending who were visited by a volunteer in the last 30 days.',
        )}{' '}
        <a href={`/pendampingan?year=${report.year}`}>{t('Laporan pendampingan', 'Follow-up report')}</a>
      </p>
      <FollowUpTable
        t={t}
        rows={props.followUp.rows}
        totals={props.followUp.totals}
        caption={t('Peserta dipantau per kecamatan', 'Learners monitored by kecamatan')}
        placeHeading={t('Kecamatan', 'Kecamatan')}
      />
    </>
  );
}
