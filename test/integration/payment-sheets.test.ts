import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../shared/db/audit.js';
import { db } from '../../shared/db/client.js';
import { listImports } from '../../shared/db/import-log.js';
import { type Enrolled, enrolledLearner, paymentCsv, type SheetRow } from '../support/payment-sheet.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

type Report = {
  summary: {
    rows: number;
    ok: number;
    errors: number;
    duplicates: number;
    okAmount: number;
    recorded: number;
    recordedAmount: number;
  };
  rows: {
    row: number;
    status: string;
    candidateId: string | null;
    disbursementId: string | null;
    messages: { column: string; message: string }[];
  }[];
};
type ErrorBody = { error: { code: string; details: { field: string; message: string }[] } };
type BudgetRow = { code: string; apbdes: { disbursed: number }; apbd: { disbursed: number } };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const YEAR = 2026;
const VILLAGE = '33.29.03.2001';
const RACE_VILLAGE = '33.29.04.2001';

let sys: TestSystem;
let bappeda: string;
let serial = 1;
let a: Enrolled;
let b: Enrolled;
let c: Enrolled;
let notEnrolled: { id: string };

const caller = () => ({
  request: (method: string, url: string, options: Parameters<TestSystem['request']>[2]) =>
    sys.request(method, url, options),
  token: (role: 'village_official' | 'fmpp_volunteer', scope: string) => sys.token(role, scope),
});

beforeAll(async () => {
  sys = await startTestSystem();
  bappeda = await sys.token('bappeda_staff');
  expect((await sys.request('PUT', `/programs/${YEAR}`, { token: bappeda, body: {} })).status).toBe(200);
  [a, b, c] = [
    await enrolledLearner(caller(), YEAR, VILLAGE, serial++),
    await enrolledLearner(caller(), YEAR, VILLAGE, serial++),
    await enrolledLearner(caller(), YEAR, VILLAGE, serial++),
  ] as [Enrolled, Enrolled, Enrolled];
  const registered = await sys.request<{ id: string }>('POST', '/candidates', {
    token: await sys.token('village_official', VILLAGE),
    body: { ...(await import('../support/candidates.js')).registration(serial++), villageCode: VILLAGE },
  });
  notEnrolled = registered.body;
  // A payment recorded one at a time before the sheet: its reference is taken for c.
  const single = await sys.request('POST', `/candidates/${c.id}/disbursements`, {
    token: bappeda,
    body: { source: 'APBDES', amount: 100_000, paidAt: '2026-07-15', reference: 'SP2D/LAMA' },
    headers: { 'if-match': `"${c.version}"` },
  });
  expect(single.status).toBe(201);
}, 60_000);

const upload = (body: Uint8Array | string, query: string, contentType = 'text/csv', headers = {}) =>
  sys.gateway
    .handle({
      method: 'POST',
      url: `/disbursements/imports?${query}`,
      headers: { authorization: `Bearer ${bappeda}`, 'content-type': contentType, ...headers },
      body: Buffer.from(body),
    })
    .then((r) => ({
      status: r.status,
      text: r.body.toString(),
      body: JSON.parse(r.body.toString()) as Report & ErrorBody,
    }));

const villageMoney = async (code: string) => {
  const report = await sys.request<{ rows: BudgetRow[] }>('GET', `/reports/budget?year=${YEAR}&by=village`, {
    token: bappeda,
  });
  return report.body.rows.find((r) => r.code === code) as BudgetRow;
};

const paid = async (id: string) =>
  (
    await sys.request<{ funding: { apbdes: { disbursed: number } | null } }>('GET', `/candidates/${id}`, {
      token: bappeda,
    })
  ).body.funding.apbdes?.disbursed;

