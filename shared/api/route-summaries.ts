import type { Operation } from './routes.js';

/**
 * What each route does, in a line: for the OpenAPI document, the docs page and docs/api.md
 * only, so that the functions serving the routes do not carry the text.
 */
export const ROUTE_SUMMARIES: Record<Operation, string> = {
  health: 'Service status',
  openapi: 'OpenAPI 3.1',
  docsPage: 'API documentation page',
  listDistricts: 'The 17 kecamatan of Brebes',
  listVillages: 'Villages, optionally of one kecamatan (?district=)',
  getVillage: "A village's places, waitlist and counts by status for a year",
  listPrograms: 'The configured programme years, newest first, each with its settings',
  getProgram: "A programme year's settings",
  putProgram: 'Create or change a programme year (Bappeda)',
  carryCohort:
    'Carry every IDENTIFIED or VERIFIED record of fromYear into the year, in registration order (Bappeda); dryRun=true writes nothing',
  registerCandidate: 'Register a candidate (village official)',
  listCandidates: 'Candidates in scope, a page at a time',
  getCandidate: 'One candidate',
  correctCandidate: 'Correct registration fields (village official, If-Match required)',
  transitionCandidate:
    'Move a candidate along the workflow (volunteer; official: WITHDRAWN only; If-Match required)',
  exportCandidate:
    'Everything held about the person: record with full NIK/KK, history, payments, processing record (Bappeda; UU PDP subject access)',
  anonymiseCandidate:
    "Remove the person's identifying data for good; counts and money stay (Bappeda, {reason}, If-Match required)",
  carryOverCandidate:
    'Carry a record still IDENTIFIED or VERIFIED into a later year (its village official, Bappeda; If-Match): 201 with the new record',
  changeSchool: 'A learner ENROLLED or ACTIVE moves to another school (volunteer; If-Match)',
  candidateHistory: "A candidate's transitions, oldest first",
  recordVisit:
    'Record a follow-up visit (volunteer): date (today when absent; not in the future, not before registration), kind, outcome, note',
  candidateVisits: "A candidate's visits, newest first",
  followUpReport:
    'Per village: learners (ENROLLED or ACTIVE), monitored (visited in the last 30 days), overdue; and totals (volunteer: own kecamatan; Bappeda)',
  assignApbdPlace: 'Give a waitlisted candidate an APBD place (Bappeda; If-Match required)',
  recordDisbursement: 'Record a payment to the learner (Bappeda; If-Match required)',
  reviewDuplicate:
    'Decide a possible duplicate: DIFFERENT_PERSON clears the pair on both sides, SAME_PERSON withdraws this (later) record and releases its place (Bappeda; If-Match required)',
  recipientsReport:
    'Recipients of a year and source for the decree annex and the bank: one row per person with money committed, NIK masked (Bappeda; JSON, CSV, XLSX)',
  auditTrail:
    'What was done in a programme year, newest first: settings, APBD places, payments, voids, sheets, duplicate decisions, accounts (Bappeda)',
  listDisbursements: "A candidate's payments, each with its reversal if voided (Bappeda)",
  voidDisbursement:
    'Void a mistaken payment by a reversal with a reason; disbursed totals drop by it (Bappeda; If-Match required; a second void is 409 ALREADY_VOIDED)',
  importSurveyList:
    'Check (dryRun=true) or register a CSV or XLSX survey list, row by row (village official)',
  importTemplate: 'The empty survey list with an example row (format=csv|xlsx)',
  importPaymentSheet:
    'Check (dryRun=true) or record a CSV or XLSX payment sheet, row by row: many payments at once, each with the rules of a single payment (Bappeda)',
  paymentSheetTemplate:
    'The empty payment sheet with an example row and its instructions (format=csv|xlsx) (Bappeda)',
  budgetReport: 'Places and money per kecamatan or village (Bappeda): JSON, CSV or XLSX',
  quotaReport: 'Villages whose village places are below quota (Bappeda)',
  publicOutcomes:
    'Open data, no token: a cohort per kecamatan and in total (registered, ATS, DTS, ever enrolled, learning, completed, dropped out), small counts null; format=csv; Cache-Control public and ETag',
  outcomesPage: 'Web: what each cohort achieved, with charts that print on A4 (Bappeda)',
  outcomesDownload: 'Web: the outcome report as CSV or a workbook (Bappeda)',
  dataPage:
    'The public page of the same figures (Bahasa Indonesia), with a CSV download and how it is counted',
  outcomesReport:
    'What a cohort achieved per kecamatan or village, or one row per cohort (by=year) (Bappeda): JSON, CSV or XLSX with an explanation sheet',
  listUsers:
    'Accounts (Bappeda): {username, email, name, role, villageCode?, districtCode?, enabled}, optionally of one role or kecamatan',
  createUser:
    'Create an account in its role and scope (Bappeda): 201 with the account; in AWS a Cognito user who gets its invitation e-mail',
  changeUser:
    'Move an account (role, villageCode, districtCode) and/or disable or enable it (Bappeda); never the last enabled Bappeda account',
  importUsers:
    'Check (dryRun=true) or create a CSV or XLSX sheet of accounts, row by row (Bappeda): Username, Email, Nama, Peran, Kode Desa, Kode Kecamatan',
  accountsPage: 'Web: the accounts, by role and kecamatan (Bappeda)',
  accountFormPage: 'Web: the form for a new account (Bappeda)',
  accountCreateSubmit: 'Web: create an account (Bappeda)',
  accountUploadPage: 'Web: upload a sheet of accounts (Bappeda)',
  accountUploadCheck: 'Web: check a sheet of accounts row by row (Bappeda)',
  accountUploadCommit: 'Web: create the checked accounts of a sheet (Bappeda)',
  accountPage: 'Web: one account, to move, disable or enable it (Bappeda)',
  accountChangeSubmit: 'Web: move, disable (after a confirmation) or enable an account (Bappeda)',
  home: 'Web: home page for the signed-in role',
  signInPage: "Web: sign in (local demo users, or Cognito's hosted sign-in)",
  signIn: 'Web: sign in as a local demo user (local only)',
  authCallback: 'Web: Cognito authorization code (PKCE) callback',
  signOut: 'Web: sign out',
  candidatesPage: 'Web: candidates in scope',
  registrationPage: 'Web: registration form',
  registrationSubmit: 'Web: register a candidate',
  candidatePage: 'Web: a candidate with history and next steps',
  correctionPage: 'Web: correction form',
  correctionSubmit: 'Web: correct a candidate',
  transitionSubmit: 'Web: move a candidate along the workflow',
  carryOverSubmit: 'Web: carry a record never enrolled over to a later year (its official, Bappeda)',
  schoolChangeSubmit: 'Web: a learner moves to another school (volunteer)',
  visitPage: 'Web: record a visit (volunteer), and what it suggests next',
  visitSave: 'Web: save a visit',
  worklistPage: "Web: the worklist, every open record in due order, overdue first (a volunteer's home)",
  worklistPrintPage:
    "Web: the worklist of a kecamatan to print for a day in the field (a volunteer's own; Bappeda's ?district=), by village then due date, with columns to write in",
  followUpPage: 'Web: learners, monitored and overdue per village (volunteer: own kecamatan; Bappeda)',
  apbdSubmit: 'Web: give an APBD place',
  disbursementSubmit: 'Web: record a payment',
  duplicatesPage: 'Web: possible duplicates still open, each pair side by side (Bappeda)',
  duplicateSubmit: 'Web: decide a possible duplicate (same person asks first)',
  recipientsDownload: 'Web: the recipient list of a year and source (Excel or CSV)',
  auditPage: 'Web: the audit of a year, newest first (Bappeda)',
  voidSubmit: 'Web: void a payment (confirmation step with a reason)',
  exportDownload: 'Download everything held about the person as JSON (Bappeda)',
  anonymiseSubmit: "Anonymise the person's data (Bappeda, with a reason)",
  programPage: 'Web: programme settings',
  programSubmit: 'Web: change programme settings',
  cohortCarryOverPage: "Web: carry a year's records never enrolled over to the next (Bappeda): the form",
  cohortCarryOverSubmit: 'Web: the dry run of a cohort carry-over, then, once confirmed, the carry-over',
  budgetPage: 'Web: budget report with charts',
  budgetDownload: 'Web: budget report as CSV or XLSX',
  quotaPage: 'Web: villages below quota',
  importHistoryPage:
    'Web: every survey-list check and registration of a year: who, when, village, rows (Bappeda)',
  importPage: 'Web: upload a survey list',
  importCheck: 'Web: check an uploaded survey list',
  importCommit: 'Web: register a checked survey list',
  importFailedRows:
    'Web: the rows of a checked list that are not registered, as CSV with their problems (its uploader)',
  importTemplateDownload: 'Web: the survey list template',
  paymentSheetPage: 'Web: upload a payment sheet (Bappeda)',
  paymentSheetCheck:
    'Web: check an uploaded payment sheet: what would be recorded, and each row needing attention',
  paymentSheetCommit: 'Web: record the payments of a checked payment sheet',
  paymentSheetTemplateDownload: 'Web: the payment sheet template (format=csv|xlsx)',
  guideIndex: 'Web: the guides (Panduan), one per role, without signing in',
  guidePage:
    "Web: one role's guide (operator, relawan, bappeda), each task as numbered steps with a screenshot",
  helpTopic:
    "Web: the page's part of the guide (the \"?\" beside a page title), in the viewer's role's guide",
  guideFile: "Web: a guide's screenshot (PNG) or printable guide (PDF)",
  paperFormPage: "Web: the printable registration form (A4) with the survey list's column names",
};

/** A route's summary (every route has one: the record above is keyed by every operation). */
export const summaryOf = (route: { operation: string }): string =>
  (ROUTE_SUMMARIES as Record<string, string>)[route.operation] ?? '';
