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
