import { getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import { unavailable } from '../../shared/db/failures.js';
import { readHistory } from '../../shared/db/history.js';
import { todayInBrebes } from '../../shared/domain/dates.js';
import { DomainError, statusOf } from '../../shared/errors.js';
import { type Lang, render } from '../../shared/i18n.js';
import type { Principal } from '../../shared/principal.js';
import { getCandidate, type StoredCandidate } from '../../shared/services/candidates.js';
import { recordFullView } from '../../shared/services/personal-data.js';
import type { GkbContext } from '../http/app.js';
import { logUnexpected } from '../http/errors.js';
import { CandidatePage } from './candidate-page.js';
import { formValues, type Problems } from './forms.js';
import { Layout } from './layout.js';
import { cookieOptions, readSession, sameToken } from './session.js';
import { translator } from './ui.js';

/**
 * What the two web functions share: the page layout, the session and language on every
 * request, CSRF-checked forms, the candidate page after an action, and error pages. `web`
 * serves sign-in and the daily work of officials and volunteers; `bappeda` the pages and
 * actions only Bappeda staff use (budget, quota, settings, APBD places, payments, export,
 * anonymisation), so that neither carries the other's code.
 */

const LANG_COOKIE = 'gkb_lang';

export const tOf = (c: GkbContext) => translator(c.get('lang'));

/** The signed-in person, or a redirect to the sign-in page. */
export function viewer(c: GkbContext): Principal {
  const principal = c.get('principal');
  if (!principal) throw new SignInRequired();
  return principal;
}
class SignInRequired extends Error {}

/** A page in the common layout. */
export function page(c: GkbContext, title: string, body: Child, status = 200): Response | Promise<Response> {
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

/** Every state-changing form carries the session's CSRF token: refused (403) unless it is the one. */
export function checkCsrf(c: GkbContext, sent: unknown): void {
  const expected = c.get('csrf');
  if (!expected || typeof sent !== 'string' || !sameToken(sent, expected)) throw new DomainError('FORBIDDEN');
}

/** A posted form's values, after its CSRF token was checked. */
export async function postedForm(c: GkbContext): Promise<Record<string, string>> {
  const values = await formValues(c.req);
  checkCsrf(c, values.csrf);
  return values;
}

export const problemsOf = (error: unknown, lang: Lang): Problems | undefined =>
  error instanceof DomainError && error.code === 'VALIDATION_FAILED'
    ? Object.fromEntries(error.details.map((d) => [d.field, render(d, lang)]))
    : undefined;

export const versionOf = (values: Record<string, string>) =>
  /^\d+$/.test(values.version ?? '') ? Number(values.version) : undefined;
export const currentYear = () => todayInBrebes().year;

export async function showCandidate(
  c: GkbContext,
  stored: StoredCandidate,
  options: {
    message?: { kind: 'alert' | 'notice'; text: string };
    problems?: Problems;
    /** What was typed into the page's forms, to show again beside the problems. */
    values?: Record<string, string>;
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
      values={options.values ?? {}}
    />,
    options.status,
  );
}

/**
 * A candidate action from a form: on success back to the candidate page (PRG); a record
 * changed by someone else first, or a refusal, shows the page again with a clear message.
 */
export async function candidateAction(
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
      // A stale page shows the latest state; otherwise what was typed stays in the form.
      ...(stale ? {} : { values }),
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
  // Throttling and outages of the database are answers too (503, try again), as in the API.
  const domain = error instanceof DomainError ? error : unavailable(error);
  if (!domain) logUnexpected(error);
  if (domain?.retryAfterSeconds) c.header('Retry-After', String(domain.retryAfterSeconds));
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
      title={
        domain?.code === 'RETRY_LATER'
          ? t('Coba lagi sebentar lagi', 'Try again shortly')
          : t('Tidak bisa dilanjutkan', 'Cannot continue')
      }
      text={text}
      back={t('Kembali ke beranda', 'Back to the home page')}
    />,
    status,
  );
}

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
  // Pages show personal data (full NIK and KK to those allowed): never kept by a browser or proxy.
  'Cache-Control': 'no-store',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
};

/** Language (`?lang=` remembered in a cookie; Indonesian by default) and the session. */
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

/** The origin (`scheme://host:port`) of an Origin or Referer header; undefined when it has none. */
export function originOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    return new URL(header).origin;
  } catch {
    return undefined;
  }
}

export function origin(c: GkbContext): string {
  const host = c.req.header('host') ?? 'localhost';
  const proto =
    c.req.header('x-forwarded-proto') ??
    (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https');
  return `${proto}://${host}`;
}

/** How both web functions render errors and prepare each request. */
export const webOptions = { onError: renderError, before: prepare };
