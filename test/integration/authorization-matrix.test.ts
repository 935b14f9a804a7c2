import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Route, routes } from '../../shared/api/routes.js';
import { readCandidate } from '../../shared/db/candidates.js';
import { db, tableName } from '../../shared/db/client.js';
import { registration } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { csrfOf, registrationForm, signIn as signInAs } from '../support/web.js';

/**
 * Every route of the route table × every role × a target in the caller's own scope and one in
 * another scope, with the expected status written down per cell. A route without an entry
 * fails the suite. A refused write changes nothing (the whole table is compared).
 *
 * Scopes: the official is of Banjaran (33.29.01.2001), the volunteer of Salem (33.29.01);
 * "own" targets are in Banjaran, "other" targets in Bangbayang (33.29.02.2001, Bantarkawung).
 */
type Role = 'official' | 'volunteer' | 'bappeda';
type Cell = [own: number, other: number];
type Target = 'none' | 'identified' | 'waitlisted' | 'enrolled' | 'paid';
interface Entry {
  official: Cell;
  volunteer: Cell;
  bappeda: Cell;
  /** What the request acts on, made fresh for each cell. */
  target: Target;
  /** Whether the request writes (then a refused one must leave the table as it was). */
  writes?: boolean;
}

const OWN = { village: '33.29.01.2001', district: '33.29.01' };
const OTHER = { village: '33.29.02.2001', district: '33.29.02' };
const YEAR = 2026;

const all = (status: number): Pick<Entry, Role> => ({
  official: [status, status],
  volunteer: [status, status],
  bappeda: [status, status],
});

