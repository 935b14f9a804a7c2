import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_DRAFT_BYTES } from '../../shared/db/import-drafts.js';
import { VILLAGE } from '../support/candidates.js';
import { surveyCsv, surveyRow } from '../support/survey-list.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { csrfOf, postForm, signIn } from '../support/web.js';

/**
 * The web upload keeps what it checked (the rows, compressed) as a draft for an hour, so a
 * phone uploads a list once. A draft must fit one DynamoDB item (400 KB, which DynamoDB Local
 * enforces too) whatever was uploaded: rows that would not fit are refused with a message.
 */
let sys: TestSystem;
const YEAR = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();

beforeAll(async () => {
  sys = await startTestSystem();
  const bappeda = await sys.token('bappeda_staff');
  expect((await sys.request('PUT', `/programs/${YEAR}`, { token: bappeda, body: {} })).status).toBe(200);
});

/** The upload form posted as a browser posts it: multipart, with the session's CSRF token. */
async function uploadPage(cookie: string, csv: string) {
  const form = new FormData();
  form.set('csrf', await csrfOf(sys, cookie));
  form.set('file', new File([csv], 'daftar.csv', { type: 'text/csv' }));
  const request = new Request('http://localhost/impor', { method: 'POST', body: form });
  const res = await sys.gateway.handle({
    method: 'POST',
    url: '/impor',
    headers: { host: 'localhost', cookie, 'content-type': request.headers.get('content-type') ?? '' },
    body: Buffer.from(await request.arrayBuffer()),
  });
  return { status: res.status, html: res.body.toString() };
}

describe('the web import draft', () => {
  it('keeps the checked rows of a full 2,000-row list as a draft that registers them', async () => {
    const cookie = await signIn(sys, 'op-banjaran');
    const csv = surveyCsv(Array.from({ length: 2000 }, (_, i) => surveyRow(i + 1)));
    const checked = await uploadPage(cookie, csv);
    expect(checked.status).toBe(200);
    const draft = /name="draft" value="([0-9A-Z]{26})"/.exec(checked.html)?.[1];
    expect(draft).toBeDefined();
    const committed = await postForm(sys, '/impor/kirim', cookie, {
      csrf: await csrfOf(sys, cookie),
      draft: draft ?? '',
    });
    expect(committed.status).toBe(200);
    expect(committed.body.toString()).toContain('2000 didaftarkan.');
    const village = await sys.request<{ funded: number; waitlisted: number }>(
      'GET',
      `/villages/${VILLAGE}?year=${YEAR}`,
      {
        token: await sys.token('village_official', VILLAGE),
      },
    );
    expect(village.body.funded + village.body.waitlisted).toBe(2000);
  }, 60_000);

  it('refuses, with a message and before writing, a list whose rows would not fit', async () => {
    const cookie = await signIn(sys, 'op-bentar');
    // Notes of random letters do not compress: 2,000 × 450 characters is far more than a draft may hold.
    const note = () =>
      randomBytes(340)
        .toString('base64')
        .replace(/[^A-Za-z]/g, 'a')
        .slice(0, 450);
    const csv = surveyCsv(
      Array.from({ length: 2000 }, (_, i) => surveyRow(5000 + i, { 'Catatan Alasan': note() })),
    );
    expect(csv.length).toBeGreaterThan(MAX_DRAFT_BYTES * 2);
    const checked = await uploadPage(cookie, csv);
    expect(checked.status).toBe(400);
    expect(checked.html).toContain('terlalu besar untuk disimpan sementara');
    expect(checked.html).not.toContain('name="draft"');
  }, 60_000);

  it('refuses a hostile file on the upload page as the API does: one message naming the problem', async () => {
    const cookie = await signIn(sys, 'op-banjaran');
    const [header, ...rows] = surveyCsv([9001, 9002, 9003].map((n) => surveyRow(n))).split('\r\n');
    const unclosed = [header, `"${rows[0]}`, ...rows.slice(1)].join('\r\n');
    const checked = await uploadPage(cookie, unclosed);
    expect(checked.status).toBe(400);
    expect(checked.html).toMatch(/baris 2/);
    expect(checked.html).not.toContain('name="draft"');
  });
});
