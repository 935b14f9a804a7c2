/**
 * The route table, declared once. It drives the API Gateway routes in CDK, the local
 * server's routing and each function's Hono app (functions/http/bind.ts), so they cannot
 * drift. `fn` names the Lambda (functions/<fn>/handler.ts) that serves the route.
 */
export const FUNCTIONS = ['docs', 'programs', 'candidates', 'reports'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef {
  method: Method;
  /** API Gateway syntax: `/candidates/{id}`. */
  path: string;
  fn: FunctionName;
  /** `public` routes skip the JWT authorizer. */
  auth: 'public' | 'jwt';
  operation: string;
  summary: string;
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
    summary: 'Villages, optionally of one kecamatan (?district=)',
  },
  {
    method: 'GET',
    path: '/villages/{code}',
    fn: 'programs',
    auth: 'jwt',
    operation: 'getVillage',
    summary: "A village's places, waitlist and counts by status for a year",
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
    method: 'GET',
    path: '/reports/budget',
    fn: 'reports',
    auth: 'jwt',
    operation: 'budgetReport',
    summary: 'Places and money per kecamatan or village (Bappeda): JSON, CSV or XLSX',
  },
  {
    method: 'GET',
    path: '/reports/quota',
    fn: 'reports',
    auth: 'jwt',
    operation: 'quotaReport',
    summary: 'Villages whose village places are below quota (Bappeda)',
  },
] as const satisfies readonly RouteDef[];

export type Route = (typeof routes)[number];
export type OperationOf<F extends FunctionName> = Extract<Route, { fn: F }>['operation'];

/** `/candidates/{id}` → `/candidates/:id` (Hono's syntax). */
export const honoPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');