/** The sheet of the first tests: every kind of row, written out by hand with what it must give. */
const sheet = (): [SheetRow, string, string[]][] => [
  [
    {
      'ID Calon': a.id,
      Sumber: 'APBDES',
      Jumlah: '1000000',
      'Tanggal Bayar': '2026-08-01',
      Referensi: 'SP2D/001',
    },
    'OK',
    [],
  ],
  [
    {
      NIK: b.nik,
      Sumber: 'apbdes',
      Jumlah: 'Rp 1.500.000',
      'Tanggal Bayar': '01-08-2026',
      Referensi: 'SP2D/002',
    },
    'OK',
    [],
  ],
  // What is left of a's commitment after row 2: Rp 500,000.
  [
    {
      'ID Calon': a.id,
      Sumber: 'APBDES',
      Jumlah: '600000',
      'Tanggal Bayar': '2026-08-02',
      Referensi: 'SP2D/003',
    },
    'ERROR',
    ['Jumlah'],
  ],
  [
    {
      'ID Calon': a.id,
      Sumber: 'APBDES',
      Jumlah: '500000',
      'Tanggal Bayar': '2026-08-02',
      Referensi: 'SP2D/001',
    },
    'DUPLICATE',
    ['Referensi'],
  ],
  [
    { 'ID Calon': c.id, Sumber: 'APBD', Jumlah: '100', 'Tanggal Bayar': '2026-08-01', Referensi: 'SP2D/004' },
    'ERROR',
    ['Jumlah'],
  ],
  [
    {
      'ID Calon': c.id,
      Sumber: 'APBDES',
      Jumlah: '100',
      'Tanggal Bayar': '2099-01-01',
      Referensi: 'SP2D/005',
    },
    'ERROR',
    ['Tanggal Bayar'],
  ],
  [
    { 'ID Calon': c.id, Sumber: 'BOS', Jumlah: '100', 'Tanggal Bayar': '2026-08-01', Referensi: 'SP2D/006' },
    'ERROR',
    ['Sumber'],
  ],
  [
    {
      NIK: '3329014507109999',
      Sumber: 'APBDES',
      Jumlah: '100',
      'Tanggal Bayar': '2026-08-01',
      Referensi: 'X/1',
    },
    'ERROR',
    ['NIK'],
  ],
  [
    {
      'ID Calon': notEnrolled.id,
      Sumber: 'APBDES',
      Jumlah: '100',
      'Tanggal Bayar': '2026-08-01',
      Referensi: 'X/2',
    },
    'ERROR',
    ['Jumlah'],
  ],
  [
    {
      'ID Calon': c.id,
      Sumber: 'APBDES',
      Jumlah: '100',
      'Tanggal Bayar': '2026-08-01',
      Referensi: '<script>',
    },
    'ERROR',
    ['Referensi'],
  ],
  [
    {
      'ID Calon': a.id,
      NIK: b.nik,
      Sumber: 'APBDES',
      Jumlah: '1',
      'Tanggal Bayar': '2026-08-01',
      Referensi: 'X/3',
    },
    'ERROR',
    ['NIK'],
  ],
  [
    {
      'ID Calon': c.id,
      Sumber: 'APBDES',
      Jumlah: '500.000',
      'Tanggal Bayar': '2026-08-01',
      Referensi: 'SP2D/008',
    },
    'OK',
    [],
  ],
  // Recorded one at a time before (APBDES), and the same reference from the other source.
  [
    {
      'ID Calon': c.id,
      Sumber: 'APBDES',
      Jumlah: '1',
      'Tanggal Bayar': '2026-08-01',
      Referensi: 'SP2D/LAMA',
    },
    'DUPLICATE',
    ['Referensi'],
  ],
  [
    { 'ID Calon': c.id, Sumber: 'APBD', Jumlah: '1', 'Tanggal Bayar': '2026-08-01', Referensi: 'SP2D/LAMA' },
    'DUPLICATE',
    ['Referensi'],
  ],
  [
    {
      'ID Calon': 'BUKAN-ID',
      Sumber: 'APBDES',
      Jumlah: '1',
      'Tanggal Bayar': '2026-08-01',
      Referensi: 'X/4',
    },
    'ERROR',
    ['ID Calon'],
  ],
  [
    { Sumber: 'APBDES', Jumlah: 'satu juta', 'Tanggal Bayar': '31/02/2026', Referensi: 'X/5' },
    'ERROR',
    ['ID Calon', 'Jumlah', 'Tanggal Bayar'],
  ],
];

