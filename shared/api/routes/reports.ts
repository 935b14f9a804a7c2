import type { RouteDef } from '../route-types.js';

/** The routes of the `reports` function (shared/api/routes.ts joins every function's). */
export const reportsRoutes = [
  {
    method: 'GET',
    path: '/reports/budget',
    fn: 'reports',
    auth: 'jwt',
    operation: 'budgetReport',
    query: ['year', 'by', 'format'],
  },
  {
    method: 'GET',
    path: '/reports/quota',
    fn: 'reports',
    auth: 'jwt',
    operation: 'quotaReport',
    query: ['year', 'format'],
  },
  {
    method: 'GET',
    path: '/reports/outcomes',
    fn: 'reports',
    auth: 'jwt',
    operation: 'outcomesReport',
    query: ['year', 'by', 'format'],
  },
  {
    method: 'GET',
    path: '/reports/recipients',
    fn: 'reports',
    auth: 'jwt',
    operation: 'recipientsReport',
    query: ['year', 'source', 'format'],
  },
  {
    method: 'GET',
    path: '/audit',
    fn: 'reports',
    auth: 'jwt',
    operation: 'auditTrail',
    query: ['year', 'limit', 'cursor'],
  },
] as const satisfies readonly RouteDef[];
