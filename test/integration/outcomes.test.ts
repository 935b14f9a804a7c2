import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CandidateItem } from '../../shared/db/candidate-item.js';
import { db } from '../../shared/db/client.js';
import { PATHWAYS, SEXES, STATUSES } from '../../shared/domain/candidate.js';
import { REASON_CODES } from '../../shared/domain/outcomes.js';
import { TRACKS } from '../../shared/domain/program.js';
import { findVillage } from '../../shared/domain/regions.js';
import { parseCsv } from '../../shared/imports/csv.js';
import { IMPORT_LIMITS } from '../../shared/imports/read-file.js';
import { registration } from '../support/candidates.js';
import { seededRandom, testSeed } from '../support/random.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { getPage, signIn } from '../support/web.js';

/**
 * The outcome report against a recount of the records, after a seeded random mix of
 * registrations, transitions (drop-out and re-enrolment among them), school changes,
 * corrections, carry-overs and anonymisations, in every grouping; its CSV and XLSX against
 * its JSON.
 */
type Figures = {
  registered: number;
  byTrack: Record<string, number>;
  bySex: Record<string, number>;
  byStatus: Record<string, number>;
  everEnrolled: number;
  reEnrolled: number;
  byPathway: Record<string, number>;
  byReason: Record<string, number>;
};
type Row = Figures & { code: string | number; name: string };
type Report = { year: number | null; by: string; rows: Row[]; totals: Figures };
type Candidate = {
  id: string;
  version: number;
  status: string;
  year: number;
  villageCode: string;
  anonymisedAt: string | null;
};

const VILLAGES = ['33.29.01.2001', '33.29.01.2002', '33.29.02.2001', '33.29.02.2002', '33.29.03.2001'];
const LEVELS = ['SD', 'SMP', 'PAKET_B', 'PAKET_C', 'COURSE'] as const;
const NPSN: Record<(typeof LEVELS)[number], string> = {
  SD: '20325670',
  SMP: '20325671',
  PAKET_B: 'P9997333',
  PAKET_C: 'P9997334',
  COURSE: 'K5000001',
};

let sys: TestSystem;
let bappeda: string;
let serial = 1;
const seed = testSeed();

beforeAll(async () => {
  sys = await startTestSystem();
  bappeda = await sys.token('bappeda_staff');
  for (const year of [2026, 2027])
    expect(
      (await sys.request('PUT', `/programs/${year}`, { token: bappeda, body: { villageQuota: 3 } })).status,
    ).toBe(200);
});

const volunteerOf = (village: string) =>
  sys.token('fmpp_volunteer', findVillage(village)?.districtCode ?? '');
const officialOf = (village: string) => sys.token('village_official', village);

