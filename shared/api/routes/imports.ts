import type { RouteDef } from '../route-types.js';

/** The routes of the `imports` function (shared/api/routes.ts joins every function's). */
export const importsRoutes = [
  {
    method: 'POST',
    path: '/imports',
    fn: 'imports',
    auth: 'jwt',
    operation: 'importSurveyList',
    query: ['year', 'village', 'dryRun'],
  },
  {
    method: 'GET',
    path: '/imports/template',
    fn: 'imports',
    auth: 'jwt',
    operation: 'importTemplate',
    query: ['format'],
  },
  {
    method: 'GET',
    path: '/impor',
    fn: 'imports',
    auth: 'session',
    operation: 'importPage',
  },
  {
    method: 'POST',
    path: '/impor',
    fn: 'imports',
    auth: 'session',
    operation: 'importCheck',
  },
  {
    method: 'POST',
    path: '/impor/kirim',
    fn: 'imports',
    auth: 'session',
    operation: 'importCommit',
  },
  {
    method: 'GET',
    path: '/impor/salah',
    fn: 'imports',
    auth: 'session',
    operation: 'importFailedRows',
    query: ['draft'],
  },
  {
    method: 'GET',
    path: '/impor/templat',
    fn: 'imports',
    auth: 'session',
    operation: 'importTemplateDownload',
  },
] as const satisfies readonly RouteDef[];