const MATRIX: Record<string, Entry> = {
  'GET /health': { ...all(200), target: 'none' },
  'GET /openapi.json': { ...all(200), target: 'none' },
  'GET /docs': { ...all(200), target: 'none' },
  'GET /districts': { ...all(200), target: 'none' },
  'GET /villages': { ...all(200), target: 'none' },
  'GET /villages/{code}': {
    official: [200, 404],
    volunteer: [200, 404],
    bappeda: [200, 200],
    target: 'none',
  },
  'GET /programs': { ...all(200), target: 'none' },
  'GET /programs/{year}': { ...all(200), target: 'none' },
  'PUT /programs/{year}': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'none',
    writes: true,
  },
  'POST /programs/{year}/carry-over': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'none',
    writes: true,
  },
  'POST /candidates': {
    official: [201, 404],
    volunteer: [403, 403],
    bappeda: [403, 403],
    target: 'none',
    writes: true,
  },
  'GET /candidates': { official: [200, 404], volunteer: [200, 404], bappeda: [200, 200], target: 'none' },
  'GET /candidates/{id}': {
    official: [200, 404],
    volunteer: [200, 404],
    bappeda: [200, 200],
    target: 'identified',
  },
  'PATCH /candidates/{id}': {
    official: [200, 404],
    volunteer: [403, 403],
    bappeda: [403, 403],
    target: 'identified',
    writes: true,
  },
  'POST /candidates/{id}/transitions': {
    official: [200, 404],
    volunteer: [200, 404],
    bappeda: [403, 403],
    target: 'identified',
    writes: true,
  },
  'POST /candidates/{id}/carry-over': {
    official: [201, 404],
    volunteer: [403, 403],
    bappeda: [201, 201],
    target: 'identified',
    writes: true,
  },
  'POST /candidates/{id}/school': {
    official: [403, 403],
    volunteer: [200, 404],
    bappeda: [403, 403],
    target: 'enrolled',
    writes: true,
  },
  'GET /candidates/{id}/history': {
    official: [200, 404],
    volunteer: [200, 404],
    bappeda: [200, 200],
    target: 'identified',
  },
  'POST /candidates/{id}/visits': {
    official: [403, 403],
    volunteer: [201, 404],
    bappeda: [403, 403],
    target: 'identified',
    writes: true,
  },
  'GET /candidates/{id}/visits': {
    official: [200, 404],
    volunteer: [200, 404],
    bappeda: [200, 200],
    target: 'identified',
  },
  'GET /reports/follow-up': {
    official: [403, 403],
    volunteer: [200, 404],
    bappeda: [200, 200],
    target: 'none',
  },
  'POST /candidates/{id}/apbd-place': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'waitlisted',
    writes: true,
  },
  'POST /candidates/{id}/disbursements': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [201, 201],
    target: 'enrolled',
    writes: true,
  },
  // Every test registration shares a name and birth date: a fresh record looks like the earlier ones.
  'POST /candidates/{id}/duplicate-review': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'identified',
    writes: true,
  },
  'GET /candidates/{id}/disbursements': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'paid',
  },
  'POST /candidates/{id}/disbursements/{disbursementId}/void': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'paid',
    writes: true,
  },
  'GET /candidates/{id}/export': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'identified',
    writes: true,
  },
  'POST /candidates/{id}/anonymise': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'identified',
    writes: true,
  },
  'POST /imports': {
    official: [200, 404],
    volunteer: [403, 403],
    bappeda: [403, 403],
    target: 'none',
    writes: true,
  },
  'GET /imports/template': {
    official: [200, 200],
    volunteer: [403, 403],
    bappeda: [403, 403],
    target: 'none',
  },
  // Bappeda's, regency-wide: the scope of the caller names nothing here.
  'POST /disbursements/imports': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'enrolled',
    writes: true,
  },
  'GET /disbursements/imports/template': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'none',
  },
  'GET /reports/budget': { official: [403, 403], volunteer: [403, 403], bappeda: [200, 200], target: 'none' },
  'GET /reports/quota': { official: [403, 403], volunteer: [403, 403], bappeda: [200, 200], target: 'none' },
  'GET /reports/outcomes': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'none',
  },
  // Open data: anyone, with or without a token.
  'GET /reports/recipients': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'none',
  },
  'GET /audit': { official: [403, 403], volunteer: [403, 403], bappeda: [200, 200], target: 'none' },
  'GET /public/outcomes': { ...all(200), target: 'none' },
  'GET /data': { ...all(200), target: 'none' },
  // The guides and the paper form: the same for everyone, signed in or not; a topic redirects to its guide.
  'GET /panduan': { ...all(200), target: 'none' },
  'GET /panduan/{guide}': { ...all(200), target: 'none' },
  'GET /panduan/topik/{topic}': { ...all(302), target: 'none' },
  'GET /panduan/berkas/{file}': { ...all(200), target: 'none' },
  'GET /formulir': { ...all(200), target: 'none' },
  // The web app: a session cookie instead of a bearer token.
  // Bappeda's home is the budget page, a volunteer's the worklist, each served by its function.
  'GET /': { official: [200, 200], volunteer: [303, 303], bappeda: [303, 303], target: 'none' },
  'GET /kerja': { ...all(200), target: 'none' },
  // A kecamatan's worklist to print: the volunteer's own (another is 404, as on /pendampingan), any for Bappeda.
  'GET /kerja/cetak': { official: [403, 403], volunteer: [200, 404], bappeda: [200, 200], target: 'none' },
  'GET /pendampingan': { official: [403, 403], volunteer: [200, 200], bappeda: [200, 200], target: 'none' },
  'GET /calon/{id}/kunjungan': {
    official: [403, 403],
    volunteer: [200, 404],
    bappeda: [403, 403],
    target: 'identified',
  },
  'POST /calon/{id}/kunjungan': {
    official: [403, 403],
    volunteer: [303, 404],
    bappeda: [403, 403],
    target: 'identified',
    writes: true,
  },
  'GET /masuk': { ...all(200), target: 'none' },
  'POST /masuk': { ...all(303), target: 'none' },
  'GET /auth/callback': { ...all(401), target: 'none' },
  'POST /keluar': { ...all(303), target: 'none' },
  'GET /calon': { ...all(200), target: 'none' },
  'GET /calon/baru': { official: [200, 200], volunteer: [403, 403], bappeda: [403, 403], target: 'none' },
  'POST /calon/baru': {
    official: [303, 303],
    volunteer: [403, 403],
    bappeda: [403, 403],
    target: 'none',
    writes: true,
  },
  'GET /calon/{id}': {
    official: [200, 404],
    volunteer: [200, 404],
    bappeda: [200, 200],
    target: 'identified',
  },
  'GET /calon/{id}/ubah': {
    official: [200, 404],
    volunteer: [403, 403],
    bappeda: [403, 403],
    target: 'identified',
  },
  'POST /calon/{id}/ubah': {
    official: [303, 404],
    volunteer: [403, 403],
    bappeda: [403, 403],
    target: 'identified',
    writes: true,
  },
  'POST /calon/{id}/status': {
    official: [303, 404],
    volunteer: [303, 404],
    bappeda: [403, 403],
    target: 'identified',
    writes: true,
  },
  'POST /calon/{id}/bawa': {
    official: [303, 404],
    volunteer: [403, 403],
    bappeda: [303, 303],
    target: 'identified',
    writes: true,
  },
  'POST /calon/{id}/sekolah': {
    official: [403, 403],
    volunteer: [303, 404],
    bappeda: [403, 403],
    target: 'enrolled',
    writes: true,
  },
  'GET /calon/{id}/ekspor': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'identified',
    writes: true,
  },
  'POST /calon/{id}/anonimkan': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [303, 303],
    target: 'identified',
    writes: true,
  },
  'POST /calon/{id}/apbd': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [303, 303],
    target: 'waitlisted',
    writes: true,
  },
  'POST /calon/{id}/pembayaran': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [303, 303],
    target: 'enrolled',
    writes: true,
  },
  'GET /anggaran/penerima': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'none',
  },
  'GET /jejak': { official: [403, 403], volunteer: [403, 403], bappeda: [200, 200], target: 'none' },
  'GET /ganda': { official: [403, 403], volunteer: [403, 403], bappeda: [200, 200], target: 'none' },
  'POST /calon/{id}/ganda': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [303, 303],
    target: 'identified',
    writes: true,
  },
  'POST /calon/{id}/pembayaran/{disbursementId}/batal': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [303, 303],
    target: 'paid',
    writes: true,
  },
  'GET /program': { official: [403, 403], volunteer: [403, 403], bappeda: [200, 200], target: 'none' },
  'POST /program': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'none',
    writes: true,
  },
  'GET /program/bawa': { official: [403, 403], volunteer: [403, 403], bappeda: [200, 200], target: 'none' },
  'POST /program/bawa': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'none',
    writes: true,
  },
  'GET /anggaran': { official: [403, 403], volunteer: [403, 403], bappeda: [200, 200], target: 'none' },
  'GET /anggaran/unduh': { official: [403, 403], volunteer: [403, 403], bappeda: [200, 200], target: 'none' },
  'GET /capaian': { official: [403, 403], volunteer: [403, 403], bappeda: [200, 200], target: 'none' },
  'GET /capaian/unduh': { official: [403, 403], volunteer: [403, 403], bappeda: [200, 200], target: 'none' },
  'GET /kuota': { official: [403, 403], volunteer: [403, 403], bappeda: [200, 200], target: 'none' },
  'GET /impor': { official: [200, 200], volunteer: [403, 403], bappeda: [403, 403], target: 'none' },
  'POST /impor': {
    official: [200, 200],
    volunteer: [403, 403],
    bappeda: [403, 403],
    target: 'none',
    writes: true,
  },
  'POST /impor/kirim': {
    official: [400, 400],
    volunteer: [403, 403],
    bappeda: [403, 403],
    target: 'none',
    writes: true,
  },
  // Without a draft of the caller's own (the matrix has none): 404, as for another official's.
  'GET /impor/salah': { official: [404, 404], volunteer: [403, 403], bappeda: [403, 403], target: 'none' },
  'GET /impor/riwayat': { official: [403, 403], volunteer: [403, 403], bappeda: [200, 200], target: 'none' },
  'GET /impor/templat': { official: [200, 200], volunteer: [403, 403], bappeda: [403, 403], target: 'none' },
  'GET /anggaran/pembayaran': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'none',
  },
  'POST /anggaran/pembayaran': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'enrolled',
    writes: true,
  },
  // Without a draft of the caller's own: the form's 400, as for a draft expired or another's.
  'POST /anggaran/pembayaran/kirim': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [400, 400],
    target: 'none',
    writes: true,
  },
  'GET /anggaran/pembayaran/templat': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'none',
  },
  // Accounts: Bappeda only, whatever the scope (the target account is op-bentar).
  'GET /users': { official: [403, 403], volunteer: [403, 403], bappeda: [200, 200], target: 'none' },
  'POST /users': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [201, 201],
    target: 'none',
    writes: true,
  },
  'PATCH /users/{username}': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'none',
    writes: true,
  },
  'POST /users/imports': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'none',
    writes: true,
  },
  'GET /akun': { official: [403, 403], volunteer: [403, 403], bappeda: [200, 200], target: 'none' },
  'GET /akun/baru': { official: [403, 403], volunteer: [403, 403], bappeda: [200, 200], target: 'none' },
  'POST /akun/baru': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [303, 303],
    target: 'none',
    writes: true,
  },
  'GET /akun/unggah': { official: [403, 403], volunteer: [403, 403], bappeda: [200, 200], target: 'none' },
  'POST /akun/unggah': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'none',
    writes: true,
  },
  'POST /akun/unggah/kirim': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'none',
    writes: true,
  },
  'GET /akun/{username}': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [200, 200],
    target: 'none',
  },
  'POST /akun/{username}': {
    official: [403, 403],
    volunteer: [403, 403],
    bappeda: [303, 303],
    target: 'none',
    writes: true,
  },
};

