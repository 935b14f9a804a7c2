import type { Child } from 'hono/jsx';
import { villages } from '../../shared/domain/regions.js';
import type { BudgetReport } from '../../shared/services/reports.js';
import { rupiah, type T } from '../web/ui.js';

/**
 * Horizontal bars as inline SVG (no chart runtime): one group per kecamatan, one bar per
 * series, scaled to the largest value. The table below carries the same numbers for
 * screen readers and copying.
 */
function BarChart(props: {
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

export function BudgetPage(props: { t: T; report: BudgetReport; quota: number; yearSwitch: Child }) {
  const { t, report } = props;
  const { rows, totals } = report;
  const capacity = rows.map((r) => villages.filter((v) => v.districtCode === r.code).length * props.quota);
  const labels = rows.map((r) => r.name);
  const count = (n: number) => n.toLocaleString('id-ID');
  return (
    <>
      <h1>{t(`Anggaran GKB ${report.year}`, `GKB budget ${report.year}`)}</h1>
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
        <dl>
          <dt>{t('Calon terdaftar', 'Registered')}</dt>
          <dd>{count(totals.registered)}</dd>
          <dt>{t('Tempat desa terisi', 'Village places held')}</dt>
          <dd>
            {count(totals.funded)} ({t('daftar tunggu', 'waitlist')} {count(totals.waitlisted)})
          </dd>
          <dt>APBDes</dt>
          <dd>
            {t('dicadangkan', 'reserved')} {rupiah(totals.apbdes.reserved)}, {t('dikomitmenkan', 'committed')}{' '}
            {rupiah(totals.apbdes.committed)}, {t('dicairkan', 'paid')} {rupiah(totals.apbdes.disbursed)}
          </dd>
          <dt>APBD</dt>
          <dd>
            {count(totals.apbd.placesUsed)} / {count(totals.apbd.places)} {t('tempat', 'places')};{' '}
            {t('dicadangkan', 'reserved')} {rupiah(totals.apbd.reserved)}, {t('dikomitmenkan', 'committed')}{' '}
            {rupiah(totals.apbd.committed)}, {t('dicairkan', 'paid')} {rupiah(totals.apbd.disbursed)}{' '}
            {t('dari pagu', 'of')} {rupiah(totals.apbd.ceiling)}
          </dd>
        </dl>
      </div>
      <BarChart
        title={t('Tempat desa terisi dibanding kuota', 'Village places held against quota')}
        labels={labels}
        format={count}
        series={[
          { name: t('Kuota', 'Quota'), color: '#9db4cc', values: capacity },
          { name: t('Terisi', 'Held'), color: '#0b57a4', values: rows.map((r) => r.funded) },
        ]}
      />
      <BarChart
        title={t('Dikomitmenkan dan dicairkan per sumber', 'Committed and paid per source')}
        labels={labels}
        format={(n) => `${(n / 1_000_000).toLocaleString('id-ID', { maximumFractionDigits: 1 })} jt`}
        series={[
          {
            name: t('APBDes dikomitmenkan', 'APBDes committed'),
            color: '#0b57a4',
            values: rows.map((r) => r.apbdes.committed),
          },
          {
            name: t('APBDes dicairkan', 'APBDes paid'),
            color: '#5b8fc7',
            values: rows.map((r) => r.apbdes.disbursed),
          },
          {
            name: t('APBD dikomitmenkan', 'APBD committed'),
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
      <section class="scroll" tabindex={0} aria-label="Tabel">
        <table>
          <caption class="hint">{t('Per kecamatan', 'By kecamatan')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Kecamatan', 'Kecamatan')}</th>
              <th scope="col" class="n">
                {t('Calon', 'Candidates')}
              </th>
              <th scope="col" class="n">
                {t('Tempat desa', 'Village places')}
              </th>
              <th scope="col" class="n">
                {t('Tunggu', 'Waiting')}
              </th>
              <th scope="col" class="n">
                {t('APBDes komitmen', 'APBDes committed')}
              </th>
              <th scope="col" class="n">
                {t('APBD tempat', 'APBD places')}
              </th>
              <th scope="col" class="n">
                {t('Dicairkan', 'Paid')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">{r.name}</th>
                <td class="n">{count(r.registered)}</td>
                <td class="n">{count(r.funded)}</td>
                <td class="n">{count(r.waitlisted)}</td>
                <td class="n">{rupiah(r.apbdes.committed)}</td>
                <td class="n">{count(r.apbd.places)}</td>
                <td class="n">{rupiah(r.apbdes.disbursed + r.apbd.disbursed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
