import type { Status } from '../../shared/domain/candidate.js';
import { DomainError } from '../../shared/errors.js';
import type { Principal } from '../../shared/principal.js';
import { countCandidates, listCandidates } from '../../shared/services/candidates.js';
import { programYears } from '../../shared/services/programs.js';
import { villageSummary } from '../../shared/services/villages.js';
import type { GkbContext, OperationHandler } from '../http/app.js';
import { CandidateTable, listLink } from './candidate-list.js';
import { countText, districtName, villageName } from './format.js';
import { page, pageYear, tOf, viewer, withYear } from './shell.js';
import { YearSwitch } from './year-switch.js';

async function officialHome(c: GkbContext, p: Extract<Principal, { role: 'village_official' }>) {
  const t = tOf(c);
  const [year, years] = await Promise.all([pageYear(c), programYears()]);
  const summary = await villageSummary(p, p.villageCode, year).catch((error: unknown) => {
    // A year Bappeda has not configured yet has no places: the page says so, with zeros.
    if (error instanceof DomainError && error.code === 'PROGRAM_NOT_CONFIGURED') return undefined;
    throw error;
  });
  const quota = summary?.quota ?? 0;
  const funded = summary?.funded ?? 0;
  const waiting = summary?.waitlisted ?? 0;
  return page(
    c,
    t('Beranda', 'Home'),
    <>
      <h1>
        {t('Desa', 'Village')} {villageName(p.villageCode)} · {year}
      </h1>
      <YearSwitch t={t} years={years.map((y) => y.year)} current={year} href={(y) => withYear(c, y)} />
      {summary ? null : (
        <p class="notice" role="status">
          {t(
            `Tahun program ${year} belum diatur oleh Bappeda.`,
            `Programme year ${year} is not configured yet.`,
          )}
        </p>
      )}
      <div class="card">
        <h2 id="kuota">{t('Tempat desa (APBDes)', 'Village places (APBDes)')}</h2>
        <p class="big" data-testid="places">
          {countText(funded)} / {countText(quota)}
        </p>
        <meter min={0} max={Math.max(quota, 1)} value={funded} aria-labelledby="kuota">
          {countText(funded)} / {countText(quota)}
        </meter>
        <p>
          {t(
            `${countText(funded)} dari ${countText(quota)} tempat terisi.`,
            `${countText(funded)} of ${countText(quota)} places held.`,
          )}{' '}
          <span data-testid="waitlist">
            {t(`Daftar tunggu: ${countText(waiting)} orang.`, `Waitlist: ${countText(waiting)}.`)}
          </span>
        </p>
      </div>
      <p>
        <a class="button" href={`/calon/baru?year=${year}`}>
          {t('Daftarkan calon baru', 'Register a candidate')}
        </a>{' '}
        <a class="button" href="/calon">
          {t('Lihat daftar calon', 'See the candidates')}
        </a>
      </p>
    </>,
  );
}

/** How many of each worklist group the home page shows; "Lihat semua" pages through the rest. */
const WORKLIST_SHOWN = 20;

async function volunteerHome(c: GkbContext, p: Extract<Principal, { role: 'fmpp_volunteer' }>) {
  const t = tOf(c);
  // Across every cohort: a learner of 2026 stays on the worklist in 2027 until they finish or leave.
  const groups: { id: string; title: (n: string) => string; empty: string; statuses: Status[] }[] = [
    {
      id: 'kunjungi',
      title: (n) => t(`Perlu dikunjungi dan diverifikasi (${n})`, `To visit and verify (${n})`),
      empty: t(
        'Tidak ada calon yang menunggu kunjungan. Calon baru dari desa muncul di sini.',
        'No one is waiting for a visit. New candidates from the villages appear here.',
      ),
      statuses: ['IDENTIFIED'],
    },
    {
      id: 'sekolah',
      title: (n) => t(`Perlu dibantu masuk sekolah (${n})`, `To enrol at a school (${n})`),
      empty: t(
        'Tidak ada calon yang menunggu masuk sekolah. Calon yang sudah diverifikasi muncul di sini.',
        'No one is waiting to enrol. Verified candidates appear here.',
      ),
      statuses: ['VERIFIED'],
    },
    {
      id: 'pantau',
      title: (n) => t(`Perlu dipantau (${n})`, `To follow up (${n})`),
      empty: t(
        'Belum ada peserta yang perlu dipantau. Calon yang sudah masuk sekolah muncul di sini.',
        'No one to follow up yet. Those enrolled at a school appear here.',
      ),
      statuses: ['ENROLLED', 'ACTIVE', 'DROPPED_OUT'],
    },
  ];
  // True counts from the aggregates; the first rows of each group from the index.
  const filled = await Promise.all(
    groups.map(async (g) => ({
      ...g,
      count: await countCandidates(p, { statuses: g.statuses }),
      items: (await listCandidates(p, { statuses: g.statuses, limit: WORKLIST_SHOWN })).items,
    })),
  );
  return page(
    c,
    t('Daftar kerja', 'Worklist'),
    <>
      <h1>
        {t('Daftar kerja', 'Worklist')} Kecamatan {districtName(p.districtCode)}
      </h1>
      {filled.map((g) => (
        <>
          <h2 id={`kerja-${g.id}`}>{g.title(countText(g.count))}</h2>
          <CandidateTable c={c} items={g.items} labelledBy={`kerja-${g.id}`} empty={g.empty} />
          {g.count > g.items.length ? (
            <p>
              <a href={listLink(g.statuses)}>
                {t(`Lihat semua ${countText(g.count)} →`, `See all ${countText(g.count)} →`)}
              </a>
            </p>
          ) : null}
        </>
      ))}
    </>,
  );
}

/** Each role's home: the official's quota meter, the volunteer's worklist, Bappeda's budget. */
export const homeRoutes = {
  home: async (c) => {
    const p = viewer(c);
    if (p.role === 'village_official') return officialHome(c, p);
    if (p.role === 'fmpp_volunteer') return volunteerHome(c, p);
    return c.redirect('/anggaran', 303);
  },
} satisfies Record<string, OperationHandler>;
