import type { RouteDef } from '../route-types.js';

/** The routes of the `opendata` function (shared/api/routes.ts joins every function's). */
export const opendataRoutes = [
  {
    method: 'GET',
    path: '/public/outcomes',
    fn: 'opendata',
    auth: 'public',
    operation: 'publicOutcomes',
    query: ['year', 'format'],
  },
  {
    method: 'GET',
    path: '/data',
    fn: 'opendata',
    auth: 'public',
    operation: 'dataPage',
    query: ['year', 'lang'],
  },
] as const satisfies readonly RouteDef[];
