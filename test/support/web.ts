import { expect } from 'vitest';
import type { GatewayResponse } from '../../infra/local/gateway.js';
import { registration } from './candidates.js';
import type { TestSystem } from './system.js';

/** The web app over HTTP without a browser: sign in as a local account, get pages, post forms. */
export const WEB_ORIGIN = 'http://localhost';

export const form = (values: Record<string, string>) => new URLSearchParams(values).toString();

/** Signs in as a local account (`op-banjaran`, `fmpp-salem`, `bappeda`, …): the session cookie. */
export async function signIn(sys: TestSystem, username: string): Promise<string> {
  const res = await sys.gateway.handle({
    method: 'POST',
    url: '/masuk',
    headers: { host: 'localhost', origin: WEB_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ user: username }),
  });
  expect(res.status, `sign-in as ${username}`).toBe(303);
  return (res.headers['set-cookie'] ?? '').split(';')[0] ?? '';
}

export const getPage = (sys: TestSystem, url: string, cookie = ''): Promise<GatewayResponse> =>
  sys.gateway.handle({ method: 'GET', url, headers: { host: 'localhost', cookie } });

export const postForm = (
  sys: TestSystem,
  url: string,
  cookie: string,
  values: Record<string, string>,
): Promise<GatewayResponse> =>
  sys.gateway.handle({
    method: 'POST',
    url,
    headers: { host: 'localhost', cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: form(values),
  });

/** The session's CSRF token, as every page with a form (the header's sign-out) carries it. */
export async function csrfOf(sys: TestSystem, cookie: string): Promise<string> {
  const html = (await getPage(sys, '/calon', cookie)).body.toString();
  return /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

/** The registration form's fields as an official fills them in: a girl of Salem with NIK serial `serial`. */
export function registrationForm(
  serial: number,
  fullName = registration(serial).fullName,
): Record<string, string> {
  const body = registration(serial);
  return {
    nik: body.nik,
    kk: body.kk,
    fullName,
    birthDate: body.birthDate,
    sex: 'F',
    track: 'ATS',
    outOfSchoolType: 'DROPPED_OUT',
    lastLevel: 'SD',
    reasonCode: '1',
    guardianName: 'Tarsih',
    'consent.by': 'GUARDIAN',
    'consent.name': 'Tarsih',
    'consent.given': 'on',
  };
}
