import { randomBytes } from 'node:crypto';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import { readHistory } from '../../shared/db/history.js';
import { getProgram } from '../../shared/db/programs.js';
import { readProgramAndCounters, waitlistedIn } from '../../shared/db/villages.js';
import { disbursementSchema } from '../../shared/domain/budget.js';
import {
  fullCorrectionSchema,
  registrationSchema,
  STATUSES,
  type Status,
} from '../../shared/domain/candidate.js';
import { todayInBrebes } from '../../shared/domain/dates.js';
import { programInputSchema } from '../../shared/domain/program.js';
import { findVillage } from '../../shared/domain/regions.js';
import { transitionSchema } from '../../shared/domain/workflow.js';
import { DomainError, statusOf, validationFailed } from '../../shared/errors.js';
import { type Lang, render } from '../../shared/i18n.js';
import { importTemplateFile } from '../../shared/imports/template.js';
import type { Principal } from '../../shared/principal.js';
import { reportFile } from '../../shared/report-formats/file.js';
import { budgetTable } from '../../shared/report-formats/table.js';
import { parseWith } from '../../shared/schema-problems.js';
import { assignApbdPlace, recordDisbursement } from '../../shared/services/budget.js';
import {
  correctCandidate,
  getCandidate,
  listCandidates,
  registerCandidate,
  type StoredCandidate,
} from '../../shared/services/candidates.js';
import { anonymiseCandidate, exportCandidate, recordFullView } from '../../shared/services/personal-data.js';
import { saveProgram } from '../../shared/services/programs.js';
import { budgetReport, quotaReport } from '../../shared/services/reports.js';
import { transitionCandidate } from '../../shared/services/transitions.js';
import { createApp, type GkbContext } from '../http/app.js';
import { BudgetPage } from './budget-page.js';
import { CandidateForm, type CandidateFormValues, candidateInput } from './candidate-form.js';
import { CandidatePage, fundingText } from './candidate-page.js';
import { Field, formValues, type Problems } from './forms.js';
import { importCheck, importCommit, UploadForm } from './import-pages.js';
import { Layout } from './layout.js';
import {
  cookieOptions,
  readSession,
  SESSION_COOKIE,
  sameToken,
  sealed,
  startSession,
  unsealed,
} from './session.js';
import { authorizeUrl, DEMO_USERS, localSignIn, logoutUrl, pkcePair, principalFromCode } from './sign-in.js';
import { roleLabel, statusLabel, translator } from './ui.js';

const OAUTH_COOKIE = 'gkb_oauth';
const LANG_COOKIE = 'gkb_lang';

const tOf = (c: GkbContext) => translator(c.get('lang'));

/** The signed-in person, or a redirect to the sign-in page. */
function viewer(c: GkbContext): Principal {
  const principal = c.get('principal');
  if (!principal) throw new SignInRequired();
  return principal;
}
class SignInRequired extends Error {}

/** A page in the common layout. */
function page(c: GkbContext, title: string, body: Child, status = 200): Response | Promise<Response> {
  const url = new URL(c.req.url);
  url.searchParams.delete('lang');
  const path = `${url.pathname}${url.search}`;
  const layout = (
    <Layout
      title={title}
      lang={c.get('lang')}
      principal={c.get('principal')}
      csrf={c.get('csrf')}
      path={path}
    >
      {body}
    </Layout>
  );
  return c.html(html`<!doctype html>${layout}`, status as 200);
}

/** Every state-changing form carries the session's CSRF token. */
async function postedForm(c: GkbContext): Promise<Record<string, string>> {
  const values = await formValues(c.req);
  const expected = c.get('csrf');
  if (!expected || !sameToken(values.csrf ?? '', expected)) throw new DomainError('FORBIDDEN');
  return values;
}

const problemsOf = (error: unknown, lang: Lang): Problems | undefined =>
  error instanceof DomainError && error.code === 'VALIDATION_FAILED'
    ? Object.fromEntries(error.details.map((d) => [d.field, render(d, lang)]))
    : undefined;

