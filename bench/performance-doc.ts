import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

export const PERFORMANCE_DOC = 'docs/performance.md';
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/**
 * Puts a run's tables into docs/performance.md between its markers, leaving the prose around
 * them as it is, and formats the file as the rest of the repository is (Biome).
 */
export function writePerformanceDoc(tables: string): void {
  const doc = readFileSync(PERFORMANCE_DOC, 'utf8');
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${PERFORMANCE_DOC}: no ${START} … ${END} section`);
  writeFileSync(
    PERFORMANCE_DOC,
    `${doc.slice(0, start + START.length)}\n\n${tables.trim()}\n\n${doc.slice(end)}`,
  );
  execFileSync('npx', ['biome', 'format', '--write', PERFORMANCE_DOC], { stdio: 'ignore' });
}
