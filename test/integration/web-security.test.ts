import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAGE_SCRIPT, PAGE_SCRIPT_HASH } from '../../functions/web/page-script.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import {
  csrfOf as csrfOfSession,
  form,
  getPage,
  registrationForm,
  signIn as signInAs,
  WEB_ORIGIN,
} from '../support/web.js';

/** The web app's sign-in, session cookie and CSRF protection, over HTTP without a browser. */
let sys: TestSystem;

beforeAll(async () => {
  sys = await startTestSystem();
  const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
  await sys.request('PUT', `/programs/${year}`, { token: await sys.token('bappeda_staff'), body: {} });
});

const signIn = (user: string) => signInAs(sys, user);
const get = (url: string, cookie = '') => getPage(sys, url, cookie);
const csrfOf = (cookie: string) => csrfOfSession(sys, cookie);

describe('web sign-in and session', () => {
  it('gives a session cookie that is HttpOnly, Secure and SameSite=Lax', async () => {
    const res = await sys.gateway.handle({
      method: 'POST',
      url: '/masuk',
      headers: { host: 'localhost', origin: WEB_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ user: 'op-banjaran' }),
    });
    expect(res.status).toBe(303);
    const cookie = res.headers['set-cookie'] ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('sends visitors without a session to the sign-in page', async () => {
    const res = await get('/');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/masuk');
  });

  it('refuses a sign-in posted from another site', async () => {
    const res = await sys.gateway.handle({
      method: 'POST',
      url: '/masuk',
      headers: {
        host: 'localhost',
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form({ user: 'bappeda' }),
    });
    expect(res.status).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('opens nothing with a session cookie it did not give', async () => {
    const res = await get('/anggaran', `gkb_session=${'A'.repeat(43)}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/masuk');
  });
});

describe('web forms', () => {
  it('refuses a state-changing form without the session CSRF token (403) and writes nothing', async () => {
    const cookie = await signIn('op-banjaran');
    const fields = registrationForm(1);
    const post = (csrf: string) =>
      sys.gateway.handle({
        method: 'POST',
        url: '/calon/baru',
        headers: { host: 'localhost', cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: form({ ...fields, csrf }),
      });
    expect((await post('')).status).toBe(403);
    expect((await post('guessed')).status).toBe(403);
    const list = (await get('/calon', cookie)).body.toString();
    expect(list).toContain('Belum ada calon');
    const ok = await post(await csrfOf(cookie));
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toMatch(/^\/calon\/[0-9A-Z]{26}\?baru=1$/);
  });

  it('obeys the API permissions: volunteers cannot register, officials see only their village', async () => {
    const volunteer = await signIn('fmpp-bantarkawung');
    expect((await get('/calon/baru', volunteer)).status).toBe(403);
    const banjaran = await signIn('op-banjaran');
    const list = (await get('/calon', banjaran)).body.toString();
    const id = /href="\/calon\/([0-9A-Z]{26})"/.exec(list)?.[1] ?? '';
    expect(id).not.toBe('');
    const bentar = await signIn('op-bentar');
    expect((await get(`/calon/${id}`, bentar)).status).toBe(404);
    expect((await get(`/calon/${id}`, volunteer)).status).toBe(404);
    expect((await get('/anggaran', banjaran)).status).toBe(403);
    const mine = (await get(`/calon/${id}`, banjaran)).body.toString();
    expect(mine).toContain('3329014507100001');
    const salem = await signIn('fmpp-salem');
    const masked = (await get(`/calon/${id}`, salem)).body.toString();
    expect(masked).not.toContain('3329014507100001');
    expect(masked).toContain('************0001');
  });

  it('speaks English after the switch, and remembers it', async () => {
    const res = await get('/masuk?lang=en');
    expect(res.body.toString()).toMatch(/^<!doctype html><html lang="en">/);
    const cookie = (res.headers['set-cookie'] ?? '').split(';')[0] ?? '';
    expect((await get('/masuk', cookie)).body.toString()).toContain('Sign in');
  });
});

describe('security headers', () => {
  it('sends a strict CSP allowing only the page script by its hash, frame and sniffing protection on every page', async () => {
    const cookie = await signIn('op-banjaran');
    for (const url of [
      '/masuk',
      '/',
      '/calon',
      '/calon/baru',
      '/impor',
      '/calon/01ARZ3NDEKTSV4RRFFQ69G5FAV',
    ]) {
      const res = await get(url, cookie);
      const csp = res.headers['content-security-policy'] ?? '';
      expect(csp, url).toContain("default-src 'none'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      // One script source: the hash of the one script each page holds, and nothing else.
      expect(csp, url).toContain(`script-src ${PAGE_SCRIPT_HASH};`);
      expect(csp.match(/script-src[^;]*/g), url).toEqual([`script-src ${PAGE_SCRIPT_HASH}`]);
      const scripts = [...res.body.toString().matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
      expect(scripts, url).toEqual([PAGE_SCRIPT]);
      expect(
        `'sha256-${createHash('sha256')
          .update(scripts[0] ?? '')
          .digest('base64')}'`,
      ).toBe(PAGE_SCRIPT_HASH);
      expect(res.body.toString(), url).not.toMatch(/<script[^>]*\ssrc=|\son[a-z]+=/);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
    }
  });
});
