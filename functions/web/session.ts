import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Principal } from '../../shared/principal.js';
import { secret } from '../../shared/secrets.js';

/** What the session cookie holds: the principal, a CSRF token and an expiry. */
export interface Session {
  principal: Principal;
  csrf: string;
  expiresAt: number;
}

export const SESSION_COOKIE = 'gkb_session';
const SESSION_SECONDS = 8 * 3600;

async function sign(payload: string): Promise<string> {
  return createHmac('sha256', await secret('SESSION'))
    .update(payload)
    .digest('base64url');
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
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

export async function startSession(c: Context, principal: Principal): Promise<void> {
  const session: Session = {
    principal,
    csrf: randomBytes(18).toString('base64url'),
    expiresAt: Date.now() + SESSION_SECONDS * 1000,
  };
  setCookie(c, SESSION_COOKIE, await sealed(session), { ...cookieOptions, maxAge: SESSION_SECONDS });
}

export async function readSession(c: Context): Promise<Session | undefined> {
  const session = await unsealed<Session>(getCookie(c, SESSION_COOKIE));
  return session && session.expiresAt > Date.now() ? session : undefined;
}
