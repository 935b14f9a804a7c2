import type { RouteDef } from '../route-types.js';

/** The routes of the `bappeda` function (shared/api/routes.ts joins every function's). */
export const bappedaRoutes = [
  {
    method: 'POST',
    path: '/calon/{id}/apbd',
    fn: 'bappeda',
    auth: 'session',
    operation: 'apbdSubmit',
  },
  {
    method: 'POST',
    path: '/calon/{id}/pembayaran',
    fn: 'bappeda',
    auth: 'session',
    operation: 'disbursementSubmit',
  },
  {
    method: 'POST',
    path: '/calon/{id}/pembayaran/{disbursementId}/batal',
    fn: 'bappeda',
    auth: 'session',
    operation: 'voidSubmit',
  },
  {
    method: 'GET',
    path: '/calon/{id}/ekspor',
    fn: 'bappeda',
    auth: 'session',
    operation: 'exportDownload',
  },
  {
    method: 'POST',
    path: '/calon/{id}/anonimkan',
    fn: 'bappeda',
    auth: 'session',
    operation: 'anonymiseSubmit',
  },
  {
    method: 'GET',
    path: '/anggaran',
    fn: 'bappeda',
    auth: 'session',
    operation: 'budgetPage',
  },
  {
    method: 'GET',
    path: '/anggaran/unduh',
    fn: 'bappeda',
    auth: 'session',
    operation: 'budgetDownload',
  },
  {
    method: 'GET',
    path: '/capaian',
    fn: 'bappeda',
    auth: 'session',
    operation: 'outcomesPage',
  },
  {
    method: 'GET',
    path: '/capaian/unduh',
    fn: 'bappeda',
    auth: 'session',
    operation: 'outcomesDownload',
  },
  {
    method: 'GET',
    path: '/kuota',
    fn: 'bappeda',
    auth: 'session',
    operation: 'quotaPage',
  },
  {
    method: 'GET',
    path: '/impor/riwayat',
    fn: 'bappeda',
    auth: 'session',
    operation: 'importHistoryPage',
  },
] as const satisfies readonly RouteDef[];
