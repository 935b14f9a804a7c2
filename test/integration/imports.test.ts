import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROWS_PER_BATCH } from '../../shared/db/candidates.js';
import { db } from '../../shared/db/client.js';
import { parseCsv } from '../../shared/imports/csv.js';
import { IMPORT_LIMITS } from '../../shared/imports/read-file.js';
import { writeZip } from '../../shared/xlsx/zip.js';
import { registration, VILLAGE } from '../support/candidates.js';
import { surveyCsv, surveyRow } from '../support/survey-list.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

type Report = {
  summary: Record<string, number>;
  rows: {
    row: number;
    status: string;
    candidateId: string | null;
    messages: { column: string; message: string }[];
  }[];
};
type ErrorBody = { error: { code: string; details: { field: string; message: string }[] } };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FIXTURE = readFileSync('test/fixtures/survey-list.csv');

let sys: TestSystem;
let official: string;

beforeAll(async () => {
  sys = await startTestSystem();
  official = await sys.token('village_official', VILLAGE);
  for (const year of [2026, 2025, 2024]) {
    await sys.request('PUT', `/programs/${year}`, { token: await sys.token('bappeda_staff'), body: {} });
  }
  // Registered before the import: the NIK of row 60, and the person row 61 resembles.
  const before = await sys.request('POST', '/candidates', {
    token: official,
    body: registration(900, { fullName: 'Sudah Terdaftar', kk: '3329010101109999' }),
  });
  expect(before.status).toBe(201);
});

