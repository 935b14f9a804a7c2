import type { RouteDef } from '../route-types.js';

/** The routes of the `guide` function (shared/api/routes.ts joins every function's). */
export const guideRoutes = [
  {
    method: 'GET',
    path: '/panduan',
    fn: 'guide',
    auth: 'session',
    operation: 'guideIndex',
  },
  {
    method: 'GET',
    path: '/panduan/{guide}',
    fn: 'guide',
    auth: 'session',
    operation: 'guidePage',
  },
  {
    method: 'GET',
    path: '/panduan/topik/{topic}',
    fn: 'guide',
    auth: 'session',
    operation: 'helpTopic',
  },
  {
    method: 'GET',
    path: '/panduan/berkas/{file}',
    fn: 'guide',
    auth: 'public',
    operation: 'guideFile',
  },
  {
    method: 'GET',
    path: '/formulir',
    fn: 'guide',
    auth: 'session',
    operation: 'paperFormPage',
  },
] as const satisfies readonly RouteDef[];
