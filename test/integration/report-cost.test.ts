import { beforeAll, describe, expect, it } from 'vitest';
import { villages } from '../../shared/domain/regions.js';
import type { Principal } from '../../shared/principal.js';
import { registerCandidate } from '../../shared/services/candidates.js';
import { saveProgram } from '../../shared/services/programs.js';
import { inBatches } from '../support/bulk.js';
import { candidateFields } from '../support/candidates.js';
import { countDynamoRequests } from '../support/request-counter.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/** The budget report reads aggregates: its requests grow with villages, never with candidates. */
let sys: TestSystem;
const YEAR = 2026;

beforeAll(async () => {
  sys = await startTestSystem();
  await saveProgram({ sub: 'test-bappeda', role: 'bappeda_staff' }, YEAR, {});
});

async function registerInEveryVillage(perVillage: number, firstSerial: number) {
  const jobs = villages.flatMap((v, vi) =>
    Array.from({ length: perVillage }, (_, i) => ({ village: v, serial: firstSerial + vi * perVillage + i })),
  );
  await inBatches(jobs, 16, async ({ village, serial }) => {
    const official: Principal = {
      sub: `official-${village.code}`,
      role: 'village_official',
      villageCode: village.code,
      districtCode: village.districtCode,
    };
    const fields = candidateFields(1);
    const nik = `3329014507${String(10 + Math.floor(serial / 9999)).padStart(2, '0')}${String((serial % 9999) + 1).padStart(4, '0')}`;
    await registerCandidate(official, { year: YEAR, villageCode: village.code, ...fields, nik });
  });
}

describe('report cost', () => {
  it('makes the same number of requests for 297 villages with 1 candidate each as with 12 each', async () => {
    const counter = countDynamoRequests();
    const bappeda = await sys.token('bappeda_staff');
    const requestsFor = async (path: string) => {
      counter.reset();
      const res = await sys.request<{ totals: { registered: number } }>('GET', path, { token: bappeda });
      expect(res.status).toBe(200);
      return { requests: counter.total(), registered: res.body.totals?.registered };
    };

    await registerInEveryVillage(1, 0);
    const one = {
      district: await requestsFor(`/reports/budget?year=${YEAR}&by=district`),
      village: await requestsFor(`/reports/budget?year=${YEAR}&by=village`),
      quota: await requestsFor(`/reports/quota?year=${YEAR}`),
    };
    expect(one.district.registered).toBe(297);

    await registerInEveryVillage(11, 1000);
    const twelve = {
      district: await requestsFor(`/reports/budget?year=${YEAR}&by=district`),
      village: await requestsFor(`/reports/budget?year=${YEAR}&by=village`),
      quota: await requestsFor(`/reports/quota?year=${YEAR}`),
    };
    expect(twelve.district.registered).toBe(297 * 12);
    expect(twelve.district.requests).toBe(one.district.requests);
    expect(twelve.village.requests).toBe(one.village.requests);
    expect(twelve.quota.requests).toBe(one.quota.requests);
    expect(one.district.requests).toBeLessThanOrEqual(2);
  }, 240_000);
});
