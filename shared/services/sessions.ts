import { randomBytes } from 'node:crypto';
import { deleteSession, putSession, readStoredSession, recheckedSession } from '../db/sessions.js';
import { type Principal, samePrincipal } from '../principal.js';
import { accountRecheckSeconds, currentPrincipal } from './accounts.js';

/** How long a web session lasts from sign-in. */
export const SESSION_SECONDS = 8 * 3600;

/** What a session grants: the person as their account allows now, and the CSRF token of its forms. */
export interface Session {
  principal: Principal;
  csrf: string;
}

/** A new session for a person who signed in: its random id (the cookie's value) and what it grants. */
export async function openSession(principal: Principal, username: string): Promise<Session & { id: string }> {
  const id = randomBytes(32).toString('base64url');
  const csrf = randomBytes(18).toString('base64url');
  await putSession(id, {
    username,
    principal,
    csrf,
    checkedAt: Date.now(),
    expiresAt: Math.floor(Date.now() / 1000) + SESSION_SECONDS,
  });
  return { id, principal, csrf };
}

/**
 * The session with this id, if it still exists and has not expired. The account behind it is
 * read again when the last check is older than `accountRecheckSeconds` (5 minutes with
 * Cognito, every request locally): a disabled or deleted account ends the session, a moved
 * one gets its new scope.
 */
export async function sessionOf(id: string): Promise<Session | undefined> {
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

/** Signs out: the session is deleted, so its id (or any copy of the cookie) opens nothing any more. */
export const closeSession = (id: string): Promise<void> => deleteSession(id);
