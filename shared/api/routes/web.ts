import type { RouteDef } from '../route-types.js';

/** The routes of the `web` function (shared/api/routes.ts joins every function's). */
export const webRoutes = [
  {
    method: 'GET',
    path: '/',
    fn: 'web',
    auth: 'session',
    operation: 'home',
  },
  {
    method: 'GET',
    path: '/masuk',
    fn: 'web',
    auth: 'session',
    operation: 'signInPage',
  },
  {
    method: 'POST',
    path: '/masuk',
    fn: 'web',
    auth: 'session',
    operation: 'signIn',
  },
  {
    method: 'GET',
    path: '/auth/callback',
    fn: 'web',
    auth: 'session',
    operation: 'authCallback',
  },
  {
    method: 'POST',
    path: '/keluar',
    fn: 'web',
    auth: 'session',
    operation: 'signOut',
  },
  {
    method: 'GET',
    path: '/calon/baru',
    fn: 'web',
    auth: 'session',
    operation: 'registrationPage',
  },
  {
    method: 'POST',
    path: '/calon/baru',
    fn: 'web',
    auth: 'session',
    operation: 'registrationSubmit',
  },
  {
    method: 'GET',
    path: '/calon/{id}',
    fn: 'web',
    auth: 'session',
    operation: 'candidatePage',
  },
  {
    method: 'GET',
    path: '/calon/{id}/ubah',
    fn: 'web',
    auth: 'session',
    operation: 'correctionPage',
  },
  {
    method: 'POST',
    path: '/calon/{id}/ubah',
    fn: 'web',
    auth: 'session',
    operation: 'correctionSubmit',
  },
  {
    method: 'POST',
    path: '/calon/{id}/status',
    fn: 'web',
    auth: 'session',
    operation: 'transitionSubmit',
  },
] as const satisfies readonly RouteDef[];
