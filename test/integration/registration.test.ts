import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, tableName } from '../../shared/db/client.js';
import { keys } from '../../shared/db/table.js';
import { registration, VILLAGE } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

type Candidate = {
  id: string;
  status: string;
  nik?: string;
  kk?: string;
  nikMasked: string;
  funding: { village: string; waitlistPosition: number | null };
  warnings: { field: string; message: string }[];
  phone: string | null;
  version: number;
};
type ErrorBody = { error: { code: string; message: string; details: { field: string; message: string }[] } };
type VillageSummary = { funded: number; waitlisted: number; byStatus: Record<string, number> };

let sys: TestSystem;
let bappeda: string;

beforeAll(async () => {
  sys = await startTestSystem();
  bappeda = await sys.token('bappeda_staff');
  expect((await sys.request('PUT', '/programs/2026', { token: bappeda, body: {} })).status).toBe(200);
});

const villageSummary = async (code: string) =>
  (await sys.request<VillageSummary>('GET', `/villages/${code}?year=2026`, { token: bappeda })).body;

describe('registering a candidate', () => {
  it('answers 201 with Location, ETag, masked numbers and a place; the record shows the full NIK', async () => {
    const official = await sys.token('village_official', VILLAGE);
    const res = await sys.request<Candidate>('POST', '/candidates', {
      token: official,
      body: registration(1, { phone: '0812-3456-7890', fullName: '  Siti   Aminah ' }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/candidates/${res.body.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      status: 'IDENTIFIED',
      districtCode: '33.29.01',
      nikMasked: '************0001',
      kkMasked: '************0001',
      fullName: 'Siti Aminah',
      phone: '+6281234567890',
      funding: { village: 'FUNDED', waitlistPosition: null, apbd: null },
      school: null,
      version: 1,
      warnings: [],
    });
    const got = await sys.request<Candidate>('GET', `/candidates/${res.body.id}`, { token: official });
    expect(got.status).toBe(200);
    expect(res.body.nik).toBeUndefined();
    expect(got.body.nik).toBe('3329014507100001');
    expect(got.body.kk).toBe('3329010101100001');
    expect(got.headers.etag).toBe('"1"');
  });

  it('accepts a NIK whose encoded facts differ, and returns the warnings', async () => {
    const official = await sys.token('village_official', VILLAGE);
    const res = await sys.request<Candidate>('POST', '/candidates', {
      token: official,
      body: registration(2, { sex: 'M', birthDate: '2010-07-06', guardianName: 'Darsono' }),
    });
    expect(res.status).toBe(201);
    expect(res.body.warnings.map((w) => w.message)).toEqual([
      'Tanggal lahir 06-07-2010 tidak sama dengan NIK (05-07-2010). Periksa KTP/KK; data tetap disimpan.',
      'Jenis kelamin Laki-laki tidak sama dengan NIK (perempuan). Periksa KTP/KK; data tetap disimpan.',
    ]);
  });

  it('registers an adult on the DTS track with their own consent', async () => {
    const official = await sys.token('village_official', VILLAGE);
    const res = await sys.request<Candidate>('POST', '/candidates', {
      token: official,
      body: registration(3, {
        nik: '3329011203900003',
        birthDate: '1990-03-12',
        sex: 'M',
        fullName: "Mohammad Syafi'i",
        track: 'DTS',
        outOfSchoolType: 'NOT_CONTINUED',
        lastLevel: 'SMP',
        reasonCode: 3,
        guardianName: null,
        consent: { given: true, by: 'SELF', name: "Mohammad Syafi'i" },
      }),
    });
    expect(res.status).toBe(201);
    expect(res.body.warnings).toEqual([]);
  });

  it('gives 12 concurrent registrations in one village exactly 10 places and waitlist 1 and 2', async () => {
    const village = '33.29.01.2003';
    const official = await sys.token('village_official', village);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        sys.request<Candidate>('POST', '/candidates', {
          token: official,
          body: registration(100 + i, { villageCode: village }),
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    const funding = results.map((r) => r.body.funding);
    expect(funding.filter((f) => f.village === 'FUNDED')).toHaveLength(10);
    expect(
      funding
        .filter((f) => f.village === 'WAITLISTED')
        .map((f) => f.waitlistPosition)
        .sort(),
    ).toEqual([1, 2]);
    expect(await villageSummary(village)).toMatchObject({
      funded: 10,
      waitlisted: 2,
      byStatus: { IDENTIFIED: 12 },
    });

    // The positions read back agree with the answers given at registration.
    const waitlisted = results.filter((r) => r.body.funding.village === 'WAITLISTED');
    for (const r of waitlisted) {
      const got = await sys.request<Candidate>('GET', `/candidates/${r.body.id}`, { token: official });
      expect(got.body.funding).toEqual(r.body.funding);
    }
  });

  it('numbers concurrent registrations into a full village 1..n on the waitlist, each answer exact', async () => {
    const village = '33.29.01.2007';
    const official = await sys.token('village_official', village);
    for (let i = 0; i < 10; i++) {
      const res = await sys.request('POST', '/candidates', {
        token: official,
        body: registration(500 + i, { villageCode: village }),
      });
      expect(res.status).toBe(201);
    }
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        sys.request<Candidate>('POST', '/candidates', {
          token: official,
          body: registration(520 + i, { villageCode: village }),
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(results.map((r) => r.body.funding.waitlistPosition).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    for (const r of results) {
      const got = await sys.request<Candidate>('GET', `/candidates/${r.body.id}`, { token: official });
      expect(got.body.funding).toEqual(r.body.funding);
    }

    // The waitlist is an item of its own, in the order of the positions answered; the year's
    // partition, which the reports read whole, holds the aggregate's counters and no list.
    const byPosition = results
      .map((r) => r.body)
      .sort((a, b) => (a.funding.waitlistPosition ?? 0) - (b.funding.waitlistPosition ?? 0))
      .map((c) => c.id);
    const { Item: waitlist } = await db().send(
      new GetCommand({ TableName: tableName(), Key: keys.waitlist(2026, village), ConsistentRead: true }),
    );
    expect(waitlist?.ids).toEqual(byPosition);
    const { Items: yearItems = [] } = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.program(2026).pk },
        ConsistentRead: true,
      }),
    );
    const aggregate = yearItems.find((i) => i.sk === keys.villageAggregate(2026, village).sk);
    expect(aggregate).toMatchObject({ registered: 16, funded: 10 });
    expect(yearItems.filter((i) => Object.values(i).some(Array.isArray))).toEqual([]);
  });

  it('takes one NIK raced into two villages once: one 201, one 409 DUPLICATE_NIK', async () => {
    const [a, b] = ['33.29.01.2004', '33.29.02.2001'];
    const body = (villageCode: string) => registration(200, { villageCode });
    const results = await Promise.all([
      sys.request<Candidate | ErrorBody>('POST', '/candidates', {
        token: await sys.token('village_official', a),
        body: body(a),
      }),
      sys.request<Candidate | ErrorBody>('POST', '/candidates', {
        token: await sys.token('village_official', b),
        body: body(b),
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const conflict = results.find((r) => r.status === 409)?.body as ErrorBody;
    expect(conflict.error.code).toBe('DUPLICATE_NIK');
    expect(conflict.error.message).not.toContain('3329014507100200');
    const counts = [await villageSummary(a), await villageSummary(b)];
    expect(counts.map((c) => c.byStatus.IDENTIFIED).sort()).toEqual([0, 1]);
  });

  it('refuses the same NIK again in the same village, typed with separators', async () => {
    const official = await sys.token('village_official', VILLAGE);
    const res = await sys.request<ErrorBody>('POST', '/candidates', {
      token: official,
      body: registration(1, { nik: '3329 0145 0710 0001', kk: '3329010101109999' }),
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('DUPLICATE_NIK');
  });
});

describe('Idempotency-Key', () => {
  const village = '33.29.01.2005';

  it('answers a retry with the first registration and writes nothing', async () => {
    const official = await sys.token('village_official', village);
    const body = registration(300, { villageCode: village });
    const headers = { 'idempotency-key': 'retry-300' };
    const first = await sys.request<Candidate>('POST', '/candidates', { token: official, body, headers });
    const retries = await Promise.all(
      [1, 2, 3].map(() => sys.request<Candidate>('POST', '/candidates', { token: official, body, headers })),
    );
    expect(first.status).toBe(201);
    for (const retry of retries) {
      expect(retry.status).toBe(201);
      expect(retry.body.id).toBe(first.body.id);
      expect(retry.headers['idempotent-replayed']).toBe('true');
    }
    expect((await villageSummary(village)).byStatus.IDENTIFIED).toBe(1);
  });

  it('creates one candidate when the first request and its retry race', async () => {
    const official = await sys.token('village_official', village);
    const body = registration(301, { villageCode: village });
    const headers = { 'idempotency-key': 'race-301' };
    const both = await Promise.all([
      sys.request<Candidate>('POST', '/candidates', { token: official, body, headers }),
      sys.request<Candidate>('POST', '/candidates', { token: official, body, headers }),
    ]);
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    expect(both[0]?.body.id).toBe(both[1]?.body.id);
    expect((await villageSummary(village)).byStatus.IDENTIFIED).toBe(2);
  });

  it('refuses the same key with another body: 409 IDEMPOTENCY_KEY_REUSED', async () => {
    const official = await sys.token('village_official', village);
    const headers = { 'idempotency-key': 'retry-300' };
    const res = await sys.request<ErrorBody>('POST', '/candidates', {
      token: official,
      body: registration(302, { villageCode: village }),
      headers,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await villageSummary(village)).byStatus.IDENTIFIED).toBe(2);
  });
});

describe('bad input', () => {
  const village = '33.29.01.2006';
  const cases: [
    string,
    { body?: unknown; rawBody?: string; headers?: Record<string, string> },
    string,
    string,
  ][] = [
    ['malformed JSON', { rawBody: '{"year": 2026,' }, 'VALIDATION_FAILED', 'body'],
    ['a JSON array', { rawBody: '[]' }, 'VALIDATION_FAILED', 'body'],
    [
      'an unknown field',
      { body: registration(400, { villageCode: village, status: 'ENROLLED' }) },
      'VALIDATION_FAILED',
      'status',
    ],
    [
      'funding smuggled in',
      { body: registration(400, { villageCode: village, funding: {} }) },
      'VALIDATION_FAILED',
      'funding',
    ],
    [
      'a missing field',
      { body: { ...registration(400, { villageCode: village }), nik: undefined } },
      'VALIDATION_FAILED',
      'nik',
    ],
    [
      'a number as a string',
      { body: registration(400, { villageCode: village, reasonCode: '1' }) },
      'VALIDATION_FAILED',
      'reasonCode',
    ],
    [
      'a 15-digit NIK',
      { body: registration(400, { villageCode: village, nik: '332901450710040' }) },
      'VALIDATION_FAILED',
      'nik',
    ],
    [
      'a NIK with letters',
      { body: registration(400, { villageCode: village, nik: '33290145071004O0' }) },
      'VALIDATION_FAILED',
      'nik',
    ],
    [
      'a 31 February NIK',
      { body: registration(400, { villageCode: village, nik: '3329017102100400' }) },
      'VALIDATION_FAILED',
      'nik',
    ],
    [
      'a short KK',
      { body: registration(400, { villageCode: village, kk: '33290101011' }) },
      'VALIDATION_FAILED',
      'kk',
    ],
    [
      'digits in the name',
      { body: registration(400, { villageCode: village, fullName: 'Siti 2' }) },
      'VALIDATION_FAILED',
      'fullName',
    ],
    [
      'an impossible birth date',
      { body: registration(400, { villageCode: village, birthDate: '2010-02-30' }) },
      'VALIDATION_FAILED',
      'birthDate',
    ],
    [
      'too old for ATS',
      { body: registration(400, { villageCode: village, birthDate: '2000-01-01' }) },
      'VALIDATION_FAILED',
      'birthDate',
    ],
    [
      'a minor without guardian',
      { body: registration(400, { villageCode: village, guardianName: null }) },
      'VALIDATION_FAILED',
      'guardianName',
    ],
    [
      'reason 12 without a note',
      { body: registration(400, { villageCode: village, reasonCode: 12 }) },
      'VALIDATION_FAILED',
      'reasonNote',
    ],
    [
      'a landline phone',
      { body: registration(400, { villageCode: village, phone: '021-555-1234' }) },
      'VALIDATION_FAILED',
      'phone',
    ],
    [
      'an unknown village',
      { body: registration(400, { villageCode: '33.29.01.9999' }) },
      'VALIDATION_FAILED',
      'villageCode',
    ],
    [
      'an oversized body',
      { body: registration(400, { villageCode: village, reasonNote: 'x'.repeat(20_000) }) },
      'VALIDATION_FAILED',
      'body',
    ],
  ];

  it.each(cases)('%s gives 400 naming the field and writes nothing', async (_, input, code, field) => {
    const official = await sys.token('village_official', village);
    const before = await villageSummary(village);
    const res = await sys.request<ErrorBody>('POST', '/candidates', { token: official, ...input });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.details.map((d) => d.field)).toContain(field);
    expect(await villageSummary(village)).toEqual(before);
  });

  it('names every problem at once, in English on request', async () => {
    const official = await sys.token('village_official', village);
    const res = await sys.request<ErrorBody>('POST', '/candidates', {
      token: official,
      headers: { 'accept-language': 'en' },
      body: registration(401, {
        villageCode: village,
        nik: '3329',
        kk: 'abc',
        guardianName: null,
        phone: '12',
      }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Some fields need attention.');
    expect(res.body.error.details).toEqual([
      { field: 'nik', message: 'A NIK has 16 digits; 4 were given.' },
      { field: 'kk', message: 'A KK number may contain digits only.' },
      { field: 'phone', message: expect.stringContaining('Invalid phone') },
      { field: 'guardianName', message: 'A guardian name is required for a candidate under 18.' },
    ]);
  });

  it('refuses a year Bappeda has not configured: 409 PROGRAM_NOT_CONFIGURED', async () => {
    const official = await sys.token('village_official', village);
    const res = await sys.request<ErrorBody>('POST', '/candidates', {
      token: official,
      body: registration(402, { villageCode: village, year: 2031 }),
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('PROGRAM_NOT_CONFIGURED');
  });
});