/** Every candidate item of the table. */
async function records(): Promise<CandidateItem[]> {
  const items: CandidateItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new ScanCommand({
        TableName: sys.tableName,
        FilterExpression: 'sk = :c',
        ExpressionAttributeValues: { ':c': 'CANDIDATE' },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...((page.Items ?? []) as CandidateItem[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The figures of some records, counted one by one (not the code under test). */
function recount(list: CandidateItem[]): Figures {
  const count = <K extends string | number>(keys: readonly K[], of: (c: CandidateItem) => K | undefined) =>
    Object.fromEntries(keys.map((k) => [String(k), list.filter((c) => of(c) === k).length]));
  return {
    registered: list.length,
    byTrack: count(TRACKS, (c) => c.track),
    bySex: count(SEXES, (c) => c.sex),
    byStatus: count(STATUSES, (c) => c.status),
    everEnrolled: list.filter((c) => c.school).length,
    reEnrolled: list.filter((c) => c.reEnrolled).length,
    byPathway: count(PATHWAYS, (c) => c.school?.level),
    byReason: count(REASON_CODES, (c) => c.reasonCode),
  };
}

async function mix() {
  const random = seededRandom(seed);
  const made: Candidate[] = [];
  for (const year of [2026, 2027])
    for (const village of VILLAGES)
      for (let i = 0; i < 3; i++) {
        const res = await sys.request<Candidate>('POST', '/candidates', {
          token: await officialOf(village),
          body: registration(serial++, {
            year,
            villageCode: village,
            reasonCode: random.int(1, 11),
            ...(random.next() < 0.4 ? { sex: 'M', track: 'DTS' } : {}),
          }),
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        made.push(res.body);
      }
  // One learner certainly drops out, comes back and changes school; the rest is random.
  let sure = made[0] as Candidate;
  const volunteer = await volunteerOf(sure.villageCode);
  for (const [path, body] of [
    ['transitions', { to: 'VERIFIED' }],
    ['transitions', { to: 'ENROLLED', school: { npsn: NPSN.SMP, name: 'SMP', level: 'SMP' } }],
    ['transitions', { to: 'DROPPED_OUT' }],
    ['transitions', { to: 'ENROLLED', school: { npsn: NPSN.PAKET_B, name: 'PKBM', level: 'PAKET_B' } }],
    ['school', { school: { npsn: NPSN.COURSE, name: 'LKP', level: 'COURSE' } }],
  ] as const) {
    const res = await sys.request<Candidate>('POST', `/candidates/${sure.id}/${path}`, {
      token: volunteer,
      body,
      headers: { 'if-match': `"${sure.version}"` },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    sure = res.body;
  }
  const next: Record<string, string[]> = {
    IDENTIFIED: ['VERIFIED', 'WITHDRAWN', 'INELIGIBLE'],
    VERIFIED: ['ENROLLED', 'ENROLLED'],
    ENROLLED: ['ACTIVE', 'DROPPED_OUT', 'SCHOOL'],
    ACTIVE: ['COMPLETED', 'DROPPED_OUT', 'SCHOOL'],
    DROPPED_OUT: ['ENROLLED'],
  };
  for (let step = 0; step < 90; step++) {
    const picked = random.pick(made) as Candidate;
    const res = await sys.request<Candidate>('GET', `/candidates/${picked.id}`, { token: bappeda });
    const c = res.body;
    const roll = random.next();
    const village = c.villageCode;
    const ifMatch = { 'if-match': `"${c.version}"` };
    if (roll < 0.07 && c.status === 'IDENTIFIED' && !c.anonymisedAt) {
      const corrected = await sys.request('PATCH', `/candidates/${c.id}`, {
        token: await officialOf(village),
        body: { reasonCode: random.int(1, 11), sex: random.pick(['M', 'F']) },
        headers: ifMatch,
      });
      expect(corrected.status).toBe(200);
    } else if (roll < 0.12 && c.year === 2026 && ['IDENTIFIED', 'VERIFIED'].includes(c.status)) {
      const carried = await sys.request<Candidate>('POST', `/candidates/${c.id}/carry-over`, {
        token: await officialOf(village),
        body: { year: 2027 },
        headers: ifMatch,
      });
      if (carried.status === 201) made.push(carried.body);
    } else if (roll < 0.16) {
      const anonymised = await sys.request('POST', `/candidates/${c.id}/anonymise`, {
        token: bappeda,
        body: { reason: 'Permintaan keluarga' },
        headers: ifMatch,
      });
      expect([200, 409]).toContain(anonymised.status);
    } else {
      const move = random.pick(next[c.status] ?? []);
      if (!move) continue;
      const level = random.pick(LEVELS) ?? 'SMP';
      const school = { npsn: NPSN[level], name: `Sekolah ${level}`, level };
      const res2 =
        move === 'SCHOOL'
          ? await sys.request('POST', `/candidates/${c.id}/school`, {
              token: await volunteerOf(village),
              body: { school },
              headers: ifMatch,
            })
          : await sys.request('POST', `/candidates/${c.id}/transitions`, {
              token: await volunteerOf(village),
              body: { to: move, ...(move === 'ENROLLED' ? { school } : {}) },
              headers: ifMatch,
            });
      // Refused moves (no place, the same school again) change nothing, as any refusal.
      expect([200, 400, 409], `seed ${seed}: ${move}`).toContain(res2.status);
    }
  }
}

describe('the outcome report', () => {
  it('equals a recount of the records in every grouping after a random mix of everything that changes them', async () => {
    await mix();
    const all = await records();
    expect(all.filter((c) => c.reEnrolled).length).toBeGreaterThan(0);
    for (const year of [2026, 2027]) {
      const cohort = all.filter((c) => c.year === year);
      for (const by of ['district', 'village'] as const) {
        const res = await sys.request<Report>('GET', `/reports/outcomes?year=${year}&by=${by}`, {
          token: bappeda,
        });
        expect(res.status).toBe(200);
        const key = (c: CandidateItem) => (by === 'village' ? c.villageCode : c.districtCode);
        for (const row of res.body.rows)
          expect(row, `seed ${seed}, ${year} ${by} ${row.code}`).toMatchObject(
            recount(cohort.filter((c) => key(c) === row.code)),
          );
        expect(res.body.totals, `seed ${seed}, ${year}`).toEqual(recount(cohort));
      }
    }
    const byYear = await sys.request<Report>('GET', '/reports/outcomes?year=2026&by=year', {
      token: bappeda,
    });
    expect(byYear.body.rows.map((r) => r.code)).toEqual([2026, 2027]);
    for (const row of byYear.body.rows)
      expect(row).toMatchObject(recount(all.filter((c) => c.year === row.code)));
    expect(byYear.body.totals).toEqual(recount(all));
  });

  it('gives the same figures as CSV and as a workbook with a title, the date and an explanation of each column', async () => {
    const json = (
      await sys.request<Report>('GET', '/reports/outcomes?year=2026&by=district', { token: bappeda })
    ).body;
    const flat = (f: Figures) => [
      f.registered,
      f.byTrack.ATS,
      f.byTrack.DTS,
      f.bySex.M,
      f.bySex.F,
      ...STATUSES.map((s) => f.byStatus[s]),
      f.everEnrolled,
      f.reEnrolled,
      ...PATHWAYS.map((p) => f.byPathway[p]),
      ...REASON_CODES.map((n) => f.byReason[String(n)]),
    ];
    const csv = await sys.request('GET', '/reports/outcomes?year=2026&by=district', {
      token: bappeda,
      headers: { accept: 'text/csv' },
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = parseCsv(csv.text.replace(/^\uFEFF/, ''), IMPORT_LIMITS).map((r) => r.cells);
    expect(rows[0]?.slice(0, 5)).toEqual([
      'Kode kecamatan',
      'Kecamatan',
      'Terdaftar',
      'Anak (ATS)',
      'Dewasa (DTS)',
    ]);
    for (const [i, row] of json.rows.entries()) expect(rows[i + 1]?.slice(2).map(Number)).toEqual(flat(row));
    expect(rows.at(-1)?.slice(2).map(Number)).toEqual(flat(json.totals));

    const xlsx = await sys.gateway.handle({
      method: 'GET',
      url: '/reports/outcomes?year=2026&by=district&format=xlsx',
      headers: { authorization: `Bearer ${bappeda}` },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Capaian GKB 2026 per kecamatan', 'Penjelasan']);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.getRow(1).getCell(1).value).toBe('Capaian GKB 2026 per kecamatan');
    expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/^Dibuat \d{1,2} [A-Z][a-z]+ \d{4}$/);
    const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(3);
    for (const [i, row] of json.rows.entries()) expect(values(5 + i)).toEqual(flat(row));
    expect(values(5 + json.rows.length)).toEqual(flat(json.totals));
    expect(typeof sheet.getRow(5).getCell(3).value).toBe('number');
    const explained = workbook.worksheets[1] as ExcelJS.Worksheet;
    expect(explained.rowCount).toBe(1 + 2 + flat(json.totals).length);
    expect(String(explained.getRow(2 + 3).getCell(2).value)).toContain('jalur anak');
  });

  it('is Bappeda' + "'s only, and names what it does not know", async () => {
    for (const token of [
      await sys.token('village_official', VILLAGES[0]),
      await sys.token('fmpp_volunteer', '33.29.01'),
    ])
      expect((await sys.request('GET', '/reports/outcomes?year=2026', { token })).status).toBe(403);
    expect(
      (await sys.request('GET', '/reports/outcomes?year=2026&by=dusun', { token: bappeda })).status,
    ).toBe(400);
    expect((await sys.request('GET', '/reports/outcomes?year=2031', { token: bappeda })).status).toBe(409);
  });
});

describe('the Capaian page', () => {
  it("shows Bappeda the cohort's figures and offers the same report to download", async () => {
    const cookie = await signIn(sys, 'bappeda');
    const json = (
      await sys.request<Report>('GET', '/reports/outcomes?year=2026&by=district', { token: bappeda })
    ).body;
    const page = await getPage(sys, '/capaian?year=2026', cookie);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain(
      `${json.totals.registered.toLocaleString('id-ID')} orang terdaftar`,
    );
    const file = await getPage(sys, '/capaian/unduh?year=2026&by=village&format=xlsx', cookie);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toContain('capaian-gkb-2026-desa.xlsx');
    expect((await getPage(sys, '/capaian', await signIn(sys, 'fmpp-salem'))).status).toBe(403);
  });
});
