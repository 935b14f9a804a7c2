import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { listLocalAccounts } from '../../shared/db/accounts.js';
import { listAudit } from '../../shared/db/audit.js';
import { db, tableName } from '../../shared/db/client.js';
import { readStoredSession } from '../../shared/db/sessions.js';
import { todayInBrebes } from '../../shared/domain/dates.js';
import { findVillage } from '../../shared/domain/regions.js';
import { accountApi, accountSheet, localAccount } from '../support/accounts.js';
import { registration } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { csrfOf, getPage, postForm, signIn, WEB_ORIGIN } from '../support/web.js';

/**
 * Bappeda's accounts against the local identity provider (the table), through the real
 * handlers: the contract's answers, a created account signing in on the local sign-in page,
 * a move and a disable taking the old scope away from its web session at once, the last
 * enabled Bappeda account kept (also against two disables at once), the audit, and sheets.
 */
let sys: TestSystem;
let api: Awaited<ReturnType<typeof accountApi>>;
const YEAR = todayInBrebes().year;

type ErrorBody = { error: { code: string; message: string; details: { field: string; message: string }[] } };

beforeAll(async () => {
  sys = await startTestSystem();
  api = await accountApi(sys);
  expect((await sys.request('PUT', `/programs/${YEAR}`, { token: api.token, body: {} })).status).toBe(200);
});

const fieldsOf = (body: unknown) => (body as ErrorBody).error.details.map((d) => d.field).sort();
const accountItems = async () =>
  (
    await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'ACCOUNTS' },
      }),
    )
  ).Items ?? [];
const auditOf = async (username: string) =>
  (await listAudit(YEAR, 500)).items.filter((e) => e.target === username);

describe('POST /users', () => {
  it('creates an enabled account in its role and scope: 201 with the account, and an audit entry', async () => {
    const res = await api.create({
      username: 'op-kalijurang',
      email: 'op.kalijurang@contoh.brebeskab.go.id',
      name: 'Operator Desa Kalijurang',
      role: 'village_official',
      villageCode: '33.29.02.2002',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      username: 'op-kalijurang',
      email: 'op.kalijurang@contoh.brebeskab.go.id',
      name: 'Operator Desa Kalijurang',
      role: 'village_official',
      villageCode: '33.29.02.2002',
      enabled: true,
    });
    expect(res.headers.location).toBe('/users/op-kalijurang');
    const [entry, ...more] = await auditOf('op-kalijurang');
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      action: 'ACCOUNT_CREATED',
      year: YEAR,
      actor: { role: 'bappeda_staff' },
      details: { role: 'village_official', villageCode: '33.29.02.2002', districtCode: null, enabled: true },
    });
    // Never a personal value in the audit.
    expect(JSON.stringify(entry)).not.toMatch(/contoh|Kalijurang/);
  });

  it('names each bad field, in Indonesian or English, and writes nothing', async () => {
    const before = await accountItems();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ username: 'A b', email: 'no-at-sign', role: 'bappeda_staff' }, ['email', 'username']],
      [{ username: 'op-x', email: 'x@contoh.go.id', role: 'village_official' }, ['villageCode']],
      [
        { username: 'op-x', email: 'x@contoh.go.id', role: 'village_official', districtCode: '33.29.01' },
        ['districtCode', 'villageCode'],
      ],
      // A village of another regency (Kab. Tegal), a kecamatan that does not exist.
      [
        { username: 'op-x', email: 'x@contoh.go.id', role: 'village_official', villageCode: '33.28.01.2001' },
        ['villageCode'],
      ],
      [
        { username: 'fmpp-x', email: 'x@contoh.go.id', role: 'fmpp_volunteer', districtCode: '33.29.99' },
        ['districtCode'],
      ],
      [
        { username: 'b-x', email: 'x@contoh.go.id', role: 'bappeda_staff', villageCode: '33.29.01.2001' },
        ['villageCode'],
      ],
      [{ username: 'b-x', email: 'x@contoh.go.id', role: 'admin' }, ['role']],
      [{ username: 'b-x', email: 'x@contoh.go.id', role: 'bappeda_staff', enabled: false }, ['enabled']],
      [{ username: 'b-x@contoh.go.id', email: 'x@contoh.go.id', role: 'bappeda_staff' }, ['username']],
      [{ username: 'b-x', email: 'x@contoh.go.id', role: 'bappeda_staff', name: '<script>' }, ['name']],
    ];
    for (const [body, fields] of cases) {
      const res = await api.create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body as unknown as ErrorBody).error.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(res.body), JSON.stringify(body)).toEqual(fields);
    }
    const en = await api.create(
      { username: 'op-x', email: 'x@contoh.go.id', role: 'village_official', villageCode: '33.28.01.2001' },
      { 'accept-language': 'en' },
    );
    expect((en.body as unknown as ErrorBody).error.details[0]?.message).toBe(
      'This village code does not exist in Brebes.',
    );
    const id = await api.create({ username: 'op-x', email: 'x@contoh.go.id', role: 'village_official' });
    expect((id.body as unknown as ErrorBody).error.details[0]?.message).toContain(
      'Operator desa wajib punya kode desa',
    );
    expect(await accountItems()).toEqual(before);
  });

  it('refuses a username or an e-mail that an account has: 400 naming it, nothing written', async () => {
    const before = await accountItems();
    const taken = await api.create({
      username: 'bappeda',
      email: 'lain@contoh.go.id',
      role: 'bappeda_staff',
    });
    expect(taken.status).toBe(400);
    expect(fieldsOf(taken.body)).toEqual(['username']);
    const email = await api.create({
      username: 'bappeda-lain',
      email: 'BAPPEDA@contoh.brebeskab.go.id',
      role: 'bappeda_staff',
    });
    expect(email.status).toBe(400);
    expect(fieldsOf(email.body)).toEqual(['email']);
    expect(await accountItems()).toEqual(before);
  });

  it('is for Bappeda only (403), and lists with GET /users by role and kecamatan', async () => {
    const official = await sys.token('village_official', '33.29.01.2001');
    const volunteer = await sys.token('fmpp_volunteer', '33.29.01');
    for (const token of [official, volunteer]) {
      expect((await sys.request('GET', '/users', { token })).status).toBe(403);
      expect((await sys.request('POST', '/users', { token, body: { username: 'x' } })).status).toBe(403);
      expect((await sys.request('PATCH', '/users/bappeda', { token, body: { enabled: false } })).status).toBe(
        403,
      );
    }
    const all = await api.list();
    expect(all.status).toBe(200);
    expect(all.body.map((a) => a.username)).toEqual(
      expect.arrayContaining(['bappeda', 'op-banjaran', 'fmpp-salem']),
    );
    expect(all.body.every((a) => !('sub' in a))).toBe(true);
    const salem = await api.list('?district=33.29.01');
    expect(salem.body.map((a) => a.username).sort()).toEqual(['fmpp-salem', 'op-banjaran', 'op-bentar']);
    const volunteers = await api.list('?role=fmpp_volunteer');
    expect(volunteers.body.every((a) => a.role === 'fmpp_volunteer')).toBe(true);
    expect((await api.list('?role=admin')).status).toBe(400);
  });
});

