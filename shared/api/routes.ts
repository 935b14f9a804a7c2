/**
 * The route table, declared once. It drives the API Gateway routes in CDK, the local
 * server's routing and each function's Hono app (functions/http/app.ts), so they cannot
 * drift. `fn` names the Lambda (functions/<fn>/handler.ts) that serves the route.
 * `imports` (survey lists and payment sheets with their spreadsheet code, by the API and the
 * web's upload pages)
 * is apart from `candidates` and `web`, and
 * `bappeda` (Bappeda's web pages: budget, settings, APBD places, payments, export,
 * anonymisation) apart from `web` (sign-in and the daily work of officials and volunteers),
 * `opendata` (the public figures and their page, without signing in, reading year
 * partitions only) apart from everything personal,
 * `visits` (follow-up: visits, the due lists, the follow-up report, by the API and the
 * volunteers' worklist and visit pages; and the candidates list with its search) apart from both,
 * and `accounts` (Bappeda's accounts, by the API and its pages: the only function with the
 * Cognito SDK client and the rights to change users),
 * so that no function starts with code its requests never run.
 */
export const FUNCTIONS = [
  'docs',
  'programs',
  'candidates',
  'imports',
  'reports',
  'web',
  'bappeda',
  'visits',
  'opendata',
  'accounts',
] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

/**
 * Each function's timeout, used by CDK and by the local gateway alike. Imports of up to 2,000
 * rows run in the imports and web functions, so they get what API Gateway allows (30 s);
 * candidates kept the 29 s it had when it served imports too; bappeda's settings page may give
 * a raised quota's places to every village's waitlist, and programs carries whole cohorts
 * over (20 s of work, then "run again"), so they have the same; accounts creates a sheet's
 * users in Cognito one by one (20 s of work, then "send it again").
 */
export const FUNCTION_TIMEOUT_SECONDS: Record<FunctionName, number> = {
  docs: 5,
  programs: 29,
  candidates: 29,
  imports: 29,
  reports: 10,
  web: 29,
  bappeda: 29,
  visits: 10,
  opendata: 5,
  accounts: 29,
};
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef {
  method: Method;
  /** API Gateway syntax: `/candidates/{id}`. */
  path: string;
  fn: FunctionName;
  /**
   * `jwt`: API Gateway's JWT authorizer checks the bearer token. `public`: no check.
   * `session`: a web page; no authorizer, the web function checks its own signed session cookie.
   */
  auth: 'public' | 'jwt' | 'session';
  operation: string;
  /**
   * The query parameters the route reads. On the API (`jwt` and `public` routes) any other is
   * a 400 naming it, so that a misspelt filter (`?name=`) is never silently ignored; web pages
   * also take `?lang=` and their own links' parameters.
   */
  query?: readonly string[];
}

