import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withGeneratedSections } from '../../scripts/api-docs.js';
import { routes } from '../../shared/api/routes.js';

/** The table cells of a Markdown text, without the padding the formatter adds. */
const cells = (markdown: string) =>
  markdown
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .split('|')
        .map((cell) => cell.trim().replace(/^-+$/, '---'))
        .join('|'),
    );

describe('docs/api.md', () => {
  const document = readFileSync('docs/api.md', 'utf8');

  it('holds the route table and the error codes as the code gives them (`npm run docs` writes them)', () => {
    expect(cells(document)).toEqual(cells(withGeneratedSections(document)));
  });

  it('names every route of the route table', () => {
    for (const r of routes) expect(document).toContain(`\`${r.method} ${r.path}\``);
  });
});

describe('the repository cites nothing outside it', () => {
  it("has no link or comment pointing at the brief's own files (../shared/*.md, domain.md, engineering.md)", () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter((f) => /\.(ts|tsx|md|json)$/.test(f) && f !== 'package-lock.json' && existsSync(f));
    expect(files.length).toBeGreaterThan(100);
    const outside = /\.\.\/shared\/\w+\.md|\b(domain|engineering)\.md\b/;
    const citing = files.filter(
      (f) => f !== 'test/unit/docs.test.ts' && outside.test(readFileSync(f, 'utf8')),
    );
    expect(citing).toEqual([]);
  });
});