/** An accounts sheet with its header and no row: enough to see who may send one. */
const ACCOUNT_SHEET = 'Username,Email,Nama,Peran,Kode Desa,Kode Kecamatan\n';

const DEMO_USER: Record<Role, string> = {
  official: 'op-banjaran',
  volunteer: 'fmpp-salem',
  bappeda: 'bappeda',
};
const SCHOOL = { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' };

let sys: TestSystem;
let serial = 1;
const tokens = {} as Record<Role, string>;
const sessions = {} as Record<Role, { cookie: string; csrf: string }>;

beforeAll(async () => {
  sys = await startTestSystem();
  tokens.bappeda = await sys.token('bappeda_staff');
  tokens.official = await sys.token('village_official', OWN.village);
  tokens.volunteer = await sys.token('fmpp_volunteer', OWN.district);
  // Quota 1: the first candidate of a village holds its place, the others wait. The next year
  // is configured too, to carry records over into.
  for (const year of [YEAR, YEAR + 1]) {
    expect(
      (await sys.request('PUT', `/programs/${year}`, { token: tokens.bappeda, body: { villageQuota: 1 } }))
        .status,
    ).toBe(200);
  }
  for (const village of [OWN.village, OTHER.village]) await registerIn(village);
  for (const role of ['official', 'volunteer', 'bappeda'] as Role[]) sessions[role] = await signIn(role);
}, 60_000);

async function registerIn(village: string): Promise<{ id: string; version: number }> {
  const res = await sys.request<{ id: string; version: number }>('POST', '/candidates', {
    token: await sys.token('village_official', village),
    body: registration(serial++, { villageCode: village }),
  });
  expect(res.status).toBe(201);
  return res.body;
}

type Made = { id: string; version: number; disbursementId?: string };

/** A fresh candidate in the village, in the state the route acts on. */
async function makeTarget(target: Target, village: string, district: string): Promise<Made | undefined> {
  if (target === 'none') return undefined;
  if (target === 'paid') {
    const enrolled = await makeTarget('enrolled', village, district);
    if (!enrolled) throw new Error('no enrolled target');
    const paid = await sys.request<{ id: string }>('POST', `/candidates/${enrolled.id}/disbursements`, {
      token: tokens.bappeda,
      body: { source: 'APBD', amount: 1000, paidAt: '2026-09-01', reference: `SP2D/${serial++}` },
      headers: { 'if-match': `"${enrolled.version}"` },
    });
    expect(paid.status).toBe(201);
    return { id: enrolled.id, version: enrolled.version + 1, disbursementId: paid.body.id };
  }
  if (target === 'waitlisted') return registerIn(village);
  if (target === 'identified') return registerIn(village);
  // Enrolled with a place of its own: an APBD place, then verified and enrolled.
  const waiting = await registerIn(village);
  const funded = await sys.request<{ id: string; version: number }>(
    'POST',
    `/candidates/${waiting.id}/apbd-place`,
    {
      token: tokens.bappeda,
      headers: { 'if-match': `"${waiting.version}"` },
    },
  );
  expect(funded.status).toBe(200);
  const volunteer = await sys.token('fmpp_volunteer', district);
  const move = (c: { id: string; version: number }, to: string, extra = {}) =>
    sys.request<{ id: string; version: number }>('POST', `/candidates/${c.id}/transitions`, {
      token: volunteer,
      body: { to, ...extra },
      headers: { 'if-match': `"${c.version}"` },
    });
  const verified = await move(funded.body, 'VERIFIED');
  const enrolled = await move(verified.body, 'ENROLLED', { school: SCHOOL });
  expect(enrolled.status).toBe(200);
  return enrolled.body;
}

const snapshot = async () => {
  const items: unknown[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []).filter((i) => !String(i.pk).startsWith('IMPORTDRAFT#')));
    start = page.LastEvaluatedKey;
  } while (start);
  return JSON.stringify(
    items.map((i) => JSON.stringify(i, (_, v) => (v instanceof Set ? [...v].sort() : v))).sort(),
  );
};