describe('a payment sheet', () => {
  it('checks every row in file order, naming the column, and a dry run writes nothing', async () => {
    const before = await villageMoney(VILLAGE);
    const rows = sheet();
    const res = await upload(paymentCsv(rows.map(([r]) => r)), `year=${YEAR}&dryRun=true`);
    expect(res.status).toBe(200);
    expect(
      res.body.rows.map((r) => [r.row, r.status, [...new Set(r.messages.map((m) => m.column))]]),
    ).toEqual(rows.map(([, status, columns], i) => [i + 2, status, columns]));
    expect(res.body.summary).toEqual({
      rows: 16,
      ok: 3,
      errors: 10,
      duplicates: 3,
      okAmount: 3_000_000,
      recorded: 0,
      recordedAmount: 0,
    });
    const message = (row: number) =>
      res.body.rows
        .find((r) => r.row === row)
        ?.messages.map((m) => m.message)
        .join(' ');
    expect(message(4)).toContain('Rp 500.000');
    expect(message(5)).toBe('Calon dan referensi sama dengan baris 2; baris ini tidak dicatat.');
    expect(message(6)).toContain('Belum ada komitmen APBD');
    expect(message(9)).toBe('Tidak ada calon dengan NIK berakhiran 9999 pada tahun program 2026.');
    expect(message(14)).toContain('sudah tercatat');
    expect(res.body.rows[1]?.candidateId).toBe(b.id);
    // No NIK in the answer, whole: a row's NIK is named by its last four digits only.
    expect(res.text).not.toMatch(/\d{16}/);
    expect(res.body.rows.every((r) => r.disbursementId === null)).toBe(true);
    expect(await villageMoney(VILLAGE)).toEqual(before);
    expect(await paid(a.id)).toBe(0);
  });

  it('speaks English when asked', async () => {
    const res = await upload(paymentCsv(sheet().map(([r]) => r)), `year=${YEAR}&dryRun=true`, 'text/csv', {
      'accept-language': 'en',
    });
    expect(res.body.rows[3]?.messages[0]?.message).toBe(
      'Same candidate and reference as row 2; the row is not recorded.',
    );
  });

  it('records the OK rows as payments with their audit entries; the same sheet again records nothing new', async () => {
    const before = await villageMoney(VILLAGE);
    const csv = paymentCsv(sheet().map(([r]) => r));
    const first = await upload(csv, `year=${YEAR}`);
    expect(first.status).toBe(200);
    expect(first.body.summary).toMatchObject({ ok: 3, recorded: 3, recordedAmount: 3_000_000 });
    expect(first.body.rows.filter((r) => r.disbursementId).map((r) => r.row)).toEqual([2, 3, 13]);
    expect([await paid(a.id), await paid(b.id), await paid(c.id)]).toEqual([1_000_000, 1_500_000, 600_000]);
    expect((await villageMoney(VILLAGE)).apbdes.disbursed).toBe(before.apbdes.disbursed + 3_000_000);
    const history = await sys.request<{ id: string; reference: string }[]>(
      'GET',
      `/candidates/${a.id}/export`,
      {
        token: bappeda,
      },
    );
    expect(JSON.stringify(history.body)).toContain('SP2D/001');

    const audit = (await listAudit(YEAR, 50)).items;
    const sheetEntry = audit.find((e) => e.action === 'PAYMENT_SHEET_IMPORTED');
    expect(sheetEntry).toMatchObject({
      year: YEAR,
      details: { rows: 16, recorded: 3, amount: 3_000_000, dryRun: false, channel: 'api' },
    });
    const recorded = audit.filter(
      (e) => e.action === 'PAYMENT_RECORDED' && e.details.reference !== 'SP2D/LAMA',
    );
    expect(recorded.map((e) => e.details.reference).sort()).toEqual(['SP2D/001', 'SP2D/002', 'SP2D/008']);
    const imports = (await listImports(YEAR, 10)).items;
    expect(imports[0]).toMatchObject({ kind: 'PAYMENT_SHEET', dryRun: false, registered: 3, rows: 16 });
    expect(sheetEntry?.target).toBe(imports[0]?.id);

    const again = await upload(csv, `year=${YEAR}`);
    expect(again.body.summary).toMatchObject({ ok: 0, recorded: 0, recordedAmount: 0, duplicates: 6 });
    expect(again.body.rows.filter((r) => [2, 3, 13].includes(r.row)).map((r) => r.status)).toEqual([
      'DUPLICATE',
      'DUPLICATE',
      'DUPLICATE',
    ]);
    expect([await paid(a.id), await paid(b.id), await paid(c.id)]).toEqual([1_000_000, 1_500_000, 600_000]);
    expect(
      (await listAudit(YEAR, 50)).items.filter((e) => e.action === 'PAYMENT_SHEET_IMPORTED'),
    ).toHaveLength(2);
  });

  it('reads a workbook (number and date cells) and a semicolon CSV with a BOM as the same rows', async () => {
    const d = await enrolledLearner(caller(), YEAR, VILLAGE, serial++);
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Pembayaran');
    ws.addRow(['ID Calon', 'NIK', 'Sumber', 'Jumlah', 'Tanggal Bayar', 'Referensi']);
    ws.addRow([d.id, '', 'APBDES', 750_000, new Date(Date.UTC(2026, 7, 3)), 'SP2D/X1']);
    ws.addRow(['', d.nik, 'APBDES', 750_000, new Date(Date.UTC(2026, 7, 4)), 'SP2D/X2']);
    ws.getCell('E2').numFmt = 'dd/mm/yyyy';
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    const semicolon = `\uFEFF${paymentCsv(
      [
        {
          'ID Calon': d.id,
          Sumber: 'APBDES',
          Jumlah: '750.000',
          'Tanggal Bayar': '03/08/2026',
          Referensi: 'SP2D/X1',
        },
        {
          NIK: d.nik,
          Sumber: 'APBDES',
          Jumlah: '750000',
          'Tanggal Bayar': '2026-08-04',
          Referensi: 'SP2D/X2',
        },
      ],
      ';',
    )}`;
    const comma = paymentCsv([
      {
        'ID Calon': d.id,
        Sumber: 'APBDES',
        Jumlah: '750000',
        'Tanggal Bayar': '2026-08-03',
        Referensi: 'SP2D/X1',
      },
      {
        NIK: d.nik,
        Sumber: 'APBDES',
        Jumlah: '750000',
        'Tanggal Bayar': '4 Agustus 2026',
        Referensi: 'SP2D/X2',
      },
    ]);
    for (const [body, type] of [
      [xlsx, XLSX],
      [semicolon, 'text/csv'],
      [comma, 'text/csv'],
    ] as const) {
      const res = await upload(body, `year=${YEAR}&dryRun=true`, type);
      expect(res.status, type).toBe(200);
      expect(res.body.rows).toEqual([
        { row: 2, status: 'OK', candidateId: d.id, disbursementId: null, messages: [] },
        { row: 3, status: 'OK', candidateId: d.id, disbursementId: null, messages: [] },
      ]);
    }
    const committed = await upload(xlsx, `year=${YEAR}`, XLSX);
    expect(committed.body.summary).toMatchObject({ recorded: 2, recordedAmount: 1_500_000 });
    expect(await paid(d.id)).toBe(1_500_000);
  });

  it('never takes a commitment beyond itself when sheets race, and the village total is the sum of payments', async () => {
    const learners: Enrolled[] = [];
    for (let i = 0; i < 6; i++) learners.push(await enrolledLearner(caller(), YEAR, RACE_VILLAGE, serial++));
    // Three sheets each paying Rp 900,000 to every learner, committed at once: one payment fits each.
    const sheets = ['A', 'B', 'C'].map((s) =>
      paymentCsv(
        learners.map((l, i) => ({
          'ID Calon': i % 2 === 0 ? l.id : '',
          NIK: i % 2 === 0 ? '' : l.nik,
          Sumber: 'APBDES',
          Jumlah: '900000',
          'Tanggal Bayar': '2026-09-01',
          Referensi: `SP2D/${s}${i}`,
        })),
      ),
    );
    const results = await Promise.all(sheets.map((csv) => upload(csv, `year=${YEAR}`)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const recorded = results.flatMap((r) => r.body.rows.filter((row) => row.disbursementId));
    expect(recorded).toHaveLength(6);
    for (const l of learners) expect(await paid(l.id)).toBe(900_000);
    // The others are told what is left (Rp 600,000), row by row.
    const refused = results.flatMap((r) => r.body.rows.filter((row) => !row.disbursementId));
    expect(refused).toHaveLength(12);
    for (const row of refused) {
      expect(row.status).toBe('ERROR');
      expect(row.messages[0]).toMatchObject({ column: 'Jumlah' });
      expect(row.messages[0]?.message).toContain('Rp 600.000');
    }
    const total = results.reduce((sum, r) => sum + r.body.summary.recordedAmount, 0);
    expect(total).toBe(6 * 900_000);
    expect((await villageMoney(RACE_VILLAGE)).apbdes.disbursed).toBe(total);
  }, 60_000);

  it('refuses a file it cannot take with one 400, and other roles with 403, writing nothing', async () => {
    const noCandidate = await upload(
      'Sumber,Jumlah,Tanggal Bayar,Referensi\nAPBDES,1,2026-08-01,A',
      `year=${YEAR}`,
    );
    expect(noCandidate.status).toBe(400);
    expect(noCandidate.body.error.details[0]?.message).toContain('ID Calon / NIK');
    const noHeader = await upload('a,b\n1,2', `year=${YEAR}`);
    expect(noHeader.body.error.details[0]?.message).toContain('ID Calon, NIK, Sumber');
    const many = paymentCsv(
      Array.from({ length: 2001 }, (_, i) => ({
        'ID Calon': a.id,
        Sumber: 'APBDES',
        Jumlah: '1',
        'Tanggal Bayar': '2026-08-01',
        Referensi: `R${i}`,
      })),
    );
    expect((await upload(many, `year=${YEAR}`)).status).toBe(400);
    expect((await upload(paymentCsv([]), 'year=2031')).body.error.code).toBe('PROGRAM_NOT_CONFIGURED');
    for (const token of [
      await sys.token('village_official', VILLAGE),
      await sys.token('fmpp_volunteer', '33.29.03'),
    ]) {
      const res = await sys.gateway.handle({
        method: 'POST',
        url: `/disbursements/imports?year=${YEAR}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: paymentCsv([
          { 'ID Calon': a.id, Sumber: 'APBDES', Jumlah: '1', 'Tanggal Bayar': '2026-08-01', Referensi: 'Z' },
        ]),
      });
      expect(res.status).toBe(403);
    }
    expect(await paid(a.id)).toBe(1_000_000);
  });

  it('leaves every row recorded or reported "send again" when the database fails half way', async () => {
    const village = '33.29.05.2001';
    const learners = [
      await enrolledLearner(caller(), YEAR, village, serial++),
      await enrolledLearner(caller(), YEAR, village, serial++),
    ];
    const csv = paymentCsv(
      Array.from({ length: 6 }, (_, i) => ({
        'ID Calon': learners[i % 2]?.id ?? '',
        Sumber: 'APBDES',
        Jumlah: '250000',
        'Tanggal Bayar': '2026-08-01',
        Referensi: `SP2D/G${i}`,
      })),
    );
    // An outage after three payments: DynamoDB Local has none, so it is injected.
    let writes = 0;
    db().middlewareStack.add(
      (next) => async (args) => {
        if ('TransactItems' in (args.input as object) && ++writes > 3)
          throw Object.assign(new Error('unavailable'), { name: 'ServiceUnavailable' });
        return next(args);
      },
      { step: 'initialize', name: 'outage' },
    );
    let first: Awaited<ReturnType<typeof upload>>;
    try {
      first = await upload(csv, `year=${YEAR}`);
    } finally {
      db().middlewareStack.remove('outage');
    }
    expect(first.status).toBe(200);
    expect(first.body.summary).toMatchObject({ ok: 6, recorded: 3, recordedAmount: 750_000 });
    expect(first.body.rows.map((r) => r.disbursementId !== null)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    for (const r of first.body.rows.slice(3))
      expect(r.messages.map((m) => m.message).join(' ')).toContain('Kirim ulang berkas yang sama');
    expect([await paid(learners[0]?.id ?? ''), await paid(learners[1]?.id ?? '')]).toEqual([
      500_000, 250_000,
    ]);

    const again = await upload(csv, `year=${YEAR}`);
    expect(again.body.summary).toMatchObject({ recorded: 3, duplicates: 3, recordedAmount: 750_000 });
    expect([await paid(learners[0]?.id ?? ''), await paid(learners[1]?.id ?? '')]).toEqual([
      750_000, 750_000,
    ]);
    expect((await villageMoney(village)).apbdes.disbursed).toBe(1_500_000);
  });

  it('gives the template with an example row and an instructions sheet', async () => {
    const csv = await sys.gateway.handle({
      method: 'GET',
      url: '/disbursements/imports/template?format=csv',
      headers: { authorization: `Bearer ${bappeda}` },
    });
    expect(csv.body.toString().split('\r\n')[0]).toBe(
      '\uFEFFID Calon;NIK;Sumber;Jumlah;Tanggal Bayar;Referensi',
    );
    const xlsx = await sys.gateway.handle({
      method: 'GET',
      url: '/disbursements/imports/template',
      headers: { authorization: `Bearer ${bappeda}` },
    });
    expect(xlsx.headers['content-disposition']).toContain('templat-lembar-pembayaran-gkb.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Data', 'Petunjuk']);
    expect(workbook.worksheets[1]?.getRow(4).getCell(3).value).toBe('APBD atau APBDES');
  });
});