/** A one-sheet workbook made by ExcelJS; dates shown as DD/MM/YYYY, as an Indonesian Excel would. */
async function workbookOf(rows: (string | number | Date)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Daftar');
  for (const row of rows) sheet.addRow(row);
  sheet.eachRow((r) =>
    r.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
    }),
  );
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const upload = (body: Uint8Array | string, query: string, contentType = 'text/csv', token = official) =>
  sys.gateway
    .handle({
      method: 'POST',
      url: `/imports?${query}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body: Buffer.from(body),
    })
    .then((r) => ({ status: r.status, body: JSON.parse(r.body.toString()) as Report & ErrorBody }));

/** The registration rules (docs/rules.md) on the fixture, row by row, written out by hand. */
const EXPECTED: [number, string, string[]][] = [
  ...Array.from({ length: 30 }, (_, i) => [i + 2, 'OK', []] as [number, string, string[]]),
  [32, 'ERROR', ['NIK']],
  [33, 'ERROR', ['NIK']],
  [34, 'ERROR', ['NIK']],
  [35, 'ERROR', ['NIK']],
  [36, 'ERROR', ['NIK']],
  [37, 'ERROR', ['NIK']],
  [38, 'ERROR', ['NIK']],
  [39, 'ERROR', ['No KK']],
  [40, 'ERROR', ['Nama Lengkap']],
  [41, 'ERROR', ['Nama Lengkap']],
  [42, 'ERROR', ['Tanggal Lahir']],
  [43, 'ERROR', ['Tanggal Lahir']],
  [44, 'ERROR', ['Jenis Kelamin']],
  [45, 'ERROR', ['Jalur']],
  [46, 'ERROR', ['Status Sekolah']],
  [47, 'ERROR', ['Pendidikan Terakhir']],
  [48, 'ERROR', ['Kode Alasan']],
  [49, 'ERROR', ['Catatan Alasan']],
  [50, 'ERROR', ['Nama Wali']],
  [51, 'ERROR', ['Persetujuan Oleh']],
  [52, 'ERROR', ['No HP']],
  [53, 'ERROR', ['Pendidikan Terakhir']],
  [54, 'ERROR', ['Disabilitas']],
  [55, 'ERROR', ['Tanggal Lahir']],
  [56, 'WARNING', ['NIK']],
  [57, 'WARNING', ['NIK']],
  [58, 'WARNING', ['NIK']],
  [59, 'DUPLICATE', ['NIK']],
  [60, 'DUPLICATE', ['NIK']],
  [61, 'POSSIBLE_DUPLICATE', ['Nama Lengkap']],
  [62, 'POSSIBLE_DUPLICATE', ['Nama Lengkap']],
  [63, 'POSSIBLE_DUPLICATE', ['Nama Lengkap']],
];

const villageCounts = async () =>
  (
    await sys.request<{ funded: number; waitlisted: number; byStatus: Record<string, number> }>(
      'GET',
      `/villages/${VILLAGE}?year=2026`,
      { token: official },
    )
  ).body;

describe('importing a survey list', () => {
  it('gives the template as CSV and as a workbook with an explanation sheet', async () => {
    const csv = await sys.gateway.handle({
      method: 'GET',
      url: '/imports/template?format=csv',
      headers: { authorization: `Bearer ${official}` },
    });
    // The fixture is a list made before the address columns: they are optional, and it still imports.
    expect(parseCsv(csv.body.toString(), IMPORT_LIMITS)[0]?.cells).toEqual([
      ...(parseCsv(FIXTURE.toString(), IMPORT_LIMITS)[0]?.cells ?? []),
      'Dusun',
      'RT',
      'RW',
    ]);
    const xlsx = await sys.gateway.handle({
      method: 'GET',
      url: '/imports/template?format=xlsx',
      headers: { authorization: `Bearer ${official}` },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Data', 'Petunjuk']);
    expect(workbook.worksheets[1]?.getRow(6).getCell(3).value).toBe('L atau P');
    // The template itself imports cleanly (before anything registered its example person).
    const res = await upload(new Uint8Array(xlsx.body), 'year=2024&dryRun=true', XLSX);
    expect(res.body.rows).toEqual([{ row: 2, status: 'OK', candidateId: null, messages: [] }]);
  });

  it('checks the 62-row fixture row by row, exactly, and writes nothing on a dry run', async () => {
    const before = await villageCounts();
    const res = await upload(FIXTURE, 'year=2026&dryRun=true');
    expect(res.status).toBe(200);
    expect(
      res.body.rows.map((r) => [r.row, r.status, [...new Set(r.messages.map((m) => m.column))]]),
    ).toEqual(EXPECTED);
    expect(res.body.summary).toEqual({
      rows: 62,
      ok: 30,
      warnings: 3,
      errors: 24,
      duplicates: 2,
      possibleDuplicates: 3,
      registered: 0,
    });
    const message = (row: number) => res.body.rows.find((r) => r.row === row)?.messages[0]?.message;
    expect(message(32)).toBe('NIK harus 16 angka, yang diisi 15 angka.');
    expect(message(44)).toBe('Isi salah satu: L, P.');
    expect(message(59)).toBe('NIK ini sama dengan baris 2; baris ini tidak didaftarkan.');
    expect(message(60)).toContain('sudah terdaftar');
    expect(message(62)).toContain('Mirip baris 3');
    expect(message(63)).toContain('Mirip baris 2');
    expect(message(61)).toContain('Mirip calon yang sudah terdaftar');
    expect(res.body.rows.every((r) => r.candidateId === null)).toBe(true);
    expect(await villageCounts()).toEqual(before);
  });

  it('registers OK, WARNING and POSSIBLE_DUPLICATE rows in file order; a second commit registers nothing new', async () => {
    const first = await upload(FIXTURE, 'year=2026');
    expect(first.status).toBe(200);
    expect(first.body.summary.registered).toBe(36);
    const registered = first.body.rows.filter((r) => r.candidateId);
    expect(registered.map((r) => r.row)).toEqual(
      EXPECTED.filter(([, s]) => ['OK', 'WARNING', 'POSSIBLE_DUPLICATE'].includes(s)).map(([row]) => row),
    );
    // One place was taken before the import: the file's first 9 rows get the other 9.
    const counts = await villageCounts();
    expect(counts).toMatchObject({ funded: 10, waitlisted: 27, byStatus: { IDENTIFIED: 37 } });
    const ninth = await sys.request<{ funding: { village: string } }>(
      'GET',
      `/candidates/${registered[8]?.candidateId}`,
      { token: official },
    );
    expect(ninth.body.funding.village).toBe('FUNDED');
    const tenth = await sys.request<{ funding: { waitlistPosition: number } }>(
      'GET',
      `/candidates/${registered[9]?.candidateId}`,
      {
        token: official,
      },
    );
    expect(tenth.body.funding.waitlistPosition).toBe(1);

    const again = await upload(FIXTURE, 'year=2026');
    expect(again.body.summary.registered).toBe(0);
    expect(again.body.summary.duplicates).toBe(38);
    expect(await villageCounts()).toEqual(counts);
  });

  it('flags possible duplicates for Bappeda, across villages', async () => {
    const other = await sys.token('village_official', '33.29.02.2001');
    const lookalike = await sys.request<{ flags: string[] }>('POST', '/candidates', {
      token: other,
      body: registration(904, {
        villageCode: '33.29.02.2001',
        fullName: 'Warga Bayu',
        kk: '3329010101109005',
      }),
    });
    expect(lookalike.body.flags).toEqual(['POSSIBLE_DUPLICATE']);
    const list = await sys.request<{ items: { nikMasked: string; villageCode: string; flags: string[] }[] }>(
      'GET',
      '/candidates?year=2026&flag=possibleDuplicate&limit=100',
      { token: await sys.token('bappeda_staff') },
    );
    expect(list.body.items.map((c) => c.nikMasked.slice(-4)).sort()).toEqual([
      '0901',
      '0902',
      '0903',
      '0904',
    ]);
    expect(new Set(list.body.items.map((c) => c.villageCode))).toEqual(new Set([VILLAGE, '33.29.02.2001']));
  });
});

/** A workbook from hand-written parts: the first sheet holds `sheetData`, shared strings if given. */
function handMadeWorkbook(sheetData: string, strings?: string): Uint8Array {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const parts: Record<string, string> = {
    '_rels/.rels': `<Relationships><Relationship Id="a" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="Daftar" sheetId="1" r:id="s1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships><Relationship Id="s1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>${strings === undefined ? '' : `<Relationship Id="t" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>`}</Relationships>`,
    'xl/worksheets/sheet1.xml': `<worksheet xmlns="${main}"><sheetData>${sheetData}</sheetData></worksheet>`,
    ...(strings === undefined ? {} : { 'xl/sharedStrings.xml': `<sst xmlns="${main}">${strings}</sst>` }),
  };
  return writeZip(
    Object.entries(parts).map(([name, xml]) => ({ name, data: new TextEncoder().encode(xml) })),
  );
}

describe('file formats', () => {
  const fields = (i: number) => {
    const s = String(i).padStart(4, '0');
    return [
      `332901450710${s}`,
      `332901010110${s}`,
      `Warga Format ${'ABCDEFGHIJ'[i % 10]}`,
      '2010-07-05',
      'P',
      'ATS',
      'PUTUS_SEKOLAH',
      'SD',
      '1',
      '',
      'Tarsih',
      '',
      'Tidak',
      'WALI',
      'Tarsih',
    ];
  };
  const header = parseCsv(FIXTURE.toString(), IMPORT_LIMITS)[0]?.cells ?? [];

  it('reads comma CSV, semicolon CSV with BOM and DD-MM-YYYY dates, and XLSX as the same rows', async () => {
    // People of their own: NIKs registered in 2026 by the tests above are open there.
    const rows = [7001, 7002, 7003, 7004, 7005].map(fields);
    const comma = [header, ...rows].map((r) => r.join(',')).join('\n');
    const semicolon = `\uFEFF${[header, ...rows.map((r) => r.map((c, i) => (i === 3 ? '05-07-2010' : c)))].map((r) => r.join(';')).join('\r\n')}`;
    const workbook = await workbookOf([
      header,
      ...rows.map((r) => r.map((value, i) => (i === 3 ? new Date(Date.UTC(2010, 6, 5)) : value))),
    ]);
    const reports = [
      await upload(comma, 'year=2025&dryRun=true'),
      await upload(semicolon, 'year=2025&dryRun=true'),
      await upload(workbook, 'year=2025&dryRun=true', XLSX),
    ];
    for (const r of reports) {
      expect(r.status).toBe(200);
      expect(r.body.rows.map((x) => [x.row, x.status])).toEqual(rows.map((_, i) => [i + 2, 'OK']));
    }
    const committed = await upload(workbook, 'year=2025', XLSX);
    const id = committed.body.rows[0]?.candidateId;
    const got = await sys.request<{ birthDate: string; nik: string }>('GET', `/candidates/${id}`, {
      token: official,
    });
    expect(got.body).toMatchObject({ birthDate: '2010-07-05', nik: '3329014507107001' });
  });

  it('warns about NIKs that Excel stored as numbers', async () => {
    const workbook = await workbookOf([
      header,
      fields(1).map((value, i) => (i === 0 ? 3329014507100001 : value)),
    ]);
    const res = await upload(workbook, 'year=2025&dryRun=true', XLSX);
    expect(res.body.rows[0]?.status).toBe('ERROR');
    expect(res.body.rows[0]?.messages[0]).toEqual({
      column: 'NIK',
      message: expect.stringContaining('Format kolom sebagai Teks'),
    });
  });

  it.each([
    ['not a CSV or XLSX', Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]), 'application/pdf', 'CSV'],
    ['a file without a header', 'a,b,c\n1,2,3', 'text/csv', 'judul kolom'],
    ['missing columns', 'NIK;Nama Lengkap\n3329014507100001;Siti', 'text/csv', 'No KK'],
    ['an empty file', '', 'text/csv', 'kosong'],
  ])('answers %s with one clear 400', async (_, body, type, hint) => {
    const res = await upload(
      typeof body === 'string' ? body : new Uint8Array(body),
      'year=2025&dryRun=true',
      type,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: 'file', message: expect.stringContaining(hint) }]);
  });

  it('refuses more than 2,000 rows, naming the limit', async () => {
    const rows = Array.from({ length: 2001 }, (_, i) => fields((i % 5) + 1).join(','));
    const res = await upload([header.join(','), ...rows].join('\n'), 'year=2025&dryRun=true');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { field: 'file', message: expect.stringContaining('lebih dari 2.000 baris data') },
    ]);
    // 2,000 rows are still fine.
    const ok = await upload([header.join(','), ...rows.slice(1)].join('\n'), 'year=2025&dryRun=true');
    expect(ok.status).toBe(200);
    expect(ok.body.summary.rows).toBe(2000);
  });

  it('is for the own village official only; another village answers as if it did not exist', async () => {
    expect(
      (
        await upload(
          FIXTURE,
          'year=2025&dryRun=true',
          'text/csv',
          await sys.token('fmpp_volunteer', '33.29.01'),
        )
      ).status,
    ).toBe(403);
    expect((await upload(FIXTURE, 'year=2025&dryRun=true&village=33.29.01.2002')).status).toBe(404);
  });

  describe('hostile files', () => {
    // The reproductions of the report against the readers: each once took seconds to a minute and
    // up to a gigabyte. Each is now one 400 on the field `file` saying what is wrong.
    const refused = async (body: Uint8Array | string, type: string, hint: string) => {
      const res = await upload(body, 'year=2025&dryRun=true', type);
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ field: 'file', message: expect.stringContaining(hint) }]);
    };

    it('refuses a workbook whose sheet and shared strings unpack to 63 MB each', async () => {
      const row = '<row><c t="s"><v>0</v></c></row>';
      const bomb = handMadeWorkbook(
        row.repeat(Math.ceil(63_000_000 / row.length)),
        `<si><t>${'a'.repeat(63_000_000)}</t></si>`,
      );
      expect(bomb.length).toBeLessThan(400_000);
      await refused(bomb, XLSX, 'terlalu besar setelah dibuka (lebih dari 12 MB)');
    });

    it('refuses 6,000 rows each with one cell in column XFD, naming the cell', async () => {
      const rows = Array.from(
        { length: 6000 },
        (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>1</v></c></row>`,
      );
      await refused(handMadeWorkbook(rows.join('')), XLSX, 'Sel XFD1 berada terlalu jauh di kanan');
    });

    it('refuses a cell tag never closed: <c, 300,000 letters, />', async () => {
      await refused(handMadeWorkbook(`<row><c${'a'.repeat(300_000)}/></row>`), XLSX, 'rusak');
    });

    it('refuses <row repeated 60,000 times', async () => {
      await refused(handMadeWorkbook('<row '.repeat(60_000)), XLSX, 'rusak');
    });

    it('refuses a CSV whose first data row opens a quote and never closes it, naming the line', async () => {
      const rows = Array.from({ length: 5 }, (_, i) => fields(i + 1).join(','));
      const csv = [header.join(','), `"${rows[0]}`, ...rows.slice(1)].join('\n');
      await refused(csv, 'text/csv', 'Tanda petik (") dibuka di baris 2 tetapi tidak pernah ditutup');
    });
  });
});

