import { randomBytes } from 'node:crypto';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { principalOfAccount } from '../../shared/accounts/account.js';
import { listLocalAccounts, readLocalAccount } from '../../shared/db/accounts.js';
import { readProgramAndCounters, waitlistedIn } from '../../shared/db/villages.js';
import {
  fullCorrectionSchema,
  registrationSchema,
  STATUSES,
  type Status,
} from '../../shared/domain/candidate.js';
import { findVillage } from '../../shared/domain/regions.js';
import { transitionSchema } from '../../shared/domain/workflow.js';
import { DomainError, validationFailed } from '../../shared/errors.js';
import type { Principal } from '../../shared/principal.js';
import { parseWith } from '../../shared/schema-problems.js';
import {
  correctCandidate,
  countCandidates,
  getCandidate,
  listCandidates,
  registerCandidate,
  type StoredCandidate,
} from '../../shared/services/candidates.js';
import { recordFullView } from '../../shared/services/personal-data.js';
import { transitionCandidate } from '../../shared/services/transitions.js';
import { createApp, type GkbContext } from '../http/app.js';
import { candidateAction, showCandidate } from './candidate-actions.js';
import { CandidateForm, type CandidateFormValues, candidateInput } from './candidate-form.js';
import { fundingText } from './candidate-page.js';
import { formValues, type Problems } from './forms.js';
import { cookieOptions, endSession, sameToken, sealed, startSession, unsealed } from './session.js';
import {
  currentYear,
  origin,
  originOf,
  page,
  postedForm,
  problemsOf,
  tOf,
  versionOf,
  viewer,
  webOptions,
} from './shell.js';
import { authorizeUrl, localSignIn, logoutUrl, pkcePair, principalFromCode } from './sign-in.js';
import { roleLabel, statusLabel } from './ui.js';

const OAUTH_COOKIE = 'gkb_oauth';

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

/** How many of each worklist group the home page shows; "Lihat semua" pages through the rest. */
const WORKLIST_SHOWN = 20;
/** Rows on a page of the candidates list. */
const LIST_PAGE = 50;

/** The candidates list filtered to these statuses (repeated `status`), as a link. */
const listLink = (statuses: readonly Status[]) =>
  `/calon?${new URLSearchParams(statuses.map((s) => ['status', s]))}`;

async function volunteerHome(c: GkbContext, p: Principal) {
  const t = tOf(c);
  const year = currentYear();
  const groups: { title: (n: number) => string; statuses: Status[] }[] = [
    {
      title: (n) => t(`Perlu dikunjungi dan diverifikasi (${n})`, `To visit and verify (${n})`),
      statuses: ['IDENTIFIED'],
    },
    {
      title: (n) => t(`Perlu didaftarkan ke sekolah (${n})`, `To enrol at a school (${n})`),
      statuses: ['VERIFIED'],
    },
    {
      title: (n) => t(`Perlu dipantau (${n})`, `To follow up (${n})`),
      statuses: ['ENROLLED', 'ACTIVE', 'DROPPED_OUT'],
    },
  ];
  // True counts from the aggregates; the first rows of each group from the index.
  const filled = await Promise.all(
    groups.map(async (g) => ({
      ...g,
      count: await countCandidates(p, { year, statuses: g.statuses }),
      items: (await listCandidates(p, { year, statuses: g.statuses, limit: WORKLIST_SHOWN })).items,
    })),
  );
  return page(
    c,
    t('Daftar kerja', 'Worklist'),
    <>
      <h1>{t('Daftar kerja kecamatan', 'Kecamatan worklist')}</h1>
      {filled.map((g) => (
        <>
          <h2>{g.title(g.count)}</h2>
          <CandidateTable c={c} items={g.items} />
          {g.count > g.items.length ? (
            <p>
              <a href={listLink(g.statuses)}>{t(`Lihat semua ${g.count} →`, `See all ${g.count} →`)}</a>
            </p>
          ) : null}
        </>
      ))}
    </>,
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

/**
 * The web app for signing in and the daily work: officials register, correct, withdraw and
 * upload lists; volunteers follow their kecamatan's worklist. Bappeda's pages are served by
 * the `bappeda` function (functions/bappeda); its home is the budget page there.
 */
export const app = createApp(
  'web',
  {
    home: async (c) => {
      const p = viewer(c);
      if (p.role === 'village_official') return officialHome(c, p);
      if (p.role === 'fmpp_volunteer') return volunteerHome(c, p);
      return c.redirect('/anggaran', 303);
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
          {(await listLocalAccounts())
            .filter((a) => a.enabled)
            .map((a) => (
              <form method="post" action="/masuk" class="card">
                <input type="hidden" name="user" value={a.username} />
                <p>
                  <strong>{a.name || a.username}</strong>
                  <br />
                  {a.role ? roleLabel(t, a.role) : ''}
                </p>
                <button type="submit">
                  {t(`Masuk sebagai ${a.name || a.username}`, `Sign in as ${a.name || a.username}`)}
                </button>
              </form>
            ))}
        </>,
      );
    },
    signIn: async (c) => {
      if (!localSignIn()) throw new DomainError('NOT_FOUND');
      // No session yet, so no CSRF token: the request must come from this site's own page,
      // its whole origin (scheme, host and port), not a prefix of it.
      if (originOf(c.req.header('origin') ?? c.req.header('referer')) !== origin(c))
        throw new DomainError('FORBIDDEN');
      const values = await formValues(c.req);
      const username = values.user ?? '';
      const principal = principalOfAccount(await readLocalAccount(username));
      if (!principal) throw validationFailed([{ field: 'user', key: 'field.required' }]);
      await startSession(c, principal, username);
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
      const signedIn = await principalFromCode(code, saved.verifier, `${origin(c)}/auth/callback`);
      if (!signedIn) throw new DomainError('UNAUTHENTICATED');
      await startSession(c, signedIn.principal, signedIn.username);
      return c.redirect('/', 303);
    },
    signOut: async (c) => {
      await postedForm(c);
      await endSession(c);
      return c.redirect(localSignIn() ? '/masuk' : logoutUrl(`${origin(c)}/`), 303);
    },
    candidatesPage: async (c) => {
      const p = viewer(c);
      const t = tOf(c);
      const year = currentYear();
      const statuses = STATUSES.filter((s) => c.req.queries('status')?.includes(s));
      const waitlisted = c.req.query('funding') === 'WAITLISTED';
      const cursor = c.req.query('cursor');
      const from = /^\d{1,6}$/.test(c.req.query('dari') ?? '') ? Number(c.req.query('dari')) : 1;
      const filter = {
        year,
        ...(statuses.length > 0 ? { statuses } : {}),
        ...(waitlisted ? { waitlisted } : {}),
      };
      const [result, total] = await Promise.all([
        listCandidates(p, { ...filter, limit: LIST_PAGE, ...(cursor ? { cursor } : {}) }),
        countCandidates(p, filter),
      ]);
      const query = (extra: Record<string, string>) => {
        const search = new URLSearchParams([
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
    registrationPage: async (c) => {
      const p = viewer(c);
      if (p.role !== 'village_official') throw new DomainError('FORBIDDEN');
      return candidateFormPage(c, { values: { 'consent.given': '' } });
    },
    registrationSubmit: async (c) => {
      const p = viewer(c);
      if (p.role !== 'village_official') throw new DomainError('FORBIDDEN');
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
      const { candidate: x } = await getCandidate(p, c.req.param('id') ?? '');
      if (x.anonymised)
        throw new DomainError('INVALID_TRANSITION', { message: { key: 'candidate.anonymised' } });
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
  },
  { pages: webOptions },
);
