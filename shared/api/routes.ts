/**
 * The route table, declared once. It drives the API Gateway routes in CDK, the local
 * server's routing and each function's Hono app (functions/http/app.ts), so they cannot
 * drift. `fn` names the Lambda (functions/<fn>/handler.ts) that serves the route.
 * `imports` (survey lists and their spreadsheet code, by the API and the web's upload pages)
 * is apart from `candidates` and `web`, and
 * `bappeda` (Bappeda's web pages: budget, settings, APBD places, payments, export,
 * anonymisation) apart from `web` (sign-in and the daily work of officials and volunteers),
 * so that no function starts with code its requests never run.
 */
export const FUNCTIONS = ['docs', 'programs', 'candidates', 'imports', 'reports', 'web', 'bappeda'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

/**
 * Each function's timeout, used by CDK and by the local gateway alike. Imports of up to 2,000
 * rows run in the imports and web functions, so they get what API Gateway allows (30 s);
 * candidates kept the 29 s it had when it served imports too; bappeda's settings page may give
 * a raised quota's places to every village's waitlist, and programs carries whole cohorts
 * over (20 s of work, then "run again"), so they have the same.
 */
export const FUNCTION_TIMEOUT_SECONDS: Record<FunctionName, number> = {
  docs: 5,
  programs: 29,
  candidates: 29,
  imports: 29,
  reports: 10,
  web: 29,
  bappeda: 29,
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
  summary: string;
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
    summary: 'Service status',
  },
  {
    method: 'GET',
    path: '/openapi.json',
    fn: 'docs',
    auth: 'public',
    operation: 'openapi',
    summary: 'OpenAPI 3.1',
  },
  {
    method: 'GET',
    path: '/docs',
    fn: 'docs',
    auth: 'public',
    operation: 'docsPage',
    summary: 'API documentation page',
  },
  {
    method: 'GET',
    path: '/districts',
    fn: 'programs',
    auth: 'jwt',
    operation: 'listDistricts',
    summary: 'The 17 kecamatan of Brebes',
  },
  {
    method: 'GET',
    path: '/villages',
    fn: 'programs',
    auth: 'jwt',
    operation: 'listVillages',
    query: ['district'],
    summary: 'Villages, optionally of one kecamatan (?district=)',
  },
  {
    method: 'GET',
    path: '/villages/{code}',
    fn: 'programs',
    auth: 'jwt',
    operation: 'getVillage',
    query: ['year'],
    summary: "A village's places, waitlist and counts by status for a year",
  },
  {
    method: 'GET',
    path: '/programs',
    fn: 'programs',
    auth: 'jwt',
    operation: 'listPrograms',
    summary: 'The configured programme years, newest first, each with its settings',
  },
  {
    method: 'GET',
    path: '/programs/{year}',
    fn: 'programs',
    auth: 'jwt',
    operation: 'getProgram',
    summary: "A programme year's settings",
  },
  {
    method: 'PUT',
    path: '/programs/{year}',
    fn: 'programs',
    auth: 'jwt',
    operation: 'putProgram',
    summary: 'Create or change a programme year (Bappeda)',
  },
  {
    method: 'POST',
    path: '/programs/{year}/carry-over',
    fn: 'programs',
    auth: 'jwt',
    operation: 'carryCohort',
    summary:
      'Carry every IDENTIFIED or VERIFIED record of fromYear into the year, in registration order (Bappeda); dryRun=true writes nothing',
    query: ['dryRun'],
  },
  {
    method: 'POST',
    path: '/candidates',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'registerCandidate',
    summary: 'Register a candidate (village official)',
  },
  {
    method: 'GET',
    path: '/candidates',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'listCandidates',
    query: ['year', 'village', 'district', 'status', 'flag', 'limit', 'cursor'],
    summary: 'Candidates in scope, a page at a time',
  },
  {
    method: 'GET',
    path: '/candidates/{id}',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'getCandidate',
    summary: 'One candidate',
  },
  {
    method: 'PATCH',
    path: '/candidates/{id}',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'correctCandidate',
    summary: 'Correct registration fields (village official, If-Match required)',
  },
  {
    method: 'POST',
    path: '/candidates/{id}/transitions',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'transitionCandidate',
    summary: 'Move a candidate along the workflow (volunteer; official: WITHDRAWN only; If-Match required)',
  },
  {
    method: 'GET',
    path: '/candidates/{id}/export',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'exportCandidate',
    summary:
      'Everything held about the person: record with full NIK/KK, history, payments, processing record (Bappeda; UU PDP subject access)',
  },
  {
    method: 'POST',
    path: '/candidates/{id}/anonymise',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'anonymiseCandidate',
    summary:
      "Remove the person's identifying data for good; counts and money stay (Bappeda, {reason}, If-Match required)",
  },
  {
    method: 'POST',
    path: '/candidates/{id}/carry-over',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'carryOverCandidate',
    summary:
      'Carry a record still IDENTIFIED or VERIFIED into a later year (its village official, Bappeda; If-Match): 201 with the new record',
  },
  {
    method: 'POST',
    path: '/candidates/{id}/school',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'changeSchool',
    summary: 'A learner ENROLLED or ACTIVE moves to another school (volunteer; If-Match)',
  },
  {
    method: 'GET',
    path: '/candidates/{id}/history',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'candidateHistory',
    summary: "A candidate's transitions, oldest first",
  },
  {
    method: 'POST',
    path: '/candidates/{id}/apbd-place',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'assignApbdPlace',
    summary: 'Give a waitlisted candidate an APBD place (Bappeda; If-Match required)',
  },
  {
    method: 'POST',
    path: '/candidates/{id}/disbursements',
    fn: 'candidates',
    auth: 'jwt',
    operation: 'recordDisbursement',
    summary: 'Record a payment to the learner (Bappeda; If-Match required)',
  },
  {
    method: 'POST',
    path: '/imports',
    fn: 'imports',
    auth: 'jwt',
    operation: 'importSurveyList',
    query: ['year', 'village', 'dryRun'],
    summary: 'Check (dryRun=true) or register a CSV or XLSX survey list, row by row (village official)',
  },
  {
    method: 'GET',
    path: '/imports/template',
    fn: 'imports',
    auth: 'jwt',
    operation: 'importTemplate',
    query: ['format'],
    summary: 'The empty survey list with an example row (format=csv|xlsx)',
  },
  {
    method: 'GET',
    path: '/reports/budget',
    fn: 'reports',
    auth: 'jwt',
    operation: 'budgetReport',
    query: ['year', 'by', 'format'],
    summary: 'Places and money per kecamatan or village (Bappeda): JSON, CSV or XLSX',
  },
  {
    method: 'GET',
    path: '/reports/quota',
    fn: 'reports',
    auth: 'jwt',
    operation: 'quotaReport',
    query: ['year', 'format'],
    summary: 'Villages whose village places are below quota (Bappeda)',
  },
  {
    method: 'GET',
    path: '/',
    fn: 'web',
    auth: 'session',
    operation: 'home',
    summary: 'Web: home page for the signed-in role',
  },
  {
    method: 'GET',
    path: '/masuk',
    fn: 'web',
    auth: 'session',
    operation: 'signInPage',
    summary: "Web: sign in (local demo users, or Cognito's hosted sign-in)",
  },
  {
    method: 'POST',
    path: '/masuk',
    fn: 'web',
    auth: 'session',
    operation: 'signIn',
    summary: 'Web: sign in as a local demo user (local only)',
  },
  {
    method: 'GET',
    path: '/auth/callback',
    fn: 'web',
    auth: 'session',
    operation: 'authCallback',
    summary: 'Web: Cognito authorization code (PKCE) callback',
  },
  {
    method: 'POST',
    path: '/keluar',
    fn: 'web',
    auth: 'session',
    operation: 'signOut',
    summary: 'Web: sign out',
  },
  {
    method: 'GET',
    path: '/calon',
    fn: 'web',
    auth: 'session',
    operation: 'candidatesPage',
    summary: 'Web: candidates in scope',
  },
  {
    method: 'GET',
    path: '/calon/baru',
    fn: 'web',
    auth: 'session',
    operation: 'registrationPage',
    summary: 'Web: registration form',
  },
  {
    method: 'POST',
    path: '/calon/baru',
    fn: 'web',
    auth: 'session',
    operation: 'registrationSubmit',
    summary: 'Web: register a candidate',
  },
  {
    method: 'GET',
    path: '/calon/{id}',
    fn: 'web',
    auth: 'session',
    operation: 'candidatePage',
    summary: 'Web: a candidate with history and next steps',
  },
  {
    method: 'GET',
    path: '/calon/{id}/ubah',
    fn: 'web',
    auth: 'session',
    operation: 'correctionPage',
    summary: 'Web: correction form',
  },
  {
    method: 'POST',
    path: '/calon/{id}/ubah',
    fn: 'web',
    auth: 'session',
    operation: 'correctionSubmit',
    summary: 'Web: correct a candidate',
  },
  {
    method: 'POST',
    path: '/calon/{id}/status',
    fn: 'web',
    auth: 'session',
    operation: 'transitionSubmit',
    summary: 'Web: move a candidate along the workflow',
  },
  {
    method: 'POST',
    path: '/calon/{id}/bawa',
    fn: 'web',
    auth: 'session',
    operation: 'carryOverSubmit',
    summary: 'Web: carry a record never enrolled over to a later year (its official, Bappeda)',
  },
  {
    method: 'POST',
    path: '/calon/{id}/sekolah',
    fn: 'web',
    auth: 'session',
    operation: 'schoolChangeSubmit',
    summary: 'Web: a learner moves to another school (volunteer)',
  },
  {
    method: 'POST',
    path: '/calon/{id}/apbd',
    fn: 'bappeda',
    auth: 'session',
    operation: 'apbdSubmit',
    summary: 'Web: give an APBD place',
  },
  {
    method: 'POST',
    path: '/calon/{id}/pembayaran',
    fn: 'bappeda',
    auth: 'session',
    operation: 'disbursementSubmit',
    summary: 'Web: record a payment',
  },
  {
    method: 'GET',
    path: '/calon/{id}/ekspor',
    fn: 'bappeda',
    auth: 'session',
    operation: 'exportDownload',
    summary: 'Download everything held about the person as JSON (Bappeda)',
  },
  {
    method: 'POST',
    path: '/calon/{id}/anonimkan',
    fn: 'bappeda',
    auth: 'session',
    operation: 'anonymiseSubmit',
    summary: "Anonymise the person's data (Bappeda, with a reason)",
  },
  {
    method: 'GET',
    path: '/program',
    fn: 'programs',
    auth: 'session',
    operation: 'programPage',
    summary: 'Web: programme settings',
  },
  {
    method: 'POST',
    path: '/program',
    fn: 'programs',
    auth: 'session',
    operation: 'programSubmit',
    summary: 'Web: change programme settings',
  },
  {
    method: 'GET',
    path: '/program/bawa',
    fn: 'programs',
    auth: 'session',
    operation: 'cohortCarryOverPage',
    summary: "Web: carry a year's records never enrolled over to the next (Bappeda): the form",
  },
  {
    method: 'POST',
    path: '/program/bawa',
    fn: 'programs',
    auth: 'session',
    operation: 'cohortCarryOverSubmit',
    summary: 'Web: the dry run of a cohort carry-over, then, once confirmed, the carry-over',
  },
  {
    method: 'GET',
    path: '/anggaran',
    fn: 'bappeda',
    auth: 'session',
    operation: 'budgetPage',
    summary: 'Web: budget report with charts',
  },
  {
    method: 'GET',
    path: '/anggaran/unduh',
    fn: 'bappeda',
    auth: 'session',
    operation: 'budgetDownload',
    summary: 'Web: budget report as CSV or XLSX',
  },
  {
    method: 'GET',
    path: '/kuota',
    fn: 'bappeda',
    auth: 'session',
    operation: 'quotaPage',
    summary: 'Web: villages below quota',
  },
  {
    method: 'GET',
    path: '/impor/riwayat',
    fn: 'bappeda',
    auth: 'session',
    operation: 'importHistoryPage',
    summary: 'Web: every survey-list check and registration of a year: who, when, village, rows (Bappeda)',
  },
  {
    method: 'GET',
    path: '/impor',
    fn: 'imports',
    auth: 'session',
    operation: 'importPage',
    summary: 'Web: upload a survey list',
  },
  {
    method: 'POST',
    path: '/impor',
    fn: 'imports',
    auth: 'session',
    operation: 'importCheck',
    summary: 'Web: check an uploaded survey list',
  },
  {
    method: 'POST',
    path: '/impor/kirim',
    fn: 'imports',
    auth: 'session',
    operation: 'importCommit',
    summary: 'Web: register a checked survey list',
  },
  {
    method: 'GET',
    path: '/impor/templat',
    fn: 'imports',
    auth: 'session',
    operation: 'importTemplateDownload',
    summary: 'Web: the survey list template',
  },
] as const satisfies readonly RouteDef[];

export type Route = (typeof routes)[number];
export type OperationOf<F extends FunctionName> = Extract<Route, { fn: F }>['operation'];

/** `/candidates/{id}` → `/candidates/:id` (Hono's syntax). */
export const honoPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');
