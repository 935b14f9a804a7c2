import { beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT, OTHER_VILLAGE_SAME_DISTRICT, registration, VILLAGE } from '../support/candidates.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

type Summary = { id: string; villageCode: string; nikMasked: string; nik?: string; status: string };
type Page = { items: Summary[]; nextCursor: string | null };

let sys: TestSystem;
const ids = { [VILLAGE]: [] as string[], [OTHER_VILLAGE_SAME_DISTRICT]: [] as string[] };

beforeAll(async () => {
  sys = await startTestSystem();
  await sys.request('PUT', '/programs/2026', { token: await sys.token('bappeda_staff'), body: {} });
  for (const [village, count, base] of [
    [VILLAGE, 23, 0],
    [OTHER_VILLAGE_SAME_DISTRICT, 4, 100],
  ] as const) {
    const token = await sys.token('village_official', village);
    for (let i = 0; i < count; i++) {
      const res = await sys.request<Summary>('POST', '/candidates', {
        token,
        body: registration(base + i + 1, { villageCode: village }),
      });
      expect(res.status).toBe(201);
      ids[village].push(res.body.id);
    }
  }
});

async function collect(
  token: string,
  query: string,
  limit: number,
): Promise<{ ids: string[]; pages: number }> {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/candidates?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const res: { status: number; body: Page } = await sys.request<Page>('GET', url, { token });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...res.body.items.map((c) => c.id));
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor && pages < 50);
  return { ids: seen, pages };
}

describe('listing candidates', () => {
  it('pages through every candidate of the village exactly once, in registration order', async () => {
    const token = await sys.token('village_official', VILLAGE);
    const { ids: seen, pages } = await collect(token, 'year=2026', 5);
    expect(seen).toEqual(ids[VILLAGE]);
    expect(pages).toBeGreaterThanOrEqual(5);
  });

  it('lets a volunteer list the whole kecamatan across villages', async () => {
    const token = await sys.token('fmpp_volunteer', DISTRICT);
    const { ids: seen } = await collect(token, 'year=2026', 7);
    expect(seen.sort()).toEqual([...ids[VILLAGE], ...ids[OTHER_VILLAGE_SAME_DISTRICT]].sort());
    const one = await collect(token, `village=${OTHER_VILLAGE_SAME_DISTRICT}`, 100);
    expect(one.ids).toEqual(ids[OTHER_VILLAGE_SAME_DISTRICT]);
  });

  it('lets Bappeda list the regency or one kecamatan', async () => {
    const token = await sys.token('bappeda_staff');
    expect((await collect(token, 'year=2026', 100)).ids).toHaveLength(27);
    expect((await collect(token, `district=${DISTRICT}`, 10)).ids).toHaveLength(27);
    expect((await collect(token, 'district=33.29.02', 10)).ids).toHaveLength(0);
  });

  it('filters by status and pages through the filtered list', async () => {
    const token = await sys.token('bappeda_staff');
    expect((await collect(token, 'status=IDENTIFIED', 4)).ids).toHaveLength(27);
    expect((await collect(token, 'status=VERIFIED', 4)).ids).toHaveLength(0);
  });

  it('masks NIKs in lists, even for the own official', async () => {
    const res = await sys.request<Page>('GET', '/candidates?limit=3', {
      token: await sys.token('village_official', VILLAGE),
    });
    for (const item of res.body.items) {
      expect(item.nik).toBeUndefined();
      expect(item.nikMasked).toMatch(/^\*{12}\d{4}$/);
    }
    expect(res.text).not.toMatch(/\d{16}/);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['status=DONE', 'status'],
    ['year=26', 'year'],
    ['cursor=not-a-cursor', 'cursor'],
  ])('refuses %s with 400 naming the parameter', async (query, field) => {
    const res = await sys.request<{ error: { code: string; details: { field: string }[] } }>(
      'GET',
      `/candidates?${query}`,
      {
        token: await sys.token('bappeda_staff'),
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]?.field).toBe(field);
  });

  it("refuses a cursor made for another village's list", async () => {
    const bappeda = await sys.token('bappeda_staff');
    const page = await sys.request<Page>(
      'GET',
      `/candidates?village=${OTHER_VILLAGE_SAME_DISTRICT}&limit=1`,
      { token: bappeda },
    );
    expect(page.body.nextCursor).not.toBeNull();
    const official = await sys.token('village_official', VILLAGE);
    const res = await sys.request('GET', `/candidates?cursor=${page.body.nextCursor}`, { token: official });
    expect(res.status).toBe(400);
  });
});
