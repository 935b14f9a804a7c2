/**
 * What a route is, apart from the table itself (shared/api/routes.ts), so that a function's
 * Hono app carries its own routes (shared/api/routes/<fn>.ts) and not every function's.
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
  'ledger',
  'guide',
] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

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

/** `/candidates/{id}` → `/candidates/:id` (Hono's syntax). */
export const honoPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');
