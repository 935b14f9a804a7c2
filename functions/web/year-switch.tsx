import { programYears } from '../../shared/services/programs.js';
import type { GkbContext } from '../http/app.js';
import { pageYear, tOf, withYear } from './shell.js';
import type { T } from './ui.js';

/**
 * The year switch of a page bound to a programme year (or a filter of a list across
 * cohorts): a link per configured year, the current one marked, and "Semua tahun" where every
 * cohort can be shown. Links, not a form: it works without JavaScript and on any phone.
 */
export function YearSwitch(props: {
  t: T;
  years: number[];
  current: number | undefined;
  /** The page's address for a year (`undefined`: every cohort). */
  href: (year: number | undefined) => string;
  /** Whether "every cohort" is a choice (lists), or a year must be chosen (budget, quota). */
  allYears?: boolean;
}) {
  const { t } = props;
  const choices: (number | undefined)[] = [...(props.allYears ? [undefined] : []), ...props.years];
  return (
    <nav class="years" aria-label={t('Tahun program', 'Programme year')}>
      {t('Tahun program', 'Programme year')}:{' '}
      {choices.map((year) =>
        year === props.current ? (
          <strong aria-current="page">{year ?? t('Semua tahun', 'All years')}</strong>
        ) : (
          <a href={props.href(year)}>{year ?? t('Semua tahun', 'All years')}</a>
        ),
      )}
    </nav>
  );
}

/**
 * A year-bound page's year (`?year=`, else the latest configured) and its switch. `next`
 * also offers the year after the latest (the settings page, so that Bappeda can configure it
 * ahead).
 */
export async function yearOfPage(c: GkbContext, options: { next?: boolean } = {}) {
  const [year, configured] = await Promise.all([pageYear(c), programYears()]);
  const years = configured.map((y) => y.year);
  const latest = years[0];
  const choices = [...new Set([...(options.next && latest ? [latest + 1] : []), ...years, year])].sort(
    (a, b) => b - a,
  );
  return {
    year,
    yearSwitch: <YearSwitch t={tOf(c)} years={choices} current={year} href={(y) => withYear(c, y)} />,
  };
}
