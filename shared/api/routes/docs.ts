import type { RouteDef } from '../route-types.js';

/** The routes of the `docs` function (shared/api/routes.ts joins every function's). */
export const docsRoutes = [
  {
    method: 'GET',
    path: '/health',
    fn: 'docs',
    auth: 'public',
    operation: 'health',
  },
  {
    method: 'GET',
    path: '/openapi.json',
    fn: 'docs',
    auth: 'public',
    operation: 'openapi',
  },
  {
    method: 'GET',
    path: '/docs',
    fn: 'docs',
    auth: 'public',
    operation: 'docsPage',
  },
] as const satisfies readonly RouteDef[];
