import { getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import { DomainError, statusOf } from '../../shared/errors.js';
import { type Lang, render } from '../../shared/i18n.js';
import type { Principal } from '../../shared/principal.js';
import { defaultYear } from '../../shared/services/programs.js';
import type { GkbContext, PageOptions } from '../http/app.js';
import { domainErrorOf, logUnexpected } from '../http/errors.js';
import { optionalYearParam } from '../http/params.js';
import { formValues, type Problems } from './forms.js';
import { NEXT_STEP_UNEXPECTED, NEXT_STEPS } from './help.js';
import { Layout } from './layout.js';
import { PAGE_SCRIPT_HASH } from './page-script.js';
import { cookieOptions, readSession, sameToken } from './session.js';
import { translator } from './ui.js';

/**
 * What every function serving web pages shares: the page layout, the session and language
 * on every request, CSRF-checked forms, and error pages. `web` serves sign-in and the daily
 * work of officials and volunteers; `bappeda` the pages and actions only Bappeda staff use
 * (budget, quota, settings, APBD places, payments, export, anonymisation); `imports` the
 * upload pages beside the API's imports, so that no function carries another's code.
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
/**
 * The programme year a year-bound page shows: `?year=` (checked as the API checks it), or the
 * latest configured year (Bappeda configures the next one ahead), never simply the calendar's.
 */
export const pageYear = async (c: GkbContext): Promise<number> =>
  optionalYearParam(c) ?? (await defaultYear());

/** A page's address with `?year=` set to `year` (or taken out), the other parameters kept. */
export function withYear(c: GkbContext, year: number | undefined): string {
  const url = new URL(c.req.url);
  url.searchParams.delete('cursor');
  url.searchParams.delete('dari');
  if (year === undefined) url.searchParams.delete('year');
  else url.searchParams.set('year', String(year));
  return `${url.pathname}${url.search}`;
}

function ErrorPage(props: { title: string; text: string; next: string; nextLabel: string; back: string }) {
  return (
    <>
      <h1>{props.title}</h1>
      <p class="alert" role="alert">
        {props.text}
      </p>
      <p class="next">
        <strong>{props.nextLabel}</strong> {props.next}
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
  const domain = domainErrorOf(error);
  if (!domain) logUnexpected(error);
  if (domain?.retryAfter) c.header('Retry-After', String(domain.retryAfter));
  const status = domain ? statusOf[domain.code] : 500;
  // A problem with the address (a year, say) has no field to mark on an error page: say it.
  const text = domain
    ? domain.code === 'VALIDATION_FAILED' && domain.details.length > 0
      ? domain.details.map((d) => render(d, c.get('lang'))).join(' ')
      : render(domain.userMessage, c.get('lang'))
    : t(
        'Terjadi kesalahan di sistem kami. Coba lagi nanti.',
        'Something went wrong on our side. Try again later.',
      );
  const [nextId, nextEn] = domain ? NEXT_STEPS[domain.code] : NEXT_STEP_UNEXPECTED;
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
      nextLabel={t('Yang bisa Anda lakukan:', 'What you can do:')}
      next={t(nextId, nextEn)}
      back={t('Kembali ke beranda', 'Back to the home page')}
    />,
    status,
  );
}

/**
 * Every page: only the one inline script whose hash is given may run (page-script.ts: drafts,
 * "Menyimpan…", reading the NIK; no other script, no eval, no script file, no event-handler
 * attribute), styles only from the page itself, forms only to this site, never inside another
 * site's frame, no sniffing, no full referrers.
 */
const SECURITY_HEADERS = {
  'Content-Security-Policy': `default-src 'none'; script-src ${PAGE_SCRIPT_HASH}; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
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

/** How every function serving pages renders errors and prepares each page's request. */
export const webOptions: PageOptions = { onError: renderError, before: prepare };