describe('PATCH /users/{username}', () => {
  it('is 404 for an unknown username, 400 for an unknown field or an empty change', async () => {
    expect((await api.change('nobody-here', { enabled: false })).status).toBe(404);
    const unknown = await api.change('op-bentar', { enabled: false, email: 'x@y.id' });
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown.body)).toEqual(['email']);
    expect((await api.change('op-bentar', {})).status).toBe(400);
    expect((await localAccount('op-bentar')).enabled).toBe(true);
  });

  it('refuses a scope that does not fit the role', async () => {
    const res = await api.change('op-bentar', { role: 'fmpp_volunteer' });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['districtCode']);
    const village = await api.change('fmpp-salem', { villageCode: '33.29.01.2001' });
    expect(fieldsOf(village.body)).toEqual(['districtCode', 'villageCode']);
    expect(await localAccount('op-bentar')).toMatchObject({
      role: 'village_official',
      villageCode: '33.29.01.2002',
    });
  });
});

describe('a created account, end to end with the local identity provider', () => {
  it('signs in, is moved, and its session loses the old village at once', async () => {
    const created = await api.create({
      username: 'op-pindahan',
      email: 'op.pindahan@contoh.brebeskab.go.id',
      name: 'Operator Pindahan',
      role: 'village_official',
      villageCode: '33.29.02.2001',
    });
    expect(created.status).toBe(201);
    const registered = await sys.request<{ id: string }>('POST', '/candidates', {
      token: await sys.token('village_official', '33.29.02.2001'),
      body: registration(41, { year: YEAR, villageCode: '33.29.02.2001', fullName: 'Warga Bangbayang' }),
    });
    expect(registered.status).toBe(201);
    // The local sign-in page lists it, and it signs in.
    expect((await getPage(sys, '/masuk')).body.toString()).toContain('value="op-pindahan"');
    const cookie = await signIn(sys, 'op-pindahan');
    expect((await getPage(sys, `/calon/${registered.body.id}`, cookie)).status).toBe(200);

    const moved = await api.change('op-pindahan', { villageCode: '33.29.01.2003' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      role: 'village_official',
      villageCode: '33.29.01.2003',
      enabled: true,
    });
    // The session itself was given the new scope by the move, before any request of its own.
    const stored = await readStoredSession(cookie.split('=')[1] ?? '');
    expect(stored?.principal).toMatchObject({ role: 'village_official', villageCode: '33.29.01.2003' });
    expect((await getPage(sys, `/calon/${registered.body.id}`, cookie)).status).toBe(404);
    expect((await getPage(sys, '/', cookie)).body.toString()).toContain(
      `Desa ${findVillage('33.29.01.2003')?.name}`,
    );
    const [changed] = (await auditOf('op-pindahan')).filter((e) => e.action === 'ACCOUNT_CHANGED');
    expect(changed?.details).toEqual({
      roleBefore: 'village_official',
      villageCodeBefore: '33.29.02.2001',
      districtCodeBefore: null,
      enabledBefore: true,
      roleAfter: 'village_official',
      villageCodeAfter: '33.29.01.2003',
      districtCodeAfter: null,
      enabledAfter: true,
    });
  });

  it('a disabled account loses its sessions at once, cannot sign in, and signs in again once enabled', async () => {
    const cookie = await signIn(sys, 'op-pindahan');
    const id = cookie.split('=')[1] ?? '';
    expect(await readStoredSession(id)).toBeDefined();
    expect((await api.change('op-pindahan', { enabled: false })).body).toMatchObject({ enabled: false });
    expect(await readStoredSession(id)).toBeUndefined();
    expect((await getPage(sys, '/calon', cookie)).headers.location).toBe('/masuk');
    expect((await getPage(sys, '/masuk')).body.toString()).not.toContain('value="op-pindahan"');
    const again = await sys.gateway.handle({
      method: 'POST',
      url: '/masuk',
      headers: { host: 'localhost', origin: WEB_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'user=op-pindahan',
    });
    expect(again.status).toBe(400);
    expect((await api.change('op-pindahan', { enabled: true })).status).toBe(200);
    expect((await getPage(sys, '/calon', await signIn(sys, 'op-pindahan'))).status).toBe(200);
    expect((await auditOf('op-pindahan')).map((e) => e.action).sort()).toEqual([
      'ACCOUNT_CHANGED',
      'ACCOUNT_CHANGED',
      'ACCOUNT_CHANGED',
      'ACCOUNT_CREATED',
    ]);
  });
});

describe('the last enabled Bappeda account', () => {
  const enabledBappeda = async () =>
    (await listLocalAccounts()).filter((a) => a.role === 'bappeda_staff' && a.enabled).map((a) => a.username);

  it('can be neither disabled nor moved out of Bappeda', async () => {
    expect(await enabledBappeda()).toEqual(['bappeda']);
    const disable = await api.change('bappeda', { enabled: false });
    expect(disable.status).toBe(400);
    expect(fieldsOf(disable.body)).toEqual(['enabled']);
    expect((disable.body as unknown as ErrorBody).error.details[0]?.message).toContain(
      'akun Bappeda terakhir',
    );
    const move = await api.change('bappeda', { role: 'fmpp_volunteer', districtCode: '33.29.01' });
    expect(move.status).toBe(400);
    expect(fieldsOf(move.body)).toEqual(['role']);
    expect(await enabledBappeda()).toEqual(['bappeda']);
  });

  it('survives two disables at once: one succeeds, the other is refused, every time', async () => {
    expect(
      (
        await api.create({
          username: 'bappeda-dua',
          email: 'dua@contoh.brebeskab.go.id',
          role: 'bappeda_staff',
        })
      ).status,
    ).toBe(201);
    for (let round = 0; round < 4; round++) {
      const results = await Promise.all([
        api.change('bappeda', { enabled: false }),
        api.change('bappeda-dua', { enabled: false }),
      ]);
      expect(results.map((r) => r.status).sort(), `round ${round}`).toEqual([200, 400]);
      const left = await enabledBappeda();
      expect(left, `round ${round}`).toHaveLength(1);
      // Enable the other again for the next round.
      const disabled = left[0] === 'bappeda' ? 'bappeda-dua' : 'bappeda';
      expect((await api.change(disabled, { enabled: true })).status).toBe(200);
    }
    // A disable racing a move out of Bappeda: the same.
    const results = await Promise.all([
      api.change('bappeda', { enabled: false }),
      api.change('bappeda-dua', { role: 'fmpp_volunteer', districtCode: '33.29.02' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(await enabledBappeda()).toHaveLength(1);
    // Whichever won, the demo Bappeda account is enabled again for the tests after this one.
    expect((await api.change('bappeda', { enabled: true })).status).toBe(200);
  });
});

describe('an accounts sheet', () => {
  const upload = (body: string | Buffer, query: string, type = 'text/csv') =>
    sys.gateway
      .handle({
        method: 'POST',
        url: `/users/imports${query}`,
        headers: { authorization: `Bearer ${api.token}`, 'content-type': type },
        body,
      })
      .then((r) => ({ status: r.status, body: JSON.parse(r.body.toString()) }));

  const sheet = accountSheet([
    ['op-sheet-1', 'sheet1@contoh.brebeskab.go.id', 'Operator Satu', 'OPERATOR_DESA', '33.29.01.2004', ''],
    ['fmpp-sheet-2', 'sheet2@contoh.brebeskab.go.id', '', 'relawan fmpp', '', '33.29.02'],
    ['op-banjaran', 'lagi@contoh.brebeskab.go.id', '', 'OPERATOR_DESA', '33.29.01.2001', ''],
    ['op-sheet-1', 'sheet1b@contoh.brebeskab.go.id', '', 'BAPPEDA', '', ''],
    ['op-sheet-5', 'sheet5@contoh.brebeskab.go.id', '', 'KEPALA', '', ''],
    ['op-sheet-6', 'sheet6@contoh.brebeskab.go.id', '', 'OPERATOR_DESA', '33.28.01.2001', ''],
    ['op-sheet-7', 'tanpa-at', '', 'BAPPEDA', '', '33.29.01'],
  ]);

  it('checks every row on a dry run and creates nothing', async () => {
    const before = await accountItems();
    const res = await upload(sheet, '?dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ rows: 7, ok: 2, errors: 3, duplicates: 2, created: 0 });
    const rows = res.body.rows as { row: number; status: string; messages: { column: string }[] }[];
    expect(rows.map((r) => [r.row, r.status, r.messages.map((m) => m.column)])).toEqual([
      [2, 'OK', []],
      [3, 'OK', []],
      [4, 'DUPLICATE', ['Username']],
      [5, 'DUPLICATE', ['Username']],
      [6, 'ERROR', ['Peran']],
      [7, 'ERROR', ['Kode Desa']],
      [8, 'ERROR', ['Email', 'Kode Kecamatan']],
    ]);
    expect(await accountItems()).toEqual(before);
  });

  it('creates the OK rows, then nothing new when the same file comes again; XLSX alike', async () => {
    const res = await upload(sheet, '?dryRun=false');
    expect(res.body.summary.created).toBe(2);
    expect(await localAccount('fmpp-sheet-2')).toMatchObject({
      role: 'fmpp_volunteer',
      districtCode: '33.29.02',
      enabled: true,
    });
    expect((await auditOf('op-sheet-1')).map((e) => e.action)).toEqual(['ACCOUNT_CREATED']);
    const again = await upload(sheet, '');
    expect(again.body.summary).toMatchObject({ ok: 0, created: 0, duplicates: 4 });

    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Akun');
    ws.addRow(['Username', 'Email', 'Nama', 'Peran', 'Kode Desa', 'Kode Kecamatan']);
    ws.addRow(['bappeda-xlsx', 'xlsx@contoh.brebeskab.go.id', 'Staf Xlsx', 'BAPPEDA', null, null]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const fromXlsx = await upload(
      xlsx,
      '?dryRun=false',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(fromXlsx.body.summary).toMatchObject({ rows: 1, ok: 1, created: 1 });
  });

  it('refuses a file that is no list with one 400, and is for Bappeda only', async () => {
    expect((await upload('', '?dryRun=true')).status).toBe(400);
    const missing = await upload('Username,Email\nx,y@z.id\n', '?dryRun=true');
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].message).toContain('Peran');
    const tooMany = await upload(
      accountSheet(
        Array.from({ length: 201 }, (_, i) => [`u-${i}`, `u${i}@contoh.go.id`, '', 'BAPPEDA', '', '']),
      ),
      '?dryRun=true',
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details[0].message).toContain('200');
    const official = await sys.gateway.handle({
      method: 'POST',
      url: '/users/imports?dryRun=true',
      headers: {
        authorization: `Bearer ${await sys.token('village_official', '33.29.01.2001')}`,
        'content-type': 'text/csv',
      },
      body: sheet,
    });
    expect(official.status).toBe(403);
  });
});

describe('the accounts pages', () => {
  it('lists, creates with every problem beside its field, and disables only after a confirmation', async () => {
    const cookie = await signIn(sys, 'bappeda');
    const csrf = await csrfOf(sys, cookie);
    const list = await getPage(sys, '/akun?peran=fmpp_volunteer', cookie);
    expect(list.status).toBe(200);
    expect(list.body.toString()).toContain('fmpp-salem');
    expect(list.body.toString()).not.toContain('op-banjaran');
    expect((await getPage(sys, '/', cookie)).status).toBe(303);
    expect((await getPage(sys, '/akun/baru', cookie)).body.toString()).toContain(
      'op-banjaran. Tidak bisa diubah',
    );

    const wrong = await postForm(sys, '/akun/baru', cookie, {
      csrf,
      username: 'Op Web',
      email: 'web',
      role: 'village_official',
      villageCode: '',
    });
    expect(wrong.status).toBe(400);
    const html = wrong.body.toString();
    for (const field of ['username', 'email', 'villageCode']) expect(html).toContain(`href="#f-${field}"`);
    expect(html).toContain('value="Op Web"');

    const made = await postForm(sys, '/akun/baru', cookie, {
      csrf,
      username: 'op-web',
      email: 'op.web@contoh.brebeskab.go.id',
      name: 'Operator Web',
      role: 'village_official',
      villageCode: '33.29.01.2005',
      districtCode: '',
    });
    expect(made.status).toBe(303);
    expect(made.headers.location).toBe('/akun/op-web?selesai=dibuat');
    expect((await getPage(sys, made.headers.location ?? '', cookie)).body.toString()).toContain(
      'Akun op-web dibuat',
    );

    const asked = await postForm(sys, '/akun/op-web', cookie, { csrf, action: 'disable' });
    expect(asked.status).toBe(200);
    expect(asked.body.toString()).toContain('Ya, nonaktifkan');
    expect((await localAccount('op-web')).enabled).toBe(true);
    const done = await postForm(sys, '/akun/op-web', cookie, { csrf, action: 'disable', confirmed: '1' });
    expect(done.headers.location).toBe('/akun/op-web?selesai=nonaktif');
    expect((await localAccount('op-web')).enabled).toBe(false);

    const moved = await postForm(sys, '/akun/op-web', cookie, {
      csrf,
      action: 'move',
      role: 'fmpp_volunteer',
      villageCode: '',
      districtCode: '33.29.03',
    });
    expect(moved.headers.location).toBe('/akun/op-web?selesai=pindah');
    expect(await localAccount('op-web')).toMatchObject({ role: 'fmpp_volunteer', districtCode: '33.29.03' });
    expect((await getPage(sys, '/akun/op-web', cookie)).status).toBe(200);
    expect((await getPage(sys, '/akun/nobody-here', cookie)).status).toBe(404);
  });

  it('checks an uploaded sheet and creates its accounts only on "Buat akun"', async () => {
    const cookie = await signIn(sys, 'bappeda');
    const csrf = await csrfOf(sys, cookie);
    const boundary = 'akun';
    const csv = accountSheet([
      ['op-web-2', 'web2@contoh.brebeskab.go.id', '', 'OPERATOR_DESA', '33.29.01.2006', ''],
    ]);
    const checked = await sys.gateway.handle({
      method: 'POST',
      url: '/akun/unggah',
      headers: { host: 'localhost', cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: `--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="akun.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
    });
    expect(checked.status).toBe(200);
    const html = checked.body.toString();
    expect(html).toContain('1 akun akan dibuat');
    expect((await listLocalAccounts()).some((a) => a.username === 'op-web-2')).toBe(false);
    const rows =
      /name="rows" value="([^"]*)"/.exec(html)?.[1]?.replaceAll('&quot;', '"').replaceAll('&#39;', "'") ?? '';
    const committed = await postForm(sys, '/akun/unggah/kirim', cookie, { csrf, rows });
    expect(committed.status).toBe(200);
    expect(committed.body.toString()).toContain('1 akun dibuat');
    expect(await localAccount('op-web-2')).toMatchObject({ villageCode: '33.29.01.2006' });
  });
});