async function call(route: Route, role: Role, scope: typeof OWN, target: Made | undefined) {
  const path = route.path
    .replace('{id}', target?.id ?? '')
    .replace('{disbursementId}', target?.disbursementId ?? '')
    .replace('{code}', scope.village)
    .replace('{username}', 'op-bentar')
    .replace('{guide}', 'relawan')
    .replace('{topic}', 'cari')
    .replace('{file}', 'panduan-relawan.pdf')
    .replace('{year}', String(YEAR));
  const ifMatch: Record<string, string> = target ? { 'if-match': `"${target.version}"` } : {};
  if (route.auth === 'session') return callPage(route, role, scope, path, target);
  const token = route.auth === 'jwt' ? tokens[role] : undefined;
  const own = scope === OWN;
  const bodies: Record<string, unknown> = {
    putProgram: { villageQuota: 1 },
    registerCandidate: registration(serial++, { villageCode: scope.village }),
    correctCandidate: { phone: '081234567890' },
    transitionCandidate: { to: role === 'official' ? 'WITHDRAWN' : 'VERIFIED' },
    anonymiseCandidate: { reason: 'Permintaan orang tua' },
    voidDisbursement: { reason: 'Jumlah salah ketik' },
    reviewDuplicate: { decision: 'DIFFERENT_PERSON', note: 'Kembar' },
    carryOverCandidate: { year: YEAR + 1 },
    carryCohort: { fromYear: YEAR - 1 },
    recordVisit: { kind: 'HOME', outcome: 'ATTENDING' },
    createUser: {
      username: `akun-${serial++}`,
      email: `akun${serial++}@contoh.go.id`,
      role: 'bappeda_staff',
    },
    changeUser: { enabled: true },
    changeSchool: { school: { npsn: 'P9997333', name: 'PKBM Harapan Bangsa', level: 'PAKET_B' } },
    recordDisbursement: {
      source: 'APBD',
      amount: 1000,
      paidAt: '2026-09-01',
      reference: `SP2D/${serial++}`,
    },
  };
  const query: Record<string, string> = {
    listCandidates: `?village=${scope.village}`,
    importSurveyList: `?year=${YEAR}&dryRun=true${own ? '' : `&village=${scope.village}`}`,
    budgetReport: `?year=${YEAR}`,
    quotaReport: `?year=${YEAR}`,
    outcomesReport: `?year=${YEAR}`,
    recipientsReport: `?year=${YEAR}&source=APBD`,
    auditTrail: `?year=${YEAR}`,
    publicOutcomes: `?year=${YEAR}`,
    dataPage: `?year=${YEAR}`,
    followUpReport: `?year=${YEAR}&district=${scope.district}`,
    getVillage: `?year=${YEAR}`,
    carryCohort: '?dryRun=true',
  };
  if (route.operation === 'importPaymentSheet') {
    // A committed sheet of one payment to the target (an enrolled learner of the scope).
    const res = await sys.gateway.handle({
      method: 'POST',
      url: `${path}?year=${YEAR}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: `ID Calon,Sumber,Jumlah,Tanggal Bayar,Referensi\n${target?.id},APBD,1000,2026-09-01,SP2D/${serial++}\n`,
    });
    return res.status;
  }
  if (route.operation === 'importUsers') {
    const res = await sys.gateway.handle({
      method: 'POST',
      url: `${path}?dryRun=true`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: ACCOUNT_SHEET,
    });
    return res.status;
  }
  if (route.operation === 'importSurveyList') {
    const res = await sys.gateway.handle({
      method: 'POST',
      url: `${path}${query.importSurveyList}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: 'NIK,No KK,Nama Lengkap,Tanggal Lahir,Jenis Kelamin,Jalur,Status Sekolah,Pendidikan Terakhir,Kode Alasan,Persetujuan Oleh,Nama Pemberi Persetujuan\n',
    });
    return res.status;
  }
  const body = bodies[route.operation];
  const res = await sys.request(route.method, `${path}${query[route.operation] ?? ''}`, {
    ...(token ? { token } : {}),
    ...(body === undefined ? {} : { body }),
    headers: { ...ifMatch },
  });
  return res.status;
}

