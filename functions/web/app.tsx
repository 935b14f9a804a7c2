import { webRoutes } from '../../shared/api/routes/web.js';
import { createApp } from '../http/app.js';
import { candidateRoutes } from './candidate-routes.js';
import { homeRoutes } from './home.js';
import { registrationRoutes } from './registration.js';
import { webOptions } from './shell.js';
import { signInRoutes } from './sign-in-routes.js';

/**
 * The web app for signing in and the daily work, one module per journey: officials register,
 * correct and withdraw. Bappeda's pages are served by the `bappeda` function (its home is
 * the budget page there), the upload pages by `imports`, the lists (candidates, search, the
 * volunteers' worklist) by `visits`.
 */
export const app = createApp(
  webRoutes,
  { ...signInRoutes, ...homeRoutes, ...registrationRoutes, ...candidateRoutes },
  { pages: webOptions },
);
