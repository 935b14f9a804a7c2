import { beforeAll, describe, expect, it } from 'vitest';
import { registration } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * Possible duplicates named on both sides, and Bappeda's decision: a different person (the
 * pair is cleared on both sides and does not come back) or the same person (the later record
 * is withdrawn, its place goes to the waitlist; the earlier stays).
 */
type Candidate = {
  id: string;
  version: number;
  status: string;
  flags: string[];
  possibleDuplicateOf?: string[];
  funding: { village: string };
};
type ErrorBody = { error: { code: string; message: string } };
type History = { to: string; note: string | null; duplicateReview?: { decision: string; with: string[] } }[];

let sys: TestSystem;
let bappeda: string;
let serial = 8000;
const YEAR = 2026;

beforeAll(async () => {
  sys = await startTestSystem();
  bappeda = await sys.token('bappeda_staff');
  expect(
    (await sys.request('PUT', `/programs/${YEAR}`, { token: bappeda, body: { villageQuota: 2 } })).status,
  ).toBe(200);
});

async function register(village: string, fullName: string, birthDate = '2011-03-14'): Promise<Candidate> {
  const res = await sys.request<Candidate>('POST', '/candidates', {
    token: await sys.token('village_official', village),
    body: registration(serial++, { villageCode: village, fullName, birthDate }),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
const get = async (id: string) =>
  (await sys.request<Candidate>('GET', `/candidates/${id}`, { token: bappeda })).body;
const review = (c: { id: string; version: number }, decision: string, note = 'Dicek dengan KK') =>
  sys.request<Candidate & ErrorBody>('POST', `/candidates/${c.id}/duplicate-review`, {
    token: bappeda,
    body: { decision, note },
    headers: { 'if-match': `"${c.version}"` },
  });
const history = async (id: string) =>
  (await sys.request<History>('GET', `/candidates/${id}/history`, { token: bappeda })).body;

describe('duplicate review', () => {
  it('names the look-alikes on both sides; SAME_PERSON withdraws the later record and its place goes on', async () => {
    const village = '33.29.03.2001';
    const earlier = await register(village, 'Ratna Dewi Kartika');
    const later = await register(village, 'Ratna Dewi Kartika');
    const waiting = await register(village, 'Sumarni Waiting', '2012-01-01');
    expect(later.flags).toContain('POSSIBLE_DUPLICATE');
    expect(earlier.flags).not.toContain('POSSIBLE_DUPLICATE');
    expect((await get(later.id)).possibleDuplicateOf).toEqual([earlier.id]);
    expect((await get(earlier.id)).possibleDuplicateOf).toEqual([later.id]);
    expect((await get(waiting.id)).possibleDuplicateOf).toEqual([]);
    expect(waiting.funding.village).toBe('WAITLISTED');

    // The earlier record is not the one withdrawn.
    const wrongSide = await review(earlier, 'SAME_PERSON');
    expect(wrongSide.status).toBe(409);
    expect(wrongSide.body.error.message).toContain('didaftarkan belakangan');
    expect((await review({ ...later, version: later.version + 5 }, 'SAME_PERSON')).status).toBe(412);

    const decided = await review(later, 'SAME_PERSON', 'NIK lama salah ketik');
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ status: 'WITHDRAWN', flags: [], funding: { village: 'NONE' } });
    expect((await get(waiting.id)).funding.village).toBe('FUNDED');
    expect((await get(earlier.id)).possibleDuplicateOf).toEqual([]);
    expect((await get(later.id)).possibleDuplicateOf).toEqual([]);
    expect((await get(earlier.id)).status).toBe('IDENTIFIED');
    expect((await history(later.id)).at(-1)).toMatchObject({
      to: 'WITHDRAWN',
      note: 'NIK lama salah ketik',
      duplicateReview: { decision: 'SAME_PERSON', with: [earlier.id] },
    });
    expect((await history(earlier.id)).at(-1)?.duplicateReview).toEqual({
      decision: 'SAME_PERSON',
      with: [later.id],
    });
  });

  it('DIFFERENT_PERSON clears the pair on both sides for good; nothing left is a 409', async () => {
    const village = '33.29.03.2002';
    const a = await register(village, 'Kembar Satu Nama');
    const b = await register(village, 'Kembar Satu Nama');
    const decided = await review(b, 'DIFFERENT_PERSON', 'Kembar, lahir sama');
    expect(decided.status).toBe(200);
    expect(decided.body.flags).toEqual([]);
    expect(decided.body.status).toBe('IDENTIFIED');
    expect((await get(a.id)).possibleDuplicateOf).toEqual([]);
    expect((await get(b.id)).possibleDuplicateOf).toEqual([]);
    // A correction that changes no fingerprint does not bring the pair back.
    const current = await get(b.id);
    const corrected = await sys.request<Candidate>('PATCH', `/candidates/${b.id}`, {
      token: await sys.token('village_official', village),
      body: { phone: '081234567890' },
      headers: { 'if-match': `"${current.version}"` },
    });
    expect(corrected.status).toBe(200);
    expect((await get(b.id)).possibleDuplicateOf).toEqual([]);
    // A third look-alike is a new pair with both.
    const c = await register(village, 'Kembar Satu Nama');
    expect((await get(c.id)).possibleDuplicateOf).toEqual([a.id, b.id].sort());
    expect((await get(a.id)).possibleDuplicateOf).toEqual([c.id]);
    expect((await review(await get(c.id), 'DIFFERENT_PERSON')).status).toBe(200);
    const again = await review(await get(b.id), 'DIFFERENT_PERSON');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('is refused to anyone but Bappeda, and without If-Match', async () => {
    const village = '33.29.03.2003';
    await register(village, 'Refused Look Alike');
    const b = await register(village, 'Refused Look Alike');
    for (const token of [
      await sys.token('village_official', village),
      await sys.token('fmpp_volunteer', '33.29.03'),
    ]) {
      const res = await sys.request('POST', `/candidates/${b.id}/duplicate-review`, {
        token,
        body: { decision: 'DIFFERENT_PERSON' },
        headers: { 'if-match': `"${b.version}"` },
      });
      expect(res.status).toBe(403);
    }
    const noIfMatch = await sys.request('POST', `/candidates/${b.id}/duplicate-review`, {
      token: bappeda,
      body: { decision: 'DIFFERENT_PERSON' },
    });
    expect(noIfMatch.status).toBe(428);
    const bad = await sys.request<{ error: { details: { field: string }[] } }>(
      'POST',
      `/candidates/${b.id}/duplicate-review`,
      { token: bappeda, body: { decision: 'MAYBE' }, headers: { 'if-match': `"${b.version}"` } },
    );
    expect(bad.body.error.details.map((d) => d.field)).toEqual(['decision']);
    expect((await get(b.id)).version).toBe(b.version);
  });
});