async function callPage(route: Route, role: Role, scope: typeof OWN, path: string, target: Made | undefined) {
  const { cookie, csrf } = sessions[role];
  const form: Record<string, Record<string, string>> = {
    signIn: { user: DEMO_USER[role] },
    signOut: {},
    registrationSubmit: registrationForm(
      serial,
      `Warga Matriks ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[serial++ % 26]}`,
    ),
    correctionSubmit: {},
    // Confirmed (the confirmation step itself is refused alike: web-confirm.test.ts).
    transitionSubmit: { to: role === 'official' ? 'WITHDRAWN' : 'VERIFIED', confirmed: '1', note: 'Pindah' },
    apbdSubmit: { confirmed: '1' },
    anonymiseSubmit: { reason: 'Permintaan orang tua', confirmed: '1' },
    voidSubmit: { reason: 'Jumlah salah ketik', confirmed: '1' },
    duplicateSubmit: { decision: 'DIFFERENT_PERSON', note: 'Kembar' },
    disbursementSubmit: {
      source: 'APBD',
      amount: '1000',
      paidAt: '2026-09-01',
      reference: `SP2D/${serial++}`,
    },
    programSubmit: { villageQuota: '1' },
    carryOverSubmit: { year: String(YEAR + 1), confirmed: '1' },
    schoolChangeSubmit: {
      'school.npsn': 'P9997333',
      'school.name': 'PKBM Harapan Bangsa',
      'school.level': 'PAKET_B',
    },
    // The dry run (no `confirm`): the matrix checks who may see it, not a whole cohort carried.
    cohortCarryOverSubmit: { fromYear: String(YEAR) },
    importCommit: { draft: 'no-such-draft' },
    paymentSheetCommit: { draft: 'no-such-draft' },
    visitSave: { kind: 'HOME', outcome: 'ATTENDING' },
    accountCreateSubmit: {
      username: `akun-web-${serial++}`,
      email: `akun-web${serial++}@contoh.go.id`,
      role: 'fmpp_volunteer',
      districtCode: OWN.district,
    },
    accountUploadCommit: { rows: ACCOUNT_SHEET },
    accountChangeSubmit: { action: 'enable' },
  };
  const values = {
    ...(form[route.operation] ?? {}),
    csrf,
    ...(target ? { version: String(target.version) } : {}),
  };
  if (route.operation === 'correctionSubmit' && target) {
    // Send the record's own values back, as the form does (read from the table: a GET of the
    // record would itself be recorded, and this cell checks that the refused write changes nothing).
    const c = (await readCandidate(target.id)) as unknown as Record<
      string,
      string | Record<string, string> | number
    >;
    Object.assign(values, {
      nik: String(c.nik),
      kk: String(c.kk),
      fullName: String(c.fullName),
      birthDate: String(c.birthDate),
      sex: String(c.sex),
      track: String(c.track),
      outOfSchoolType: String(c.outOfSchoolType),
      lastLevel: String(c.lastLevel),
      reasonCode: String(c.reasonCode),
      guardianName: String(c.guardianName),
      'consent.by': 'GUARDIAN',
      'consent.name': 'Tarsih',
      'consent.given': 'on',
    });
  }
  const headers: Record<string, string> = { host: 'localhost', cookie, origin: 'http://localhost' };
  if (['importCheck', 'paymentSheetCheck', 'accountUploadCheck'].includes(route.operation)) {
    const boundary = 'matrix';
    const csv =
      route.operation === 'importCheck'
        ? 'NIK,No KK,Nama Lengkap,Tanggal Lahir,Jenis Kelamin,Jalur,Status Sekolah,Pendidikan Terakhir,Kode Alasan,Persetujuan Oleh,Nama Pemberi Persetujuan\n'
        : route.operation === 'accountUploadCheck'
          ? ACCOUNT_SHEET
          : `ID Calon,Sumber,Jumlah,Tanggal Bayar,Referensi\n${target?.id},APBD,1000,2026-09-01,SP2D/${serial++}\n`;
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
    return (
      await sys.gateway.handle({
        method: 'POST',
        url: path,
        headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
      })
    ).status;
  }
  const query =
    route.operation === 'budgetDownload' ||
    route.operation === 'outcomesDownload' ||
    route.operation === 'recipientsDownload'
      ? `?year=${YEAR}&format=csv`
      : route.operation === 'outcomesPage'
        ? `?year=${YEAR}`
        : route.operation === 'worklistPrintPage'
          ? `?district=${scope.district}`
          : '';
  const res = await sys.gateway.handle({
    method: route.method,
    url: `${path}${query}`,
    headers:
      route.method === 'GET' ? headers : { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    ...(route.method === 'GET' ? {} : { body: new URLSearchParams(values).toString() }),
  });
  if (route.operation === 'signOut') sessions[role] = await signIn(role);
  return res.status;
}

/** Signs in as the role's demo user: the session cookie and its CSRF token. */
async function signIn(role: Role) {
  const cookie = await signInAs(sys, DEMO_USER[role]);
  return { cookie, csrf: await csrfOf(sys, cookie) };
}

describe('authorization matrix', () => {
  it('has an entry for every route of the route table, and none for a route that does not exist', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(keys.filter((k) => !MATRIX[k])).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !keys.includes(k))).toEqual([]);
  });

  const cells = routes.flatMap((route) =>
    (['official', 'volunteer', 'bappeda'] as Role[]).flatMap((role) =>
      (['own', 'other'] as const).map(
        (scope) => [`${route.method} ${route.path}`, role, scope, route] as const,
      ),
    ),
  );

  it.each(cells)('%s as %s, %s scope', async (key, role, scopeName, route) => {
    const entry = MATRIX[key];
    if (!entry) throw new Error(`no matrix entry for ${key}`);
    const scope = scopeName === 'own' ? OWN : OTHER;
    const expected = entry[role][scopeName === 'own' ? 0 : 1];
    const target = await makeTarget(entry.target, scope.village, scope.district);
    const before = entry.writes && expected >= 400 ? await snapshot() : undefined;
    expect(await call(route, role, scope, target)).toBe(expected);
    if (before !== undefined) expect(await snapshot(), 'a refused write changed the table').toBe(before);
  });
});
