/**
 * DynamoDB requests of the operations the latency runs do not cover, one request each,
 * counted with the SDK middleware on the handlers' client (test/integration/request-counts
 * asserts the same figures).
 */
import { countDynamoRequests } from '../test/support/request-counter.js';
import { takePerson } from './latency.js';
import { type BenchSystem, villageList } from './system.js';

const YEAR = 2023;

type Candidate = { id: string; version: number; funding: { village: string } };

export async function countRequests(sys: BenchSystem): Promise<Record<string, Record<string, number>>> {
  const counter = countDynamoRequests();
  const village = villageList[1] ?? { code: '', districtCode: '' };
  const official = await sys.officialOf(village.code);
  const volunteer = await sys.volunteerOf(village.districtCode);
  const counts: Record<string, Record<string, number>> = {};
  const counted = async <T>(name: string, work: () => Promise<{ body: T }>) => {
    counter.reset();
    const { body } = await work();
    counts[name] = Object.fromEntries(
      Object.entries(counter.byCommand()).map(([c, n]) => [c.replace(/Command$/, ''), n]),
    );
    return body;
  };
  const register = () =>
    sys.call<Candidate>('POST', '/candidates', official, {
      body: { year: YEAR, villageCode: village.code, ...takePerson() },
    });
  const ifMatch = (c: { version: number }) => ({ 'if-match': `"${c.version}"` });

  await counted('putProgram', () =>
    sys.call('PUT', `/programs/${YEAR}`, sys.bappeda, { body: { villageQuota: 2 } }),
  );
  await counted('getProgram', () => sys.call('GET', `/programs/${YEAR}`, sys.bappeda));
  const first = await counted('register', register);
  await register();
  const waiting = (await register()).body;
  await counted('quotaReport', () => sys.call('GET', `/reports/quota?year=${YEAR}`, sys.bappeda));
  await counted('budgetReportByVillage', () =>
    sys.call('GET', `/reports/budget?year=${YEAR}&by=village`, sys.bappeda),
  );
  const corrected = await counted<Candidate>('correct (PATCH)', () =>
    sys.call('PATCH', `/candidates/${first.id}`, official, {
      body: { guardianName: 'Warsini' },
      headers: ifMatch(first),
    }),
  );
  await counted('history', () => sys.call('GET', `/candidates/${corrected.id}/history`, volunteer));
  await counted('withdraw from the waitlist', () =>
    sys.call('POST', `/candidates/${waiting.id}/transitions`, official, {
      body: { to: 'WITHDRAWN' },
      headers: ifMatch(waiting),
    }),
  );
  await register();
  const leaving = (await register()).body;
  let c = await counted<Candidate>('APBD place', () =>
    sys.call('POST', `/candidates/${leaving.id}/apbd-place`, sys.bappeda, {
      body: {},
      headers: ifMatch(leaving),
    }),
  );
  await counted('withdraw, promoting the head of the waitlist', () =>
    sys.call('POST', `/candidates/${first.id}/transitions`, official, {
      body: { to: 'WITHDRAWN' },
      headers: ifMatch(corrected),
    }),
  );
  for (const [to, extra] of [
    ['VERIFIED', {}],
    ['ENROLLED', { school: { npsn: '20325671', name: 'SMP Negeri 1', level: 'SMP' } }],
  ] as const) {
    c = (
      await sys.call<Candidate>('POST', `/candidates/${c.id}/transitions`, volunteer, {
        body: { to, ...extra },
        headers: ifMatch(c),
      })
    ).body;
  }
  await counted('disbursement', () =>
    sys.call('POST', `/candidates/${c.id}/disbursements`, sys.bappeda, {
      body: { source: 'APBD', amount: 100, paidAt: `${YEAR}-08-01`, reference: 'SP2D/001' },
      headers: ifMatch(c),
      expect: 201,
    }),
  );
  const enrolled = (await sys.call<Candidate>('GET', `/candidates/${c.id}`, volunteer)).body;
  await counted('school change', () =>
    sys.call('POST', `/candidates/${c.id}/school`, volunteer, {
      body: { school: { npsn: 'P9997333', name: 'PKBM Harapan Bangsa', level: 'PAKET_B' } },
      headers: ifMatch(enrolled),
    }),
  );
  await sys.call('PUT', `/programs/${YEAR + 1}`, sys.bappeda, { body: {} });
  const carriable = (await register()).body;
  await counted('carry-over', () =>
    sys.call('POST', `/candidates/${carriable.id}/carry-over`, official, {
      body: { year: YEAR + 1 },
      headers: ifMatch(carriable),
      expect: 201,
    }),
  );
  await counted('get with the full NIK (recorded)', () =>
    sys.call('GET', `/candidates/${c.id}`, sys.bappeda),
  );
  await counted('export (subject access)', () => sys.call('GET', `/candidates/${c.id}/export`, sys.bappeda));
  const paid = (await sys.call<Candidate>('GET', `/candidates/${c.id}`, volunteer)).body;
  await counted('anonymise', () =>
    sys.call('POST', `/candidates/${c.id}/anonymise`, sys.bappeda, {
      body: { reason: 'Permintaan orang tua' },
      headers: ifMatch(paid),
    }),
  );
  return counts;
}