const versionOf = (values: Record<string, string>) =>
  /^\d+$/.test(values.version ?? '') ? Number(values.version) : undefined;
const currentYear = () => todayInBrebes().year;

async function showCandidate(
  c: GkbContext,
  stored: StoredCandidate,
  options: {
    message?: { kind: 'alert' | 'notice'; text: string };
    problems?: Problems;
    status?: number;
  } = {},
) {
  const history = await readHistory(stored.candidate.id);
  await recordFullView(viewer(c), stored.candidate, 'web');
  return page(
    c,
    stored.candidate.anonymised
      ? tOf(c)('Calon (dianonimkan)', 'Candidate (anonymised)')
      : stored.candidate.fullName,
    <CandidatePage
      t={tOf(c)}
      lang={c.get('lang')}
      viewer={viewer(c)}
      csrf={c.get('csrf') ?? ''}
      stored={stored}
      history={history}
      message={options.message}
      problems={options.problems ?? {}}
    />,
    options.status,
  );
}

/**
 * A candidate action from a form: on success back to the candidate page (PRG); a record
 * changed by someone else first, or a refusal, shows the page again with a clear message.
 */
async function candidateAction(
  c: GkbContext,
  act: (values: Record<string, string>, p: Principal) => Promise<unknown>,
) {
  const p = viewer(c);
  const id = c.req.param('id') ?? '';
  const values = await postedForm(c);
  const t = tOf(c);
  try {
    await act(values, p);
    return c.redirect(`/calon/${id}`, 303);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')
      throw error;
    const stored = await getCandidate(p, id);
    const stale = error.code === 'VERSION_MISMATCH';
    return showCandidate(c, stored, {
      status: stale ? 412 : error.code === 'VALIDATION_FAILED' ? 400 : 409,
      problems: problemsOf(error, c.get('lang')),
      message: {
        kind: 'alert',
        text: stale
          ? t(
              'Data ini sudah diubah orang lain sejak Anda membukanya. Keadaan terbaru ada di bawah; periksa lalu coba lagi.',
              'Someone else changed this record after you opened it. The latest state is below; check it and try again.',
            )
          : error.details.length > 0
            ? error.details.map((d) => render(d, c.get('lang'))).join(' ')
            : render(error.message_, c.get('lang')),
      },
    });
  }
}

function ErrorPage(props: { title: string; text: string; back: string }) {
  return (
    <>
      <h1>{props.title}</h1>
      <p class="alert" role="alert">
        {props.text}
      </p>
      <p>
        <a href="/">{props.back}</a>
      </p>
    </>
  );
}

async function renderError(c: GkbContext, error: unknown): Promise<Response> {
  if (error instanceof SignInRequired) return c.redirect('/masuk', 303);
  const t = tOf(c);
  const domain = error instanceof DomainError ? error : undefined;
  const status = domain ? statusOf[domain.code] : 500;
  const text = domain
    ? render(domain.message_, c.get('lang'))
    : t(
        'Terjadi kesalahan di sistem kami. Coba lagi nanti.',
        'Something went wrong on our side. Try again later.',
      );
  return page(
    c,
    t('Tidak bisa dilanjutkan', 'Cannot continue'),
    <ErrorPage
      title={t('Tidak bisa dilanjutkan', 'Cannot continue')}
      text={text}
      back={t('Kembali ke beranda', 'Back to the home page')}
    />,
    status,
  );
}

/** Language (`?lang=` remembered in a cookie; Indonesian by default) and the session. */
/**
 * Every page: no script may run (there is none), styles only from the page itself, forms
 * only to this site, never inside another site's frame, no sniffing, no full referrers.
 */
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

async function prepare(c: GkbContext) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
  const asked = c.req.query('lang');
  const lang: Lang =
    asked === 'en' || asked === 'id' ? asked : getCookie(c, LANG_COOKIE) === 'en' ? 'en' : 'id';
  if (asked === 'en' || asked === 'id')
    setCookie(c, LANG_COOKIE, asked, { ...cookieOptions, maxAge: 365 * 86400 });
  c.set('lang', lang);
  const session = await readSession(c);
  if (session) {
    c.set('principal', session.principal);
    c.set('csrf', session.csrf);
  }
}

