import { type FollowUpRow, monitoredShare } from '../../shared/services/follow-up.js';
import { countText } from './format.js';
import type { T } from './ui.js';

/** A table of follow-up rows (villages, or kecamatan for the regency) with its totals. */
export function FollowUpTable(props: {
  t: T;
  rows: FollowUpRow[];
  totals: Omit<FollowUpRow, 'code' | 'name'>;
  caption: string;
  placeHeading: string;
  /** A row's link (a kecamatan to its villages), when it has one. */
  href?: (row: FollowUpRow) => string;
}) {
  const { t } = props;
  const share = (r: Pick<FollowUpRow, 'learners' | 'monitored'>) => {
    const s = monitoredShare(r);
    return s === null ? '–' : `${s} %`;
  };
  return (
    <section class="scroll" tabindex={0} aria-label={props.caption}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.placeHeading}</th>
            <th scope="col" class="n">
              {t('Peserta belajar', 'Learners')}
            </th>
            <th scope="col" class="n">
              {t('Dipantau 30 hari', 'Monitored, 30 days')}
            </th>
            <th scope="col" class="n">
              %
            </th>
            <th scope="col" class="n">
              {t('Terlambat', 'Overdue')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <th scope="row">{props.href ? <a href={props.href(r)}>{r.name}</a> : r.name}</th>
              <td class="n">{countText(r.learners)}</td>
              <td class="n">{countText(r.monitored)}</td>
              <td class="n">{share(r)}</td>
              <td class="n">{countText(r.overdue)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('Jumlah', 'Total')}</th>
            <td class="n">{countText(props.totals.learners)}</td>
            <td class="n">{countText(props.totals.monitored)}</td>
            <td class="n">{share(props.totals)}</td>
            <td class="n">{countText(props.totals.overdue)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
