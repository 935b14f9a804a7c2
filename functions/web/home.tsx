import { DomainError } from '../../shared/errors.js';
import type { Principal } from '../../shared/principal.js';
import { programYears } from '../../shared/services/programs.js';
import { villageSummary } from '../../shared/services/villages.js';
import type { GkbContext, OperationHandler } from '../http/app.js';
import { countText, villageName } from './format.js';
import { PageTitle } from './help.js';
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
      <PageTitle help="kuota">
        {t('Desa', 'Village')} {villageName(p.villageCode)} · {year}
      </PageTitle>
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

/** Each role's home: the official's quota meter, the volunteer's worklist, Bappeda's budget. */
export const homeRoutes = {
  home: async (c) => {
    const p = viewer(c);
    if (p.role === 'village_official') return officialHome(c, p);
    // A volunteer's home is the worklist in due order (the visits function's /kerja).
    if (p.role === 'fmpp_volunteer') return c.redirect('/kerja', 303);
    return c.redirect('/anggaran', 303);
  },
} satisfies Record<string, OperationHandler>;