describe('commits under pressure', () => {
  it('lets exactly one of an import and a manual registration register a NIK', async () => {
    const rows = Array.from({ length: 10 }, (_, i) =>
      surveyRow(5000 + i, { 'Nama Lengkap': `Warga Balapan ${'ABCDEFGHIJ'[i]}` }),
    );
    const file = surveyCsv(rows);
    const raced = { nik: rows[9]?.NIK, kk: rows[9]?.['No KK'] };
    const [imported, manual] = await Promise.all([
      upload(file, 'year=2024'),
      sys.request('POST', '/candidates', {
        token: official,
        body: registration(1, { year: 2024, ...raced, fullName: 'Warga Manual' }),
      }),
    ]);
    const row = imported.body.rows.find((r) => r.row === 11);
    expect([manual.status === 201, row?.candidateId !== null].filter(Boolean)).toHaveLength(1);
    if (manual.status === 201) expect(row?.status).toBe('DUPLICATE');
  });

  it('leaves every row registered or reported as not registered when the database fails half way', async () => {
    const file = surveyCsv(
      Array.from({ length: 40 }, (_, i) =>
        surveyRow(6000 + i, {
          'Nama Lengkap': `Warga Gangguan ${'ABCDEFGHIJKLMNOPQRST'[i % 20]}${'ABC'[Math.floor(i / 20)]}`,
        }),
      ),
    );
    // An outage after two writes (two batches of rows): DynamoDB Local has none, so it is injected.
    const written = 2 * ROWS_PER_BATCH;
    let writes = 0;
    db().middlewareStack.add(
      (next) => async (args) => {
        if ((args.input as object) && 'TransactItems' in (args.input as object) && ++writes > 2) {
          throw Object.assign(new Error('unavailable'), { name: 'ServiceUnavailable' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'outage' },
    );
    let first: Awaited<ReturnType<typeof upload>>;
    try {
      first = await upload(file, 'year=2024');
    } finally {
      db().middlewareStack.remove('outage');
    }
    expect(first.status).toBe(200);
    expect(first.body.summary.registered).toBe(written);
    for (const r of first.body.rows) {
      if (r.row <= written + 1) expect(r.candidateId).not.toBeNull();
      else {
        expect(r.candidateId).toBeNull();
        expect(r.messages.map((m) => m.message).join(' ')).toContain('Belum didaftarkan');
      }
    }
    const again = await upload(file, 'year=2024');
    expect(again.body.summary).toMatchObject({ registered: 40 - written, duplicates: written });
    const list = await sys.request<{ items: unknown[] }>('GET', '/candidates?year=2024&limit=100', {
      token: official,
    });
    expect(list.body.items.length).toBe(40 + 10 - 1 + 1);
  });
});
