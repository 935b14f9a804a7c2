import { STATUSES, type Status } from '../../shared/domain/candidate.js';
import { countCandidates, listCandidates, type StoredCandidate } from '../../shared/services/candidates.js';
import { programYears } from '../../shared/services/programs.js';
import type { GkbContext, OperationHandler } from '../http/app.js';
import { optionalYearParam } from '../http/params.js';
import { fundingText } from './candidate-page.js';
import { page, tOf, viewer, withYear } from './shell.js';
import { statusLabel } from './ui.js';
import { YearSwitch } from './year-switch.js';

/** Rows on a page of the candidates list. */
const LIST_PAGE = 50;

/** The candidates list filtered to these statuses (repeated `status`), as a link. */
export const listLink = (statuses: readonly Status[]) =>
  `/calon?${new URLSearchParams(statuses.map((s) => ['status', s]))}`;

export function CandidateTable(props: { c: GkbContext; items: StoredCandidate[] }) {
  const t = tOf(props.c);
  if (props.items.length === 0) return <p>{t('Belum ada calon.', 'No candidates yet.')}</p>;
  return (
    <section class="scroll" tabindex={0} aria-label="Tabel">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('Nama', 'Name')}</th>
            <th scope="col">{t('Tahun', 'Year')}</th>
            <th scope="col">NIK</th>
            <th scope="col">{t('Status', 'Status')}</th>
            <th scope="col">{t('Tempat', 'Place')}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((s) => (
            <tr>
              <td>
                <a href={`/calon/${s.candidate.id}`}>
                  {s.candidate.anonymised ? t('(dianonimkan)', '(anonymised)') : s.candidate.fullName}
                </a>
              </td>
              <td>{s.candidate.year}</td>
              <td>{s.candidate.anonymised ? '' : `…${s.candidate.nik.slice(-4)}`}</td>
              <td>{statusLabel(t, s.candidate.status)}</td>
              <td>{fundingText(t, s)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The candidates in the viewer's scope, filtered and paged, with how many there are in all. */
export const listRoutes = {
  candidatesPage: async (c) => {
    const p = viewer(c);
    const t = tOf(c);
    // Every cohort unless a year is chosen: people are followed until they finish.
    const year = optionalYearParam(c);
    const years = (await programYears()).map((y) => y.year);
    const statuses = STATUSES.filter((s) => c.req.queries('status')?.includes(s));
    const waitlisted = c.req.query('funding') === 'WAITLISTED';
    const cursor = c.req.query('cursor');
    const from = /^\d{1,6}$/.test(c.req.query('dari') ?? '') ? Number(c.req.query('dari')) : 1;
    const filter = {
      ...(year === undefined ? {} : { year }),
      ...(statuses.length > 0 ? { statuses } : {}),
      ...(waitlisted ? { waitlisted } : {}),
    };
    const [result, total] = await Promise.all([
      listCandidates(p, { ...filter, limit: LIST_PAGE, ...(cursor ? { cursor } : {}) }),
      countCandidates(p, filter),
    ]);
    const query = (extra: Record<string, string>) => {
      const search = new URLSearchParams([
        ...(year === undefined ? [] : [['year', String(year)]]),
        ...statuses.map((s) => ['status', s]),
        ...(waitlisted ? [['funding', 'WAITLISTED']] : []),
        ...Object.entries(extra),
      ]).toString();
      return search ? `/calon?${search}` : '/calon';
    };
    const last = from + result.items.length - 1;
    return page(
      c,
      t('Daftar calon', 'Candidates'),
      <>
        <h1>{waitlisted ? t('Daftar tunggu', 'Waitlist') : t('Daftar calon', 'Candidates')}</h1>
        <YearSwitch t={t} years={years} current={year} href={(y) => withYear(c, y)} allYears />
        <p role="status">
          {result.items.length > 0
            ? t(`Menampilkan ${from}–${last} dari ${total} calon.`, `Showing ${from}–${last} of ${total}.`)
            : t(`${total} calon.`, `${total} candidates.`)}
        </p>
        <CandidateTable c={c} items={result.items} />
        <p>
          {cursor ? <a href={query({})}>{t('← Halaman pertama', '← First page')}</a> : null}{' '}
          {result.nextCursor && last < total ? (
            <a href={query({ cursor: result.nextCursor, dari: String(last + 1) })}>
              {t('Halaman berikutnya →', 'Next page →')}
            </a>
          ) : null}
        </p>
      </>,
    );
  },
} satisfies Record<string, OperationHandler>;
