import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateSearch } from '../../scripts/migrate-search.js';
import { db } from '../../shared/db/client.js';
import { districts } from '../../shared/domain/regions.js';
import {
  DISTRICT,
  OTHER_VILLAGE,
  OTHER_VILLAGE_SAME_DISTRICT,
  registration,
  VILLAGE,
} from '../support/candidates.js';
import { countDynamoRequests } from '../support/request-counter.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * `GET /candidates?q=`: words of a name from their start (case, accents and marks ignored),
 * the last four NIK digits or the whole NIK, in the caller's scope, across cohorts, each
 * record once over all pages, reading the search index rather than every candidate.
 */
type Item = { id: string; fullName: string; villageCode: string; year: number; version: number };
type Page = { items: Item[]; nextCursor: string | null };
type ErrorBody = { error: { code: string; details: { field: string }[] } };

let sys: TestSystem;
let bappeda: string;
let serial = 7000;
const nikOf = (s: number) => `332901450710${String(s).padStart(4, '0')}`;

beforeAll(async () => {
  sys = await startTestSystem();
  bappeda = await sys.token('bappeda_staff');
  for (const year of [2026, 2027])
    expect((await sys.request('PUT', `/programs/${year}`, { token: bappeda, body: {} })).status).toBe(200);
});

