import { randomBytes } from 'node:crypto';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { DomainError, validationFailed } from '../../shared/errors.js';
import {
  localAccountsToSignIn,
  localSignIn as localSignInPrincipal,
} from '../../shared/services/accounts.js';
import type { OperationHandler } from '../http/app.js';
import { formValues } from './forms.js';
import { PageTitle } from './help.js';
import { cookieOptions, endSession, sameToken, sealed, startSession, unsealed } from './session.js';
import { origin, originOf, page, postedForm, tOf } from './shell.js';
import { authorizeUrl, localSignIn, logoutUrl, pkcePair, principalFromCode } from './sign-in.js';
import { roleLabel } from './ui.js';

const OAUTH_COOKIE = 'gkb_oauth';

/**
 * Signing in and out: locally by choosing an account of the local identity provider, in AWS
 * through Cognito's hosted sign-in (authorization code with PKCE).
 */
export const signInRoutes = {
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
        <PageTitle help="masuk">{t('Masuk (pengguna contoh)', 'Sign in (demo users)')}</PageTitle>
        <p class="notice">
          {t(
            'Ini sistem lokal: pilih salah satu pengguna contoh. Di AWS, masuk lewat halaman Cognito.',
            'This is the local system: pick a demo user. In AWS, sign-in goes through Cognito.',
          )}
        </p>
        {(await localAccountsToSignIn()).map((a) => (
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
    const principal = await localSignInPrincipal(username);
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
} satisfies Record<string, OperationHandler>;
