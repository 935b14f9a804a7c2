import { STATUSES, type Status } from '../../shared/domain/candidate.js';
import { DomainError } from '../../shared/errors.js';
import { render } from '../../shared/i18n.js';
import { countCandidates, listCandidates, type StoredCandidate } from '../../shared/services/candidates.js';
import { programYears } from '../../shared/services/programs.js';
import { searchCandidates } from '../../shared/services/search.js';
import type { GkbContext, OperationHandler } from '../http/app.js';
import { optionalYearParam } from '../http/params.js';
import { fundingText } from './candidate-page.js';
import { countText, villageName, villageText } from './format.js';
import { Field } from './forms.js';
import { Empty, type EmptyText, PageTitle } from './help.js';
import { page, tOf, viewer, withYear } from './shell.js';
import { statusLabel, type T, trackLabel } from './ui.js';
import { YearSwitch } from './year-switch.js';

/** Rows on a page of the candidates list. */
const LIST_PAGE = 50;

/** The candidates list filtered to these statuses (repeated `status`), as a link. */
export const listLink = (statuses: readonly Status[]) =>
  `/calon?${new URLSearchParams(statuses.map((s) => ['status', s]))}`;

/**
 * Candidates as rows a person can tell apart: name, the NIK's last digits, the village by
 * name (with its kecamatan for Bappeda, who sees them all), the cohort, the track, the
 * status and the place, in words. Each link sits alone in its cell (a tall tap target).
 */
