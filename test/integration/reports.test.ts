import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { districts, villages } from '../../shared/domain/regions.js';
import { registration } from '../support/candidates.js';
import { seededRandom, testSeed } from '../support/random.js';
import { listEveryCandidate, startTestSystem, type TestSystem } from '../support/system.js';

type Funding = {
  village: string;
  apbd: { amount: number; disbursed: number } | null;
  apbdes: { amount: number; disbursed: number } | null;
};
type Candidate = {
  id: string;
  status: string;
  version: number;
  villageCode: string;
  districtCode: string;
  funding: Funding;
};
type Money = { reserved: number; committed: number; disbursed: number };
type Row = {
  code: string;
  name: string;
  registered: number;
  funded: number;
  waitlisted: number;
  byStatus: Record<string, number>;
  apbdes: Money;
  apbd: Money & { places: number };
};
type Report = {
  year: number;
  totals: Omit<Row, 'code' | 'name' | 'apbd'> & {
    apbd: Money & { ceiling: number; places: number; placesUsed: number };
  };
  rows: Row[];
};

const YEAR = 2026;
const QUOTA = 3;
const VILLAGES = ['33.29.01.2001', '33.29.01.2002', '33.29.02.2001'];
const SCHOOL = { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' };
const RESERVED = ['IDENTIFIED', 'VERIFIED'];
const COMMITTED = ['ENROLLED', 'ACTIVE', 'COMPLETED', 'DROPPED_OUT'];
const NEXT: Record<string, string[]> = {
  IDENTIFIED: ['VERIFIED', 'INELIGIBLE', 'WITHDRAWN'],
  VERIFIED: ['ENROLLED', 'INELIGIBLE', 'WITHDRAWN'],
  ENROLLED: ['ACTIVE', 'DROPPED_OUT'],
  ACTIVE: ['COMPLETED', 'DROPPED_OUT'],
  DROPPED_OUT: ['ENROLLED'],
};

let sys: TestSystem;
let bappeda: string;

beforeAll(async () => {
  sys = await startTestSystem();
  bappeda = await sys.token('bappeda_staff');
  const put = await sys.request('PUT', `/programs/${YEAR}`, {
    token: bappeda,
    body: { villageQuota: QUOTA, apbdPlaces: 7, apbdCeiling: 10_000_000 },
  });
  expect(put.status).toBe(200);
});

const everyCandidate = () => listEveryCandidate<Candidate>(sys, bappeda, `year=${YEAR}`);

/** The report's numbers computed independently, from the candidates themselves. */
function recount(candidates: Candidate[]) {
  const money = (source: 'apbdes' | 'apbd', statuses: string[]) =>
    candidates
      .filter((c) => statuses.includes(c.status))
      .reduce((sum, c) => sum + (c.funding[source]?.amount ?? 0), 0);
  const paid = (source: 'apbdes' | 'apbd') =>
    candidates.reduce((sum, c) => sum + (c.funding[source]?.disbursed ?? 0), 0);
  return {
    registered: candidates.length,
    funded: candidates.filter((c) => c.funding.village === 'FUNDED').length,
    waitlisted: candidates.filter((c) => c.funding.village === 'WAITLISTED').length,
    apbdes: {
      reserved: money('apbdes', RESERVED),
      committed: money('apbdes', COMMITTED),
      disbursed: paid('apbdes'),
    },
    apbd: {
      placesUsed: candidates.filter((c) => c.funding.apbd).length,
      reserved: money('apbd', RESERVED),
      committed: money('apbd', COMMITTED),
      disbursed: paid('apbd'),
    },
  };
}

const budget = async (by: 'district' | 'village') =>
  (await sys.request<Report>('GET', `/reports/budget?year=${YEAR}&by=${by}`, { token: bappeda })).body;

describe('budget report after random traffic', () => {
  it('equals an independent recount from every candidate, to the rupiah', async () => {
    const seed = testSeed();
    const random = seededRandom(seed);
    let serial = 1;
    let known: Candidate[] = [];
    const volunteerOf = (c: Candidate) => sys.token('fmpp_volunteer', c.districtCode);
    for (let round = 0; round < 10; round++) {
      const ops = Array.from({ length: random.int(4, 9) }, async () => {
        const roll = random.next();
        const c = random.pick(known);
        const ifMatch = { 'if-match': `"${c?.version}"` };
        if (roll < 0.35 || !c) {
          const village = random.pick(VILLAGES) ?? VILLAGES[0];
          return sys.request('POST', '/candidates', {
            token: await sys.token('village_official', village ?? ''),
            body: registration(serial++, { villageCode: village }),
          });
        }
        if (roll < 0.7) {
          const to = random.pick(NEXT[c.status] ?? []);
          if (!to) return undefined;
          return sys.request('POST', `/candidates/${c.id}/transitions`, {
            token: await volunteerOf(c),
            body: { to, ...(to === 'ENROLLED' ? { school: SCHOOL } : {}) },
            headers: ifMatch,
          });
        }
        if (roll < 0.85)
          return sys.request('POST', `/candidates/${c.id}/apbd-place`, { token: bappeda, headers: ifMatch });
        const source = c.funding.apbd ? 'APBD' : 'APBDES';
        return sys.request('POST', `/candidates/${c.id}/disbursements`, {
          token: bappeda,
          headers: ifMatch,
          body: {
            source,
            amount: random.int(1, 2_000_000),
            paidAt: '2026-09-01',
            reference: `SP2D/${round}/${serial++}`,
          },
        });
      });
      for (const r of await Promise.all(ops)) {
        if (r) expect([200, 201, 400, 409, 412], `seed ${seed}: ${r.text}`).toContain(r.status);
        if (r?.status === 400) expect(JSON.stringify(r.body), `seed ${seed}`).toContain('reference');
      }
      known = await everyCandidate();
    }

    const expected = recount(known);
    const { totals, rows } = await budget('village');
    expect(totals, `seed ${seed}`).toMatchObject({
      registered: expected.registered,
      funded: expected.funded,
      waitlisted: expected.waitlisted,
      apbdes: expected.apbdes,
      apbd: { ...expected.apbd, ceiling: 10_000_000, places: 7 },
    });
    for (const code of VILLAGES) {
      const own = recount(known.filter((c) => c.villageCode === code));
      const row = rows.find((r) => r.code === code);
      expect(row?.apbdes, `seed ${seed} ${code}`).toEqual(own.apbdes);
      expect(row?.apbd, `seed ${seed} ${code}`).toEqual({
        places: own.apbd.placesUsed,
        reserved: own.apbd.reserved,
        committed: own.apbd.committed,
        disbursed: own.apbd.disbursed,
      });
    }
    for (const c of known) {
      for (const source of ['apbdes', 'apbd'] as const) {
        const f = c.funding[source];
        if (f) expect(f.disbursed).toBeLessThanOrEqual(COMMITTED.includes(c.status) ? f.amount : 0);
      }
    }
    expect(totals.apbd.reserved + totals.apbd.committed).toBeLessThanOrEqual(10_000_000);
  }, 60_000);
});

describe('report shapes', () => {
  it('has every kecamatan and village as a row, and totals equal to the sum of rows', async () => {
    for (const [by, expectedRows] of [
      ['district', districts.map((d) => d.code)],
      ['village', villages.map((v) => v.code)],
    ] as const) {
      const report = await budget(by);
      expect(report.rows.map((r) => r.code)).toEqual(expectedRows);
      const sum = (pick: (r: Row) => number) => report.rows.reduce((s, r) => s + pick(r), 0);
      expect(report.totals.registered).toBe(sum((r) => r.registered));
      expect(report.totals.funded).toBe(sum((r) => r.funded));
      expect(report.totals.waitlisted).toBe(sum((r) => r.waitlisted));
      expect(report.totals.apbdes).toEqual({
        reserved: sum((r) => r.apbdes.reserved),
        committed: sum((r) => r.apbdes.committed),
        disbursed: sum((r) => r.apbdes.disbursed),
      });
      expect(report.totals.apbd.placesUsed).toBe(sum((r) => r.apbd.places));
      expect(report.totals.apbd.committed).toBe(sum((r) => r.apbd.committed));
      for (const status of Object.keys(report.totals.byStatus)) {
        expect(report.totals.byStatus[status]).toBe(sum((r) => r.byStatus[status] ?? 0));
      }
    }
  });

  it('gives the same numbers as CSV that Excel opens (BOM, Indonesian header, plain integers)', async () => {
    const json = await budget('district');
    const res = await sys.request('GET', `/reports/budget?year=${YEAR}&by=district`, {
      token: bappeda,
      headers: { accept: 'text/csv' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('anggaran-gkb-2026-kecamatan.csv');
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const lines = res.text
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(';'));
    const [header, ...body] = lines;
    expect(header?.slice(0, 5)).toEqual([
      'Kode kecamatan',
      'Kecamatan',
      'Jumlah calon',
      'Tempat desa terisi',
      'Daftar tunggu',
    ]);
    expect(body).toHaveLength(18);
    const col = (name: string) => header?.indexOf(name) ?? -1;
    for (const [i, row] of json.rows.entries()) {
      const line = body[i] ?? [];
      expect(line[0]).toBe(row.code);
      expect(Number(line[col('Jumlah calon')])).toBe(row.registered);
      expect(Number(line[col('APBDes dialokasikan (Rp)')])).toBe(row.apbdes.committed);
      expect(Number(line[col('APBD dicairkan (Rp)')])).toBe(row.apbd.disbursed);
    }
    const total = body.at(-1) ?? [];
    expect(total[0]).toBe('TOTAL');
    expect(Number(total[col('APBDes dicadangkan (Rp)')])).toBe(json.totals.apbdes.reserved);
    expect(res.text).not.toMatch(/\d\.\d{3}/); // no thousands separators
  });

  it('gives the same numbers as an XLSX workbook with numbers, rupiah format and a totals row', async () => {
    const json = await budget('village');
    const res = await sys.gateway.handle({
      method: 'GET',
      url: `/reports/budget?year=${YEAR}&by=village`,
      headers: {
        authorization: `Bearer ${bappeda}`,
        accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('the workbook has no sheet');
    expect(sheet.rowCount).toBe(1 + 297 + 1);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const reservedCol = col('APBDes dicadangkan (Rp)');
    for (const [i, row] of json.rows.entries()) {
      const cells = sheet.getRow(i + 2);
      expect(cells?.getCell(1).value).toBe(row.code);
      expect(cells?.getCell(col('Jumlah calon')).value).toBe(row.registered);
      expect(cells?.getCell(reservedCol).value).toBe(row.apbdes.reserved);
    }
    const totals = sheet.getRow(299);
    expect(totals?.getCell(1).value).toBe('TOTAL');
    expect(totals?.getCell(reservedCol).value).toBe(json.totals.apbdes.reserved);
    expect(typeof totals?.getCell(reservedCol).value).toBe('number');
    expect(totals?.getCell(reservedCol).numFmt).toContain('Rp');
    expect(totals?.getCell(1).font?.bold).toBe(true);
  });

  it('lists villages below quota with their shortfall, sorted by kecamatan', async () => {
    const res = await sys.request<{
      quota: number;
      villages: { code: string; districtCode: string; funded: number; shortfall: number }[];
    }>('GET', `/reports/quota?year=${YEAR}`, { token: bappeda });
    expect(res.status).toBe(200);
    const { villages: below } = res.body;
    const budgetRows = (await budget('village')).rows;
    const expectedCodes = budgetRows.filter((r) => r.funded < QUOTA).map((r) => r.code);
    expect(below.map((v) => v.code)).toEqual(expectedCodes);
    expect(below.length).toBeGreaterThan(290);
    expect(below.every((v) => v.shortfall === QUOTA - v.funded && v.shortfall > 0)).toBe(true);
    const order = below.map((v) => `${v.districtCode}|${v.code}`);
    expect([...order].sort()).toEqual(order);
    const csv = await sys.request('GET', `/reports/quota?year=${YEAR}&format=csv`, { token: bappeda });
    expect(csv.text.split('\r\n')[0]).toContain('Kekurangan');
  });

  it('is for Bappeda only, and for configured years', async () => {
    for (const token of [
      await sys.token('village_official', VILLAGES[0]),
      await sys.token('fmpp_volunteer', '33.29.01'),
    ]) {
      expect((await sys.request('GET', `/reports/budget?year=${YEAR}`, { token })).status).toBe(403);
      expect((await sys.request('GET', `/reports/quota?year=${YEAR}`, { token })).status).toBe(403);
    }
    const missing = await sys.request<{ error: { code: string } }>('GET', '/reports/budget?year=2040', {
      token: bappeda,
    });
    expect(missing.body.error.code).toBe('PROGRAM_NOT_CONFIGURED');
    expect(
      (await sys.request('GET', `/reports/budget?year=${YEAR}&by=desa`, { token: bappeda })).status,
    ).toBe(400);
  });
});
