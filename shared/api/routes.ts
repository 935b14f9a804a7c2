import type { FunctionName } from './route-types.js';
import { accountsRoutes } from './routes/accounts.js';
import { bappedaRoutes } from './routes/bappeda.js';
import { candidatesRoutes } from './routes/candidates.js';
import { docsRoutes } from './routes/docs.js';
import { guideRoutes } from './routes/guide.js';
import { importsRoutes } from './routes/imports.js';
import { ledgerRoutes } from './routes/ledger.js';
import { opendataRoutes } from './routes/opendata.js';
import { programsRoutes } from './routes/programs.js';
import { reportsRoutes } from './routes/reports.js';
import { visitsRoutes } from './routes/visits.js';
import { webRoutes } from './routes/web.js';

export { FUNCTIONS, type FunctionName, honoPath, type Method, type RouteDef } from './route-types.js';

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
 * `accounts` (Bappeda's accounts, by the API and its pages: the only function with the
 * Cognito SDK client and the rights to change users),
 * `ledger` (Bappeda's payment sheets, recipient lists and audit, by the API and pages),
 * and `guide` (the guides, their screenshots and PDFs, and the paper registration form: the
 * same for everyone, readable without signing in),
 * so that no function starts with code its requests never run.
 */
export const ROUTES_BY_FUNCTION = {
  docs: docsRoutes,
  programs: programsRoutes,
  candidates: candidatesRoutes,
  imports: importsRoutes,
  reports: reportsRoutes,
  web: webRoutes,
  bappeda: bappedaRoutes,
  visits: visitsRoutes,
  opendata: opendataRoutes,
  accounts: accountsRoutes,
  ledger: ledgerRoutes,
  guide: guideRoutes,
} as const;

/** Every route of every function. */
export const routes = Object.values(ROUTES_BY_FUNCTION).flat();

/**
 * Each function's timeout, used by CDK and by the local gateway alike. Imports of up to 2,000
 * rows run in the imports and web functions, so they get what API Gateway allows (30 s);
 * candidates kept the 29 s it had when it served imports too; bappeda's settings page may give
 * a raised quota's places to every village's waitlist, and programs carries whole cohorts
 * over (20 s of work, then "run again"), so they have the same; accounts creates a sheet's
 * users in Cognito one by one, and ledger records a payment sheet's payments (20 s of work,
 * then "send it again").
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
  ledger: 29,
  guide: 5,
};

export type Route = (typeof ROUTES_BY_FUNCTION)[FunctionName][number];
export type Operation = Route['operation'];
export type OperationOf<F extends FunctionName> = Extract<Route, { fn: F }>['operation'];