export const routes = [
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
  {
    method: 'GET',
    path: '/districts',
    fn: 'programs',
    auth: 'jwt',
    operation: 'listDistricts',
  },
  {
    method: 'GET',
    path: '/villages',
    fn: 'programs',
    auth: 'jwt',
    operation: 'listVillages',
    query: ['district'],
  },
  {
    method: 'GET',
    path: '/villages/{code}',
    fn: 'programs',
    auth: 'jwt',
    operation: 'getVillage',
    query: ['year'],
  },
  {
    method: 'GET',
    path: '/programs',
    fn: 'programs',
    auth: 'jwt',
    operation: 'listPrograms',
  },
  {
    method: 'GET',
    path: '/programs/{year}',
    fn: 'programs',
    auth: 'jwt',
    operation: 'getProgram',
  },
  {
    method: 'PUT',
    path: '/programs/{year}',
    fn: 'programs',
    auth: 'jwt',
    operation: 'putProgram',
  },
  {
    method: 'POST',
    path: '/programs/{year}/carry-over',
    fn: 'programs',
    auth: 'jwt',
    operation: 'carryCohort',
    query: ['dryRun'],
  },
  {
    method: 'POST',
    path: '/candidates',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'registerCandidate',
  },
  {
    method: 'GET',
    path: '/candidates',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'listCandidates',
    query: ['year', 'village', 'district', 'status', 'flag', 'due', 'q', 'limit', 'cursor'],
  },
  {
    method: 'GET',
    path: '/candidates/{id}',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'getCandidate',
  },
  {
    method: 'PATCH',
    path: '/candidates/{id}',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'correctCandidate',
  },
  {
    method: 'POST',
    path: '/candidates/{id}/transitions',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'transitionCandidate',
  },
  {
    method: 'GET',
    path: '/candidates/{id}/export',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'exportCandidate',
  },
  {
    method: 'POST',
    path: '/candidates/{id}/anonymise',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'anonymiseCandidate',
  },
  {
    method: 'POST',
    path: '/candidates/{id}/carry-over',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'carryOverCandidate',
  },
  {
    method: 'POST',
    path: '/candidates/{id}/school',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'changeSchool',
  },
  {
    method: 'GET',
    path: '/candidates/{id}/history',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'candidateHistory',
  },
  {
    method: 'POST',
    path: '/candidates/{id}/visits',
    fn: 'visits',
    auth: 'jwt',
    operation: 'recordVisit',
  },
  {
    method: 'GET',
    path: '/candidates/{id}/visits',
    fn: 'visits',
    auth: 'jwt',
    operation: 'candidateVisits',
  },
  {
    method: 'GET',
    path: '/reports/follow-up',
    fn: 'visits',
    auth: 'jwt',
    operation: 'followUpReport',
    query: ['year', 'district'],
  },
  {
    method: 'POST',
    path: '/candidates/{id}/apbd-place',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'assignApbdPlace',
  },
  {
    method: 'POST',
    path: '/candidates/{id}/disbursements',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'recordDisbursement',
  },
  {
    method: 'POST',
    path: '/candidates/{id}/duplicate-review',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'reviewDuplicate',
  },
  {
    method: 'GET',
    path: '/candidates/{id}/disbursements',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'listDisbursements',
  },
  {
    method: 'POST',
    path: '/candidates/{id}/disbursements/{disbursementId}/void',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'voidDisbursement',
  },
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
    method: 'POST',
    path: '/disbursements/imports',
    fn: 'imports',
    auth: 'jwt',
    operation: 'importPaymentSheet',
    query: ['year', 'dryRun'],
  },
  {
    method: 'GET',
    path: '/disbursements/imports/template',
    fn: 'imports',
    auth: 'jwt',
    operation: 'paymentSheetTemplate',
    query: ['format'],
  },
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
    path: '/calon',
    fn: 'visits',
    auth: 'session',
    operation: 'candidatesPage',
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
  {
    method: 'POST',
    path: '/calon/{id}/bawa',
    fn: 'programs',
    auth: 'session',
    operation: 'carryOverSubmit',
  },
  {
    method: 'POST',
    path: '/calon/{id}/sekolah',
    fn: 'visits',
    auth: 'session',
    operation: 'schoolChangeSubmit',
  },
  {
    method: 'GET',
    path: '/calon/{id}/kunjungan',
    fn: 'visits',
    auth: 'session',
    operation: 'visitPage',
  },
  {
    method: 'POST',
    path: '/calon/{id}/kunjungan',
    fn: 'visits',
    auth: 'session',
    operation: 'visitSave',
  },
  {
    method: 'GET',
    path: '/kerja',
    fn: 'visits',
    auth: 'session',
    operation: 'worklistPage',
  },
  {
    method: 'GET',
    path: '/pendampingan',
    fn: 'visits',
    auth: 'session',
    operation: 'followUpPage',
  },
  {
    method: 'GET',
    path: '/ganda',
    fn: 'visits',
    auth: 'session',
    operation: 'duplicatesPage',
  },
  {
    method: 'POST',
    path: '/calon/{id}/ganda',
    fn: 'visits',
    auth: 'session',
    operation: 'duplicateSubmit',
  },
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
    path: '/program',
    fn: 'programs',
    auth: 'session',
    operation: 'programPage',
  },
  {
    method: 'POST',
    path: '/program',
    fn: 'programs',
    auth: 'session',
    operation: 'programSubmit',
  },
  {
    method: 'GET',
    path: '/program/bawa',
    fn: 'programs',
    auth: 'session',
    operation: 'cohortCarryOverPage',
  },
  {
    method: 'POST',
    path: '/program/bawa',
    fn: 'programs',
    auth: 'session',
    operation: 'cohortCarryOverSubmit',
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
  {
    method: 'GET',
    path: '/anggaran/pembayaran',
    fn: 'imports',
    auth: 'session',
    operation: 'paymentSheetPage',
  },
  {
    method: 'POST',
    path: '/anggaran/pembayaran',
    fn: 'imports',
    auth: 'session',
    operation: 'paymentSheetCheck',
  },
  {
    method: 'POST',
    path: '/anggaran/pembayaran/kirim',
    fn: 'imports',
    auth: 'session',
    operation: 'paymentSheetCommit',
  },
  {
    method: 'GET',
    path: '/anggaran/pembayaran/templat',
    fn: 'imports',
    auth: 'session',
    operation: 'paymentSheetTemplateDownload',
  },
  {
    method: 'GET',
    path: '/users',
    fn: 'accounts',
    auth: 'jwt',
    operation: 'listUsers',
    query: ['role', 'district'],
  },
  {
    method: 'POST',
    path: '/users',
    fn: 'accounts',
    auth: 'jwt',
    operation: 'createUser',
  },
  {
    method: 'PATCH',
    path: '/users/{username}',
    fn: 'accounts',
    auth: 'jwt',
    operation: 'changeUser',
  },
  {
    method: 'POST',
    path: '/users/imports',
    fn: 'accounts',
    auth: 'jwt',
    operation: 'importUsers',
    query: ['dryRun'],
  },
  {
    method: 'GET',
    path: '/akun',
    fn: 'accounts',
    auth: 'session',
    operation: 'accountsPage',
  },
  {
    method: 'GET',
    path: '/akun/baru',
    fn: 'accounts',
    auth: 'session',
    operation: 'accountFormPage',
  },
  {
    method: 'POST',
    path: '/akun/baru',
    fn: 'accounts',
    auth: 'session',
    operation: 'accountCreateSubmit',
  },
  {
    method: 'GET',
    path: '/akun/unggah',
    fn: 'accounts',
    auth: 'session',
    operation: 'accountUploadPage',
  },
  {
    method: 'POST',
    path: '/akun/unggah',
    fn: 'accounts',
    auth: 'session',
    operation: 'accountUploadCheck',
  },
  {
    method: 'POST',
    path: '/akun/unggah/kirim',
    fn: 'accounts',
    auth: 'session',
    operation: 'accountUploadCommit',
  },
  {
    method: 'GET',
    path: '/akun/{username}',
    fn: 'accounts',
    auth: 'session',
    operation: 'accountPage',
  },
  {
    method: 'POST',
    path: '/akun/{username}',
    fn: 'accounts',
    auth: 'session',
    operation: 'accountChangeSubmit',
  },
] as const satisfies readonly RouteDef[];

export type Route = (typeof routes)[number];
export type Operation = Route['operation'];
export type OperationOf<F extends FunctionName> = Extract<Route, { fn: F }>['operation'];

/** `/candidates/{id}` → `/candidates/:id` (Hono's syntax). */
export const honoPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');
