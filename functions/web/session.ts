import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { deleteSession, putSession, readStoredSession, recheckedSession } from '../../shared/db/sessions.js';
import { type Principal, samePrincipal } from '../../shared/principal.js';
import { secret } from '../../shared/secrets.js';
import { accountRecheckSeconds, currentPrincipal } from '../../shared/services/accounts.js';

export const SESSION_COOKIE = 'gkb_session';
const SESSION_SECONDS = 8 * 3600;
/** A session id: 32 random bytes, base64url. Anything else in the cookie is no session. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** What a request's session grants: the person as their account allows now, and the CSRF token. */
export interface Session {
  principal: Principal;
  csrf: string;
}

async function sign(payload: string): Promise<string> {
  return createHmac('sha256', await secret('SESSION'))
    .update(payload)
    .digest('base64url');
}

/**
 * Whether two secrets (CSRF tokens, OAuth states, signatures) are equal, in time that does
 * not depend on where they differ or on their lengths: their SHA-256 digests are compared.
 * Every such comparison in the web app goes through here.
 */
export function sameToken(a: string, b: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** A signed value: `payload.signature`, both base64url; undefined when the signature is wrong. */
export async function sealed(value: unknown): Promise<string> {
  const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${payload}.${await sign(payload)}`;
}

export async function unsealed<T>(text: string | undefined): Promise<T | undefined> {
  const [payload, signature] = (text ?? '').split('.');
  if (!payload || !signature || !sameToken(signature, await sign(payload))) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Secure everywhere: browsers treat http://localhost as a secure context too. */
export const cookieOptions = { httpOnly: true, secure: true, sameSite: 'Lax', path: '/' } as const;

/**
 * Signs the person in: a new server-side session (shared/db/sessions.ts) for 8 hours, and a
 * cookie holding only its random id.
 */
export async function startSession(c: Context, principal: Principal, username: string): Promise<void> {
  const id = randomBytes(32).toString('base64url');
  await putSession(id, {
    username,
    principal,
    csrf: randomBytes(18).toString('base64url'),
    checkedAt: Date.now(),
    expiresAt: Math.floor(Date.now() / 1000) + SESSION_SECONDS,
  });
  setCookie(c, SESSION_COOKIE, id, { ...cookieOptions, maxAge: SESSION_SECONDS });
}

/**
 * The session of the request's cookie, if it still exists and has not expired. The account
 * behind it is read again when the last check is older than `accountRecheckSeconds` (5
 * minutes with Cognito, every request locally): a disabled or deleted account ends the
 * session, a moved one gets its new scope.
 */
export async function readSession(c: Context): Promise<Session | undefined> {
  const id = getCookie(c, SESSION_COOKIE);
  if (!id || !SESSION_ID.test(id)) return undefined;
  const stored = await readStoredSession(id);
  if (!stored || stored.expiresAt * 1000 <= Date.now()) return undefined;
  if (Date.now() - stored.checkedAt < accountRecheckSeconds() * 1000) {
    return { principal: stored.principal, csrf: stored.csrf };
  }
  const principal = await currentPrincipal(stored.username);
  if (!principal) {
    await deleteSession(id);
    return undefined;
  }
  // Remember the check (so Cognito is asked again only after the interval), and a new scope;
  // locally, where every request checks, an unchanged account writes nothing.
  if (accountRecheckSeconds() > 0 || !samePrincipal(principal, stored.principal))
    await recheckedSession(id, principal, Date.now());
  return { principal, csrf: stored.csrf };
}

/** Signs out: the session is deleted, so the cookie (or any copy of it) opens nothing any more. */
export async function endSession(c: Context): Promise<void> {
  const id = getCookie(c, SESSION_COOKIE);
  if (id && SESSION_ID.test(id)) await deleteSession(id);
  deleteCookie(c, SESSION_COOKIE, cookieOptions);
}