export function CandidateTable(props: {
  c: GkbContext;
  items: StoredCandidate[];
  /** The id of the heading that names this table: every table of a page has its own name. */
  labelledBy: string;
  /** Why there is no one, and what to do: shown instead of an empty table. */
  empty: EmptyText;
}) {
  const t = tOf(props.c);
  if (props.items.length === 0) return <Empty {...props.empty} />;
  const place = viewer(props.c).role === 'bappeda_staff' ? villageText : villageName;
  return (
    <section class="scroll" tabindex={0} aria-labelledby={props.labelledBy}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('Nama', 'Name')}</th>
            <th scope="col">NIK</th>
            <th scope="col">{t('Desa', 'Village')}</th>
            <th scope="col">{t('Tahun program', 'Programme year')}</th>
            <th scope="col">{t('Jalur', 'Track')}</th>
            <th scope="col">{t('Status', 'Status')}</th>
            <th scope="col">{t('Pendanaan', 'Funding')}</th>
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
              <td>{s.candidate.anonymised ? '' : `…${s.candidate.nik.slice(-4)}`}</td>
              <td>{place(s.candidate.villageCode)}</td>
              <td>{s.candidate.year}</td>
              <td>{trackLabel(t, s.candidate.track)}</td>
              <td>{statusLabel(t, s.candidate.status)}</td>
              <td>{fundingText(t, s)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * The search box of every list page: a GET to the candidates list with `q`, its rule under
 * its label, the words typed kept, and the problem with them beside it.
 */
export function SearchBox(props: { t: T; q?: string | undefined; problem?: string | undefined }) {
  const { t } = props;
  return (
    <search>
      <form method="get" action="/calon" class="search">
        <Field
          name="q"
          label={t('Cari orang', 'Find a person')}
          hint={t(
            'Kata dari nama (misalnya "siti am"), 4 angka terakhir NIK, atau NIK lengkap. Semua tahun program.',
            'Words of the name (e.g. "siti am"), the last 4 NIK digits, or the whole NIK. Every programme year.',
          )}
          problems={props.problem ? { q: props.problem } : {}}
        >
          {(a) => <input type="search" value={props.q ?? ''} autocomplete="off" {...a} />}
        </Field>
        <button type="submit">{t('Cari', 'Search')}</button>
      </form>
    </search>
  );
}

/** Why the candidates list is empty, and what to do about it. */
function emptyList(c: GkbContext, filtered: boolean, waitlisted: boolean): EmptyText {
  const t = tOf(c);
  const all = <a href="/calon">{t('Lihat semua calon', 'See every candidate')}</a>;
  const register =
    viewer(c).role === 'village_official' ? (
      <>
        <a href="/calon/baru">{t('Daftarkan calon', 'Register a candidate')}</a> {t('atau', 'or')}{' '}
        <a href="/impor">{t('unggah daftar hasil pendataan', 'upload a survey list')}</a>.
      </>
    ) : undefined;
  if (waitlisted)
    return {
      why: t(
        'Daftar tunggu kosong: setiap calon yang tercatat sudah mendapat tempat.',
        'The waitlist is empty: every candidate recorded has a place.',
      ),
      next: all,
    };
  if (filtered)
    return {
      why: t('Tidak ada calon yang cocok dengan pilihan ini.', 'No candidates match this choice.'),
      next: register ? (
        <>
          {all}, {t('atau', 'or')} {register}
        </>
      ) : (
        all
      ),
    };
  if (register)
    return { why: t('Belum ada calon di desa ini.', 'No candidates in this village yet.'), next: register };
  return {
    why: t(
      'Belum ada calon yang tercatat. Calon muncul di sini setelah operator desa mendatanya.',
      'No candidates recorded yet. They appear here once village officials record them.',
    ),
  };
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
    const q = c.req.query('q');
    if (q !== undefined) return searchPage(c, q, cursor);
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
        <PageTitle help="cari" id="judul-calon">
          {waitlisted ? t('Daftar tunggu', 'Waitlist') : t('Daftar calon', 'Candidates')}
        </PageTitle>
        <YearSwitch t={t} years={years} current={year} href={(y) => withYear(c, y)} allYears />
        <SearchBox t={t} />
        <p role="status">
          {result.items.length > 0
            ? t(
                `Menampilkan ${countText(from)}–${countText(last)} dari ${countText(total)} calon.`,
                `Showing ${countText(from)}–${countText(last)} of ${countText(total)}.`,
              )
            : t(`${countText(total)} calon.`, `${countText(total)} candidates.`)}
        </p>
        <CandidateTable
          c={c}
          items={result.items}
          labelledBy="judul-calon"
          empty={emptyList(c, year !== undefined || statuses.length > 0, waitlisted)}
        />
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

/** The people a search finds, a page at a time (no total: the search reads only what it shows). */
async function searchPage(c: GkbContext, q: string, cursor: string | undefined) {
  const t = tOf(c);
  let result: { items: StoredCandidate[]; nextCursor: string | null } = { items: [], nextCursor: null };
  let problem: string | undefined;
  try {
    result = await searchCandidates(viewer(c), { q, limit: LIST_PAGE, ...(cursor ? { cursor } : {}) });
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'VALIDATION_FAILED') throw error;
    problem = render(error.details[0] ?? error.userMessage, c.get('lang'));
  }
  const title = t(`Hasil pencarian "${q}"`, `Search results for "${q}"`);
  return page(
    c,
    title,
    <>
      <PageTitle help="cari" id="judul-cari">
        {title}
      </PageTitle>
      <SearchBox t={t} q={q} problem={problem} />
      {problem ? null : (
        <>
          <p role="status">
            {result.items.length > 0
              ? t(
                  `${countText(result.items.length)} orang ditemukan${result.nextCursor ? ' di halaman ini' : ''}.`,
                  `${countText(result.items.length)} found${result.nextCursor ? ' on this page' : ''}.`,
                )
              : ''}
          </p>
          <CandidateTable
            c={c}
            items={result.items}
            labelledBy="judul-cari"
            empty={{
              why: t(
                'Tidak ada orang yang cocok di wilayah Anda. Periksa ejaan, coba satu kata saja, atau cari dengan 4 angka terakhir NIK.',
                'No one in your area matches. Check the spelling, try one word, or search by the last 4 NIK digits.',
              ),
              next: <a href="/calon">{t('Kosongkan pencarian', 'Clear the search')}</a>,
            }}
          />
          {result.nextCursor ? (
            <p>
              <a href={`/calon?${new URLSearchParams({ q, cursor: result.nextCursor })}`}>
                {t('Hasil berikutnya →', 'More results →')}
              </a>
            </p>
          ) : null}
        </>
      )}
    </>,
    problem ? 400 : 200,
  );
}
