import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { guideForTopic } from '../../functions/guide/app.js';
import { GUIDES, pdfOf, SIGN_IN_STEPS, screenshotOf } from '../../functions/guide/content.js';
import { HELP_TOPICS } from '../../shared/guide-topics.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * The guides' files and words, without a browser (test/browser/guide.test.ts checks them
 * against the app): every screenshot and printable guide is there and served, nothing else
 * is, any file name a visitor sends is answered below 500, and the words are plain Indonesian.
 */
const FILES = join('functions', 'guide', 'files');
let sys: TestSystem;

beforeAll(async () => {
  sys = await startTestSystem();
});

const get = (url: string) => sys.gateway.handle({ method: 'GET', url, headers: {}, body: undefined });

describe('the guide files', () => {
  it('are exactly the screenshots of every task and one PDF a guide, each served with its type', async () => {
    const expected = GUIDES.flatMap((g) => [
      ...g.tasks.map((t) => screenshotOf(g.slug, t.id)),
      pdfOf(g.slug),
    ]);
    expect((await readdir(FILES)).sort()).toEqual([...expected].sort());
    for (const name of expected) {
      const res = await get(`/panduan/berkas/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers['content-type']).toBe(name.endsWith('.pdf') ? 'application/pdf' : 'image/png');
      expect(res.body.equals(await readFile(join(FILES, name))), name).toBe(true);
    }
  });

  it('answers any name a visitor sends with the file or 404, never anything outside the folder', async () => {
    const served = new Set(await readdir(FILES));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.constantFrom(
            '..%2Fapp.tsx',
            '%2e%2e%2fcontent.ts',
            'operator-kuota.png%00',
            'app.tsx',
            '.png',
            'A.PNG',
          ),
          fc.constantFrom(...served),
        ),
        async (name) => {
          const res = await get(`/panduan/berkas/${encodeURIComponent(name)}`);
          expect(res.status).toBe(served.has(name) ? 200 : 404);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the guide pages', () => {
  it('a guide or topic that does not exist is a 404 page', async () => {
    expect((await get('/panduan/nope')).status).toBe(404);
    expect((await get('/panduan/topik/nope')).status).toBe(404);
  });

  it("a topic opens the viewer's own guide when it has that part, else the first that does", async () => {
    for (const topic of HELP_TOPICS) {
      const owners = GUIDES.filter((g) => topic === 'masuk' || g.tasks.some((t) => t.id === topic));
      expect(owners.length, topic).toBeGreaterThan(0);
      for (const g of GUIDES)
        expect(guideForTopic(topic, g.slug), `${topic} for ${g.slug}`).toBe(
          owners.includes(g) ? g.slug : owners[0]?.slug,
        );
      const res = await get(`/panduan/topik/${topic}`);
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe(`/panduan/${owners[0]?.slug}#${topic}`);
    }
  });

  it('are in plain Indonesian: none of the English words operators stumble on', async () => {
    const words = [
      SIGN_IN_STEPS,
      GUIDES.flatMap((g) => [
        g.title,
        g.who,
        ...g.tasks.flatMap((t) => [t.title, t.intro, ...t.steps.map((s) => s.text)]),
      ]),
    ]
      .flat()
      .join(' ')
      .toLowerCase();
    for (const jargon of [
      'upload',
      'download',
      'submit',
      'login',
      'logout',
      'dashboard',
      'user',
      'password',
      'klik',
      'input',
      'error',
    ])
      expect(words, jargon).not.toMatch(new RegExp(`\\b${jargon}`));
    const page = (await get('/panduan/operator')).body.toString();
    expect(page).toContain('<ol class="steps">');
    expect(page).toContain('<strong>Daftarkan calon</strong>');
  });
});
