import type { RouteDef } from '../route-types.js';

/** The routes of the `ledger` function (shared/api/routes.ts joins every function's). */
export const ledgerRoutes = [
  {
    method: 'POST',
    path: '/disbursements/imports',
    fn: 'ledger',
    auth: 'jwt',
    operation: 'importPaymentSheet',
    query: ['year', 'dryRun'],
  },
  {
    method: 'GET',
    path: '/disbursements/imports/template',
    fn: 'ledger',
    auth: 'jwt',
    operation: 'paymentSheetTemplate',
    query: ['format'],
  },
  {
    method: 'GET',
    path: '/anggaran/penerima',
    fn: 'ledger',
    auth: 'session',
    operation: 'recipientsDownload',
  },
  {
    method: 'GET',
    path: '/jejak',
    fn: 'ledger',
    auth: 'session',
    operation: 'auditPage',
  },
  {
    method: 'GET',
    path: '/anggaran/pembayaran',
    fn: 'ledger',
    auth: 'session',
    operation: 'paymentSheetPage',
  },
  {
    method: 'POST',
    path: '/anggaran/pembayaran',
    fn: 'ledger',
    auth: 'session',
    operation: 'paymentSheetCheck',
  },
  {
    method: 'POST',
    path: '/anggaran/pembayaran/kirim',
    fn: 'ledger',
    auth: 'session',
    operation: 'paymentSheetCommit',
  },
  {
    method: 'GET',
    path: '/anggaran/pembayaran/templat',
    fn: 'ledger',
    auth: 'session',
    operation: 'paymentSheetTemplateDownload',
  },
] as const satisfies readonly RouteDef[];