function origin(c: GkbContext): string {
  const host = c.req.header('host') ?? 'localhost';
  const proto =
    c.req.header('x-forwarded-proto') ??
    (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https');
  return `${proto}://${host}`;
}

function CandidateTable(props: { c: GkbContext; items: StoredCandidate[] }) {
  const t = tOf(props.c);
  if (props.items.length === 0) return <p>{t('Belum ada calon.', 'No candidates yet.')}</p>;
  return (
    <section class="scroll" tabindex={0} aria-label="Tabel">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('Nama', 'Name')}</th>
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

async function officialHome(c: GkbContext, p: Extract<Principal, { role: 'village_official' }>) {
  const t = tOf(c);
  const year = currentYear();
  const { program, aggregate } = await readProgramAndCounters(year, p.villageCode);
  const quota = program?.villageQuota ?? 0;
  const funded = aggregate?.funded ?? 0;
  const waiting = aggregate ? waitlistedIn(aggregate) : 0;
  const village = findVillage(p.villageCode);
  return page(
    c,
    t('Beranda', 'Home'),
    <>
      <h1>
        {t('Desa', 'Village')} {village?.name} · {year}
      </h1>
      <div class="card">
        <h2 id="kuota">{t('Tempat desa (APBDes)', 'Village places (APBDes)')}</h2>
        <p class="big" data-testid="places">
          {funded} / {quota}
        </p>
        <meter min={0} max={Math.max(quota, 1)} value={funded} aria-labelledby="kuota">
          {funded} / {quota}
        </meter>
        <p>
          {t(`${funded} dari ${quota} tempat terisi.`, `${funded} of ${quota} places held.`)}{' '}
          <span data-testid="waitlist">{t(`Daftar tunggu: ${waiting} orang.`, `Waitlist: ${waiting}.`)}</span>
        </p>
      </div>
      <p>
        <a class="button" href="/calon/baru">
          {t('Daftarkan calon baru', 'Register a candidate')}
        </a>{' '}
        <a class="button" href="/calon">
          {t('Lihat daftar calon', 'See the candidates')}
        </a>
      </p>
    </>,
  );
}

async function volunteerHome(c: GkbContext, p: Principal) {
  const t = tOf(c);
  const year = currentYear();
  const group = async (statuses: Status[]) =>
    (await Promise.all(statuses.map((status) => listCandidates(p, { year, status, limit: 100 })))).flatMap(
      (r) => r.items,
    );
  const [toVerify, toEnrol, toFollow] = await Promise.all([
    group(['IDENTIFIED']),
    group(['VERIFIED']),
    group(['ENROLLED', 'ACTIVE', 'DROPPED_OUT']),
  ]);
  return page(
    c,
    t('Daftar kerja', 'Worklist'),
    <>
      <h1>{t('Daftar kerja kecamatan', 'Kecamatan worklist')}</h1>
      <h2>
        {t(
          `Perlu dikunjungi dan diverifikasi (${toVerify.length})`,
          `To visit and verify (${toVerify.length})`,
        )}
      </h2>
      <CandidateTable c={c} items={toVerify} />
      <h2>
        {t(`Perlu didaftarkan ke sekolah (${toEnrol.length})`, `To enrol at a school (${toEnrol.length})`)}
      </h2>
      <CandidateTable c={c} items={toEnrol} />
      <h2>{t(`Perlu dipantau (${toFollow.length})`, `To follow up (${toFollow.length})`)}</h2>
      <CandidateTable c={c} items={toFollow} />
    </>,
  );
}

async function budgetPage(c: GkbContext) {
  const p = viewer(c);
  const year = Number(c.req.query('year') ?? currentYear()) || currentYear();
  const [report, program] = await Promise.all([budgetReport(p, year, 'district'), getProgram(year)]);
  return page(
    c,
    tOf(c)('Anggaran', 'Budget'),
    <BudgetPage t={tOf(c)} report={report} quota={program?.villageQuota ?? 0} />,
  );
}

function programValues(values: Record<string, string>) {
  const n = (key: string) => (values[key]?.trim() ? Number(values[key]?.replace(/[.\s]/g, '')) : undefined);
  const range = (track: string): [number, number] | undefined => {
    const [min, max] = [n(`${track}.min`), n(`${track}.max`)];
    return min === undefined || max === undefined ? undefined : [min, max];
  };
  const ats = range('ATS');
  const dts = range('DTS');
  return {
    villageQuota: n('villageQuota'),
    apbdesPerPerson: n('apbdesPerPerson'),
    apbdCeiling: n('apbdCeiling'),
    apbdPlaces: n('apbdPlaces'),
    referenceDate: values.referenceDate?.trim() || undefined,
    ageRanges: { ...(ats ? { ATS: ats } : {}), ...(dts ? { DTS: dts } : {}) },
    retentionYears: n('retentionYears'),
  };
}

async function programForm(
  c: GkbContext,
  year: number,
  problems: Problems = {},
  saved = false,
  status = 200,
) {
  const t = tOf(c);
  const program = await getProgram(year);
  const fields: [string, string, string | number | undefined][] = [
    ['villageQuota', t('Kuota per desa (orang)', 'Places per village'), program?.villageQuota],
    ['apbdesPerPerson', t('APBDes per orang (Rp)', 'APBDes per person (Rp)'), program?.apbdesPerPerson],
    ['apbdCeiling', t('Pagu APBD (Rp)', 'APBD ceiling (Rp)'), program?.apbdCeiling],
    ['apbdPlaces', t('Tempat APBD (orang)', 'APBD places'), program?.apbdPlaces],
    ['referenceDate', t('Tanggal acuan umur', 'Reference date for ages'), program?.referenceDate],
    ['ATS.min', t('ATS umur terendah', 'ATS youngest age'), program?.ageRanges.ATS[0]],
    ['ATS.max', t('ATS umur tertinggi', 'ATS oldest age'), program?.ageRanges.ATS[1]],
    ['DTS.min', t('DTS umur terendah', 'DTS youngest age'), program?.ageRanges.DTS[0]],
    ['DTS.max', t('DTS umur tertinggi', 'DTS oldest age'), program?.ageRanges.DTS[1]],
    [
      'retentionYears',
      t('Data pribadi disimpan (tahun setelah tahun program)', 'Keep personal data (years after the year)'),
      program?.retentionYears,
    ],
  ];
  const fieldProblems = { ...problems };
  for (const track of ['ATS', 'DTS']) {
    const problem = problems[`ageRanges.${track}`];
    if (problem) fieldProblems[`${track}.min`] = problem;
  }
  return page(
    c,
    t('Pengaturan program', 'Programme settings'),
    <>
      <h1>{t(`Pengaturan program ${year}`, `Programme settings ${year}`)}</h1>
      {saved ? (
        <p class="notice" role="status">
          {t('Pengaturan disimpan.', 'Settings saved.')}
        </p>
      ) : null}
      {Object.keys(problems).length > 0 ? (
        <div class="alert" role="alert">
          {Object.values(problems).join(' ')}
        </div>
      ) : null}
      <form method="post" action={`/program?year=${year}`} class="card">
        <input type="hidden" name="csrf" value={c.get('csrf') ?? ''} />
        {fields.map(([name, label, value]) => (
          <Field name={name} label={label} problems={fieldProblems}>
            {(a) => (
              <input
                type={name === 'referenceDate' ? 'date' : 'text'}
                inputmode={name === 'referenceDate' ? undefined : 'numeric'}
                value={value === undefined ? '' : String(value)}
                {...a}
              />
            )}
          </Field>
        ))}
        <button type="submit">{t('Simpan', 'Save')}</button>
      </form>
    </>,
    status,
  );
}

/** The registration form, or the correction form of a candidate, with the problems found. */
function candidateFormPage(
  c: GkbContext,
  options: {
    values: CandidateFormValues;
    problems?: Problems;
    status?: number;
    correcting?: { id: string; version: string };
  },
) {
  const t = tOf(c);
  const title = options.correcting
    ? t('Koreksi data', 'Correct the record')
    : t('Daftarkan calon', 'Register a candidate');
  return page(
    c,
    title,
    <>
      <h1>{title}</h1>
      <CandidateForm
        t={t}
        action={options.correcting ? `/calon/${options.correcting.id}/ubah` : '/calon/baru'}
        csrf={c.get('csrf') ?? ''}
        values={options.values}
        problems={options.problems ?? {}}
        submit={options.correcting ? t('Simpan koreksi', 'Save correction') : t('Simpan', 'Save')}
        {...(options.correcting ? { hidden: { version: options.correcting.version } } : {})}
      />
    </>,
    options.status,
  );
}

/** The web app: pages for each role, calling the same services (and permissions) as the API. */
export const app = createApp(
  'web',
  {
    home: async (c) => {
      const p = viewer(c);
      if (p.role === 'village_official') return officialHome(c, p);
      if (p.role === 'fmpp_volunteer') return volunteerHome(c, p);
      return budgetPage(c);
    },
    signInPage: async (c) => {
      const t = tOf(c);
      if (!localSignIn()) {
        const { verifier, challenge } = pkcePair();
        const state = randomBytes(16).toString('base64url');
        setCookie(c, OAUTH_COOKIE, await sealed({ verifier, state, expiresAt: Date.now() + 600_000 }), {
          ...cookieOptions,
          maxAge: 600,
        });
        return c.redirect(authorizeUrl(`${origin(c)}/auth/callback`, state, challenge), 303);
      }
      return page(
        c,
        t('Masuk', 'Sign in'),
        <>
          <h1>{t('Masuk (pengguna contoh)', 'Sign in (demo users)')}</h1>
          <p class="notice">
            {t(
              'Ini sistem lokal: pilih salah satu pengguna contoh. Di AWS, masuk lewat halaman Cognito.',
              'This is the local system: pick a demo user. In AWS, sign-in goes through Cognito.',
            )}
          </p>
          {DEMO_USERS.map((u) => (
            <form method="post" action="/masuk" class="card">
              <input type="hidden" name="user" value={u.id} />
              <p>
                <strong>{u.label}</strong>
                <br />
                {roleLabel(t, u.principal.role)}
              </p>
              <button type="submit">{t(`Masuk sebagai ${u.label}`, `Sign in as ${u.label}`)}</button>
            </form>
          ))}
        </>,
      );
    },
    signIn: async (c) => {
      if (!localSignIn()) throw new DomainError('NOT_FOUND');
      // No session yet, so no CSRF token: the request must come from this site's own page.
      const from = c.req.header('origin') ?? c.req.header('referer') ?? '';
      if (!from.startsWith(origin(c))) throw new DomainError('FORBIDDEN');
      const values = await formValues(c.req);
      const user = DEMO_USERS.find((u) => u.id === values.user);
      if (!user) throw validationFailed([{ field: 'user', key: 'field.required' }]);
      await startSession(c, user.principal);
      return c.redirect('/', 303);
    },
    authCallback: async (c) => {
      const saved = await unsealed<{ verifier: string; state: string; expiresAt: number }>(
        getCookie(c, OAUTH_COOKIE),
      );
      deleteCookie(c, OAUTH_COOKIE, cookieOptions);
      const code = c.req.query('code');
      const state = c.req.query('state') ?? '';
      if (!saved || saved.expiresAt < Date.now() || !code || !sameToken(state, saved.state))
        throw new DomainError('UNAUTHENTICATED');
      const principal = await principalFromCode(code, saved.verifier, `${origin(c)}/auth/callback`);
      if (!principal) throw new DomainError('UNAUTHENTICATED');
      await startSession(c, principal);
      return c.redirect('/', 303);
    },
    signOut: async (c) => {
      await postedForm(c);
      deleteCookie(c, SESSION_COOKIE, cookieOptions);
      return c.redirect(localSignIn() ? '/masuk' : logoutUrl(`${origin(c)}/`), 303);
    },
    candidatesPage: async (c) => {
      const p = viewer(c);
      const t = tOf(c);
      const status = STATUSES.find((s) => s === c.req.query('status'));
      const waitlistOnly = c.req.query('funding') === 'WAITLISTED';
      const cursor = c.req.query('cursor');
      const result = await listCandidates(p, {
        year: currentYear(),
        ...(status ? { status } : {}),
        limit: 50,
        ...(cursor ? { cursor } : {}),
      });
      const items = waitlistOnly
        ? result.items.filter((s) => s.candidate.villageFunding === 'WAITLISTED')
        : result.items;
      const more = result.nextCursor
        ? `/calon?${new URLSearchParams({ ...(status ? { status } : {}), ...(waitlistOnly ? { funding: 'WAITLISTED' } : {}), cursor: result.nextCursor })}`
        : undefined;
      return page(
        c,
        t('Daftar calon', 'Candidates'),
        <>
          <h1>{waitlistOnly ? t('Daftar tunggu', 'Waitlist') : t('Daftar calon', 'Candidates')}</h1>
          <CandidateTable c={c} items={items} />
          {more ? (
            <p>
              <a href={more}>{t('Halaman berikutnya', 'Next page')}</a>
            </p>
          ) : null}
        </>,
      );
    },
    registrationPage: async (c) => {
      const p = viewer(c);
      if (p.role !== 'village_official') throw new DomainError('FORBIDDEN');
      const _t = tOf(c);
      return candidateFormPage(c, { values: { 'consent.given': '' } });
    },
    registrationSubmit: async (c) => {
      const p = viewer(c);
      if (p.role !== 'village_official') throw new DomainError('FORBIDDEN');
      const _t = tOf(c);
      const values: CandidateFormValues = await postedForm(c);
      try {
        const parsed = parseWith(registrationSchema, {
          year: currentYear(),
          villageCode: p.villageCode,
          ...candidateInput(values),
        });
        if (!parsed.data) throw validationFailed(parsed.problems);
        const key =
          values.idempotencyKey && /^[A-Za-z0-9_-]{1,100}$/.test(values.idempotencyKey)
            ? values.idempotencyKey
            : undefined;
        const result = await registerCandidate(p, parsed.data, key);
        return c.redirect(`/calon/${result.candidate.id}?baru=1`, 303);
      } catch (error) {
        const problems = problemsOf(error, c.get('lang'));
        if (!problems) throw error;
        return candidateFormPage(c, { values, problems, status: 400 });
      }
    },
    candidatePage: async (c) => {
      const p = viewer(c);
      const stored = await getCandidate(p, c.req.param('id') ?? '');
      const t = tOf(c);
      const fresh = c.req.query('baru') === '1';
      return showCandidate(c, stored, {
        ...(fresh
          ? {
              message: {
                kind: 'notice' as const,
                text:
                  stored.candidate.villageFunding === 'FUNDED'
                    ? t(
                        'Tersimpan. Calon mendapat tempat desa.',
                        'Saved. The candidate holds a village place.',
                      )
                    : t(
                        `Tersimpan. Kuota desa penuh: daftar tunggu no. ${stored.waitlistPosition}.`,
                        `Saved. The village quota is full: waitlist no. ${stored.waitlistPosition}.`,
                      ),
              },
            }
          : {}),
      });
    },
    correctionPage: async (c) => {
      const p = viewer(c);
      if (p.role !== 'village_official') throw new DomainError('FORBIDDEN');
      const _t = tOf(c);
      const { candidate: x } = await getCandidate(p, c.req.param('id') ?? '');
      if (x.anonymised) throw new DomainError('INVALID_TRANSITION', [], { key: 'candidate.anonymised' });
      // The form shows the full NIK and KK to correct them.
      await recordFullView(p, x, 'web');
      const values: CandidateFormValues = {
        nik: x.nik,
        kk: x.kk,
        fullName: x.fullName,
        birthDate: x.birthDate,
        sex: x.sex,
        track: x.track,
        outOfSchoolType: x.outOfSchoolType,
        lastLevel: x.lastLevel,
        reasonCode: String(x.reasonCode),
        reasonNote: x.reasonNote ?? '',
        plannedPathway: x.plannedPathway ?? '',
        disability: x.disability ? 'on' : '',
        phone: x.phone ?? '',
        guardianName: x.guardianName ?? '',
        'consent.given': x.consent.given ? 'on' : '',
        'consent.by': x.consent.by,
        'consent.name': x.consent.name,
      };
      return candidateFormPage(c, { values, correcting: { id: x.id, version: String(x.version) } });
    },
    correctionSubmit: async (c) => {
      const p = viewer(c);
      if (p.role !== 'village_official') throw new DomainError('FORBIDDEN');
      const t = tOf(c);
      const id = c.req.param('id') ?? '';
      const values: CandidateFormValues = await postedForm(c);
      try {
        const parsed = parseWith(fullCorrectionSchema, candidateInput(values));
        if (!parsed.data) throw validationFailed(parsed.problems);
        await correctCandidate(p, id, versionOf(values), parsed.data);
        return c.redirect(`/calon/${id}`, 303);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'VERSION_MISMATCH') {
          return showCandidate(c, await getCandidate(p, id), {
            status: 412,
            message: {
              kind: 'alert',
              text: t(
                'Data ini sudah diubah orang lain. Koreksi Anda belum disimpan; buka lagi formulirnya.',
                'Someone else changed this record. Your correction was not saved; open the form again.',
              ),
            },
          });
        }
        const problems = problemsOf(error, c.get('lang'));
        if (!problems) throw error;
        return candidateFormPage(c, {
          values,
          problems,
          status: 400,
          correcting: { id, version: values.version ?? '' },
        });
      }
    },
    transitionSubmit: (c) =>
      candidateAction(c, async (v, p) => {
        const input = parseWith(transitionSchema, {
          to: v.to,
          note: v.note || null,
          school:
            v.to === 'ENROLLED'
              ? { npsn: v['school.npsn'] ?? '', name: v['school.name'] ?? '', level: v['school.level'] ?? '' }
              : null,
        });
        if (!input.data) throw validationFailed(input.problems);
        await transitionCandidate(p, c.req.param('id') ?? '', versionOf(v), input.data);
      }),
    apbdSubmit: (c) =>
      candidateAction(c, (v, p) => assignApbdPlace(p, c.req.param('id') ?? '', versionOf(v))),
    disbursementSubmit: (c) =>
      candidateAction(c, async (v, p) => {
        const input = parseWith(disbursementSchema, {
          source: v.source,
          amount: Number((v.amount ?? '').replace(/[.\s]/g, '')) || 0,
          paidAt: v.paidAt ?? '',
          reference: v.reference ?? '',
        });
        if (!input.data) throw validationFailed(input.problems);
        await recordDisbursement(p, c.req.param('id') ?? '', versionOf(v), input.data);
      }),
    exportDownload: async (c) => {
      const id = c.req.param('id') ?? '';
      const doc = await exportCandidate(viewer(c), id, c.get('lang'), 'web');
      return c.body(JSON.stringify(doc, null, 2), 200, {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="gkb-calon-${id}.json"`,
        'cache-control': 'no-store',
      });
    },
    anonymiseSubmit: (c) =>
      candidateAction(c, (v, p) =>
        anonymiseCandidate(p, c.req.param('id') ?? '', versionOf(v), v.reason ?? '', 'web'),
      ),
    programPage: async (c) => {
      if (viewer(c).role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
      return programForm(c, Number(c.req.query('year') ?? currentYear()) || currentYear());
    },
    programSubmit: async (c) => {
      if (viewer(c).role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
      const year = Number(c.req.query('year') ?? currentYear()) || currentYear();
      const values = await postedForm(c);
      try {
        const parsed = parseWith(programInputSchema, programValues(values));
        if (!parsed.data) throw validationFailed(parsed.problems);
        await saveProgram(year, parsed.data);
        return programForm(c, year, {}, true);
      } catch (error) {
        if (
          !(error instanceof DomainError) ||
          !['VALIDATION_FAILED', 'CEILING_EXCEEDED'].includes(error.code)
        )
          throw error;
        const problems = Object.fromEntries(error.details.map((d) => [d.field, render(d, c.get('lang'))]));
        return programForm(c, year, problems, false, error.code === 'VALIDATION_FAILED' ? 400 : 409);
      }
    },
    budgetPage,
    budgetDownload: async (c) => {
      const p = viewer(c);
      const year = Number(c.req.query('year') ?? currentYear()) || currentYear();
      const format = c.req.query('format') === 'xlsx' ? 'xlsx' : 'csv';
      const by = c.req.query('by') === 'village' ? 'village' : 'district';
      const file = reportFile(budgetTable(await budgetReport(p, year, by)), format);
      return c.body(file.body, 200, file.headers);
    },
    importPage: (c) => {
      if (viewer(c).role !== 'village_official') throw new DomainError('FORBIDDEN');
      const t = tOf(c);
      return page(c, t('Unggah daftar', 'Upload a list'), <UploadForm t={t} csrf={c.get('csrf') ?? ''} />);
    },
    importCheck: async (c) => {
      const p = viewer(c);
      if (p.role !== 'village_official') throw new DomainError('FORBIDDEN');
      const t = tOf(c);
      return page(c, t('Hasil pemeriksaan', 'Check result'), await importCheck(c, t, c.get('csrf') ?? '', p));
    },
    importCommit: async (c) => {
      const p = viewer(c);
      if (p.role !== 'village_official') throw new DomainError('FORBIDDEN');
      const t = tOf(c);
      return page(
        c,
        t('Hasil pendaftaran', 'Registration result'),
        await importCommit(c, t, await postedForm(c), p),
      );
    },
    importTemplateDownload: async (c) => {
      if (viewer(c).role !== 'village_official') throw new DomainError('FORBIDDEN');
      const file = importTemplateFile(c.req.query('format') === 'csv' ? 'csv' : 'xlsx');
      return c.body(file.body, 200, file.headers);
    },
    quotaPage: async (c) => {
      const p = viewer(c);
      const t = tOf(c);
      const year = currentYear();
      const report = await quotaReport(p, year);
      return page(
        c,
        t('Desa di bawah kuota', 'Villages below quota'),
        <>
          <h1>{t(`Desa di bawah kuota ${year}`, `Villages below quota ${year}`)}</h1>
          <p>
            {t(
              `${report.villages.length} desa, kekurangan ${report.totalShortfall} tempat.`,
              `${report.villages.length} villages, ${report.totalShortfall} places short.`,
            )}{' '}
            <a href={`/anggaran/unduh?year=${year}&format=xlsx&by=village`}>Excel</a>
          </p>
          <section class="scroll" tabindex={0} aria-label="Tabel">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Kecamatan', 'Kecamatan')}</th>
                  <th scope="col">{t('Desa', 'Village')}</th>
                  <th scope="col" class="n">
                    {t('Terisi', 'Held')}
                  </th>
                  <th scope="col" class="n">
                    {t('Kurang', 'Short')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.villages.map((v) => (
                  <tr>
                    <td>{v.districtName}</td>
                    <td>{v.name}</td>
                    <td class="n">
                      {v.funded}/{v.quota}
                    </td>
                    <td class="n">{v.shortfall}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>,
      );
    },
  },
  { onError: renderError, before: prepare },
);
