import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../shared/api/routes.js';
import { DISTRICT, registration, VILLAGE } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

type ErrorBody = { error: { code: string; message: string; details: { field: string; message: string }[] } };

let sys: TestSystem;
let bappeda: string;

beforeAll(async () => {
  sys = await startTestSystem();
  bappeda = await sys.token('bappeda_staff');
});

describe('public routes', () => {
  it('answers /health', async () => {
    const res = await sys.request('GET', '/health');
    expect(res).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('publishes OpenAPI 3.1 with every route of the table', async () => {
    const res = await sys.request<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      'GET',
      '/openapi.json',
    );
    expect(res.body.openapi).toBe('3.1.0');
    for (const route of routes)
      expect(res.body.paths[route.path]?.[route.method.toLowerCase()]).toBeDefined();
    // Every API write documents its body (an APBD place takes none); an import's is a CSV or XLSX file.
    const bodyless = ['assignApbdPlace'];
    for (const route of routes.filter((r) => r.auth === 'jwt' && r.method !== 'GET')) {
      const operation = res.body.paths[route.path]?.[route.method.toLowerCase()] as {
        requestBody?: unknown;
        responses: Record<string, unknown>;
      };
      expect(operation.requestBody !== undefined, route.operation).toBe(!bodyless.includes(route.operation));
    }
    for (const path of ['/imports', '/disbursements/imports', '/users/imports']) {
      const file = res.body.paths[path]?.post as { requestBody: { content: Record<string, unknown> } };
      expect(Object.keys(file.requestBody.content), path).toEqual([
        'text/csv',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ]);
    }
    const carryOver = res.body.paths['/candidates/{id}/carry-over']?.post as {
      responses: Record<string, unknown>;
    };
    expect(Object.keys(carryOver.responses)).toContain('201');
  });

  it('serves a docs page', async () => {
    const res = await sys.request('GET', '/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('/candidates/{id}');
  });

  it('answers an unknown path with the contract 404', async () => {
    const res = await sys.request<ErrorBody>('GET', '/no/such/thing');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('reference data', () => {
  it('lists the 17 kecamatan and 297 villages of Brebes', async () => {
    const token = await sys.token('fmpp_volunteer', DISTRICT);
    const districts = await sys.request<{ code: string; name: string }[]>('GET', '/districts', { token });
    expect(districts.body).toHaveLength(17);
    expect(districts.body[0]).toEqual({ code: '33.29.01', name: 'Salem' });
    const villages = await sys.request<unknown[]>('GET', '/villages', { token });
    expect(villages.body).toHaveLength(297);
    const salem = await sys.request<{ districtCode: string }[]>('GET', `/villages?district=${DISTRICT}`, {
      token,
    });
    expect(salem.body.length).toBeGreaterThan(5);
    expect(salem.body.every((v) => v.districtCode === DISTRICT)).toBe(true);
    expect((await sys.request('GET', '/villages?district=33.29.99', { token })).status).toBe(400);
  });
});

describe('programme years', () => {
  it('creates a year with defaults and reads it back', async () => {
    const put = await sys.request('PUT', '/programs/2026', { token: bappeda, body: {} });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      year: 2026,
      villageQuota: 10,
      apbdesPerPerson: 1500000,
      apbdCeiling: 500000000,
      apbdPlaces: 300,
      referenceDate: '2026-07-01',
      ageRanges: { ATS: [7, 18], DTS: [12, 55] },
      retentionYears: 5,
    });
    const get = await sys.request('GET', '/programs/2026', {
      token: await sys.token('village_official', VILLAGE),
    });
    expect(get.body).toEqual(put.body);
    expect((await sys.request('GET', '/programs/2029', { token: bappeda })).status).toBe(404);
  });

  it('changes only the fields sent', async () => {
    const res = await sys.request('PUT', '/programs/2027', {
      token: bappeda,
      body: { villageQuota: 12, ageRanges: { DTS: [15, 50] } },
    });
    expect(res.body).toMatchObject({
      villageQuota: 12,
      apbdPlaces: 300,
      ageRanges: { ATS: [7, 18], DTS: [15, 50] },
    });
  });

  it.each([
    ['villageQuota', { villageQuota: 0 }],
    ['apbdCeiling', { apbdCeiling: 1.5 }],
    ['referenceDate', { referenceDate: '2025-07-01' }],
    ['ageRanges.ATS', { ageRanges: { ATS: [18, 7] } }],
    ['ageRanges.DTS', { ageRanges: { DTS: [12, 101] } }],
    ['retention', { retention: 5 }],
  ])('refuses a bad %s with 400', async (field, body) => {
    const res = await sys.request<ErrorBody>('PUT', '/programs/2028', { token: bappeda, body });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d) => d.field)).toContain(field);
    expect((await sys.request('GET', '/programs/2028', { token: bappeda })).status).toBe(404);
  });

  it('is changed by Bappeda only', async () => {
    for (const token of [
      await sys.token('village_official', VILLAGE),
      await sys.token('fmpp_volunteer', DISTRICT),
    ]) {
      expect((await sys.request('PUT', '/programs/2026', { token, body: { villageQuota: 20 } })).status).toBe(
        403,
      );
    }
  });

  it('refuses a village quota below the places already held (409 CEILING_EXCEEDED)', async () => {
    await sys.request('PUT', '/programs/2026', { token: bappeda, body: { villageQuota: 3 } });
    const official = await sys.token('village_official', VILLAGE);
    for (let i = 1; i <= 3; i++) {
      expect(
        (await sys.request('POST', '/candidates', { token: official, body: registration(i) })).status,
      ).toBe(201);
    }
    const lower = await sys.request<ErrorBody>('PUT', '/programs/2026', {
      token: bappeda,
      body: { villageQuota: 2 },
    });
    expect(lower.status).toBe(409);
    expect(lower.body.error.code).toBe('CEILING_EXCEEDED');
    expect(
      (await sys.request('PUT', '/programs/2026', { token: bappeda, body: { villageQuota: 3 } })).status,
    ).toBe(200);
  });
});

describe('village summary', () => {
  it('counts places, waitlist and statuses for the own official', async () => {
    const official = await sys.token('village_official', VILLAGE);
    expect(
      (await sys.request('POST', '/candidates', { token: official, body: registration(4) })).status,
    ).toBe(201);
    const res = await sys.request('GET', `/villages/${VILLAGE}?year=2026`, { token: official });
    expect(res.body).toEqual({
      code: VILLAGE,
      name: 'Banjaran',
      districtCode: DISTRICT,
      year: 2026,
      quota: 3,
      funded: 3,
      waitlisted: 1,
      byStatus: {
        IDENTIFIED: 4,
        VERIFIED: 0,
        ENROLLED: 0,
        ACTIVE: 0,
        COMPLETED: 0,
        DROPPED_OUT: 0,
        INELIGIBLE: 0,
        WITHDRAWN: 0,
      },
    });
    expect((await sys.request('GET', '/villages/33.29.01.2002', { token: official })).status).toBe(404);
    expect((await sys.request('GET', '/villages/33.29.01.9999', { token: bappeda })).status).toBe(404);
    const notConfigured = await sys.request<ErrorBody>('GET', `/villages/${VILLAGE}?year=2035`, {
      token: bappeda,
    });
    expect(notConfigured.body.error.code).toBe('PROGRAM_NOT_CONFIGURED');
  });
});
