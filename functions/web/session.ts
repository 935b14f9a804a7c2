import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Principal } from '../../shared/principal.js';
import { secret } from '../../shared/secrets.js';
import {
  closeSession,
  openSession,
  SESSION_SECONDS,
  type Session,
  sessionOf,
} from '../../shared/services/sessions.js';

export const SESSION_COOKIE = 'gkb_session';
/** A session id: 32 random bytes, base64url. Anything else in the cookie is no session. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

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
 * Signs the person in: a new server-side session (shared/services/sessions.ts) and a cookie
 * holding only its random id.
 */
export async function startSession(c: Context, principal: Principal, username: string): Promise<void> {
  const { id } = await openSession(principal, username);
  setCookie(c, SESSION_COOKIE, id, { ...cookieOptions, maxAge: SESSION_SECONDS });
}

/** The session of the request's cookie, as its account allows now; undefined when there is none. */
export async function readSession(c: Context): Promise<Session | undefined> {
  const id = getCookie(c, SESSION_COOKIE);
  return id && SESSION_ID.test(id) ? sessionOf(id) : undefined;
}

/** Signs out: the session is deleted, so the cookie (or any copy of it) opens nothing any more. */
export async function endSession(c: Context): Promise<void> {
  const id = getCookie(c, SESSION_COOKIE);
  if (id && SESSION_ID.test(id)) await closeSession(id);
  deleteCookie(c, SESSION_COOKIE, cookieOptions);
}