async function register(
  fullName: string,
  villageCode = VILLAGE,
  year = 2026,
): Promise<Item & { nik: string }> {
  const s = serial++;
  const res = await sys.request<Item>('POST', '/candidates', {
    token: await sys.token('village_official', villageCode),
    body: registration(s, { fullName, villageCode, year }),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { ...res.body, nik: nikOf(s) };
}

const search = async (q: string, token = bappeda, extra = '') =>
  sys.request<Page & ErrorBody>('GET', `/candidates?q=${encodeURIComponent(q)}${extra}`, { token });
const idsOf = async (q: string, token = bappeda, extra = '') => {
  const res = await search(q, token, extra);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items.map((i) => i.id).sort();
};

describe('search', () => {
  it('finds by words of the name from their start, case, accents and marks ignored, across cohorts', async () => {
    const aminah = await register('Siti Aminah Qoriah');
    const later = await register('Siti Aminah Qoriah', VILLAGE, 2027);
    const apostrophe = await register("Nur'aini Qoriah");
    const accented = await register('Zulaikhá Qoriah-Putri');
    await register('Aminatun Qoriyah');
    expect(await idsOf('siti am')).toEqual([aminah.id, later.id].sort());
    expect(await idsOf('SITI   AMINAH, qor')).toEqual([aminah.id, later.id].sort());
    expect(await idsOf('aminah')).toEqual([aminah.id, later.id].sort());
    expect(await idsOf('nuraini')).toEqual([apostrophe.id]);
    expect(await idsOf('zulaikha putri')).toEqual([accented.id]);
    expect(await idsOf('ZULAIKHÁ')).toEqual([accented.id]);
    // From the start of a word only: "minah" is inside a word.
    expect(await idsOf('minah qoriah')).toEqual([]);
    expect(await idsOf('siti am', bappeda, '&year=2027')).toEqual([later.id]);
  });

  it('finds by the last four digits and by the whole NIK, written with spaces or dots', async () => {
    const one = await register('Warsini Lastfour');
    const last4 = one.nik.slice(-4);
    expect((await idsOf(last4)).includes(one.id)).toBe(true);
    expect(await idsOf(last4, bappeda, `&village=${VILLAGE}`)).toContain(one.id);
    for (const written of [one.nik, `${one.nik.slice(0, 6)} ${one.nik.slice(6, 12)} ${one.nik.slice(12)}`])
      expect(await idsOf(written)).toEqual([one.id]);
    expect(await idsOf('3329014507109999')).toEqual([]);
  });

  it('never answers outside the scope, by name, digits or NIK', async () => {
    const mine = await register('Karsinah Scoped');
    const neighbour = await register('Karsinah Scoped', OTHER_VILLAGE_SAME_DISTRICT);
    const far = await register('Karsinah Scoped', OTHER_VILLAGE);
    const official = await sys.token('village_official', VILLAGE);
    const volunteer = await sys.token('fmpp_volunteer', DISTRICT);
    expect(await idsOf('karsinah', official)).toEqual([mine.id]);
    expect(await idsOf('karsinah', volunteer)).toEqual([mine.id, neighbour.id].sort());
    expect(await idsOf('karsinah')).toEqual([mine.id, neighbour.id, far.id].sort());
    expect(await idsOf(far.nik, volunteer)).toEqual([]);
    expect(await idsOf(far.nik.slice(-4), official)).not.toContain(far.id);
    expect((await search('karsinah', official, `&village=${OTHER_VILLAGE}`)).status).toBe(404);
  });

  it('pages through many matches, each record exactly once, a name with two words alike once', async () => {
    const villages = [VILLAGE, OTHER_VILLAGE_SAME_DISTRICT, OTHER_VILLAGE, '33.29.03.2001'];
    const made: string[] = [];
    for (let i = 0; i < 23; i++)
      made.push((await register(`Paging Nurhadi ${'ABCDEFGHIJKLMNOPQRSTUVW'[i]}`, villages[i % 4])).id);
    made.push((await register('Paging Nur Nurhadi', VILLAGE)).id);
    for (const [token, limit] of [
      [bappeda, 5],
      [await sys.token('fmpp_volunteer', DISTRICT), 4],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await search('nur pag', token, `&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...res.body.items.map((i) => i.id));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 50);
      const expected =
        token === bappeda
          ? made
          : made.filter(
              (_, i) => i === 23 || [VILLAGE, OTHER_VILLAGE_SAME_DISTRICT].includes(villages[i % 4] ?? ''),
            );
      expect(seen.sort()).toEqual([...expected].sort());
    }
  });

  it('refuses a query or cursor it cannot read, and a cursor of another scope (400)', async () => {
    for (const q of ['', '  ', '123', '!!!', 'x'.repeat(101)]) {
      const res = await search(q);
      expect(res.status, q).toBe(400);
      expect(res.body.error.details.map((d) => d.field)).toEqual(['q']);
    }
    expect((await search('siti', bappeda, '&due=overdue')).body.error.details[0]?.field).toBe('q');
    await register('Cursorina Scope', OTHER_VILLAGE);
    await register('Cursorina Scope', OTHER_VILLAGE);
    const first = await search('cursorina', bappeda, '&limit=1');
    expect(first.body.nextCursor).not.toBeNull();
    const volunteer = await sys.token('fmpp_volunteer', DISTRICT);
    const res = await search('cursorina', volunteer, `&cursor=${first.body.nextCursor}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]?.field).toBe('cursor');
    expect((await search('other', bappeda, `&cursor=${first.body.nextCursor}`)).status).toBe(400);
  });

  it('follows a corrected name and forgets an anonymised person', async () => {
    const c = await register('Tarminah Before');
    const official = await sys.token('village_official', VILLAGE);
    const corrected = await sys.request<Item>('PATCH', `/candidates/${c.id}`, {
      token: official,
      body: { fullName: 'Tarminah After' },
      headers: { 'if-match': `"${c.version}"` },
    });
    expect(corrected.status).toBe(200);
    expect(await idsOf('tarminah before')).toEqual([]);
    expect(await idsOf('tarminah after')).toEqual([c.id]);
    const gone = await sys.request('POST', `/candidates/${c.id}/anonymise`, {
      token: bappeda,
      body: { reason: 'Permintaan orang tua' },
      headers: { 'if-match': `"${corrected.body.version}"` },
    });
    expect(gone.status).toBe(200);
    expect(await idsOf('tarminah')).toEqual([]);
    expect(await idsOf(c.nik.slice(-4))).not.toContain(c.id);
    expect(await idsOf(c.nik)).toEqual([]);
  });

  it('reads one index range a kecamatan and the records it shows, not every candidate', async () => {
    // A village of its own: all seven hold places (no waitlist to read for positions).
    const village = '33.29.01.2004';
    for (let i = 0; i < 7; i++) await register(`Countable Person ${'ABCDEFG'[i]}`, village);
    const counter = countDynamoRequests();
    const official = await sys.token('village_official', village);
    counter.reset();
    const res = await search('countable', official, '&limit=5');
    expect(res.body.items).toHaveLength(5);
    // One Query of the kecamatan's index, one BatchGetItem of the 5 records (all hold places).
    expect(counter.byCommand()).toEqual({ QueryCommand: 1, BatchGetItemCommand: 1 });
    counter.reset();
    await search('countable', bappeda, '&limit=5');
    expect(counter.byCommand()).toEqual({ QueryCommand: districts.length, BatchGetItemCommand: 1 });
    counter.reset();
    const nik = await register('Countable Nik', village);
    counter.reset();
    await search(nik.nik, official);
    expect(counter.byCommand()).toEqual({ GetItemCommand: 1, BatchGetItemCommand: 1 });
  });
});

describe('the search migration', () => {
  it('indexes records written before search, and can run again', async () => {
    const c = await register('Migrasi Lamaningsih');
    // As a table written before search: the record without its entries.
    const entries = await db().send(
      new ScanCommand({
        TableName: sys.tableName,
        FilterExpression: 'id = :id AND begins_with(pk, :search)',
        ExpressionAttributeValues: { ':id': c.id, ':search': 'SEARCH#' },
      }),
    );
    expect(entries.Items?.length).toBe(3);
    for (const e of entries.Items ?? [])
      await db().send(new DeleteCommand({ TableName: sys.tableName, Key: { pk: e.pk, sk: e.sk } }));
    expect(await idsOf('lamaningsih')).toEqual([]);
    for (let run = 0; run < 2; run++) {
      const report = await migrateSearch();
      expect(report.entries).toBeGreaterThan(report.candidates);
      expect(await idsOf('lamaningsih migrasi')).toEqual([c.id]);
      expect(await idsOf(c.nik.slice(-4))).toContain(c.id);
    }
  });
});
