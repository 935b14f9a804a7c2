import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CountedRow,
  PUBLIC_FIGURES,
  type PublicFigure,
  suppress,
} from '../../shared/domain/disclosure.js';

/**
 * Suppression of the public figures, checked by code of the test's own: no published figure
 * from 1 to 4; no row or column difference against published figures and totals recovers a
 * hidden one; and, stronger, no hidden figure from 1 to 4 is determined by the published ones
 * through any combination of the table's equations (a rank test by Gaussian elimination).
 */

/** A kecamatan's people by track and stage, and the row of figures they make. */
function rowOf(people: { ats: number[]; dts: number[] }): CountedRow {
  // Stages: never enrolled, learning, completed, dropped out.
  const sum = (a: number[]) => a.reduce((n, v) => n + v, 0);
  const stage = (i: number) => (people.ats[i] ?? 0) + (people.dts[i] ?? 0);
  return {
    registered: sum(people.ats) + sum(people.dts),
    ats: sum(people.ats),
    dts: sum(people.dts),
    everEnrolled: stage(1) + stage(2) + stage(3),
    learning: stage(1),
    completed: stage(2),
    droppedOut: stage(3),
    neverEnrolled: stage(0),
  };
}

const add = (a: CountedRow, b: CountedRow): CountedRow =>
  Object.fromEntries(
    Object.keys(a).map((k) => [k, a[k as keyof CountedRow] + b[k as keyof CountedRow]]),
  ) as CountedRow;

const countsArb = fc.array(fc.nat({ max: 12 }), { minLength: 4, maxLength: 4 });
const tableArb = fc
  .array(fc.record({ ats: countsArb, dts: countsArb }), { minLength: 1, maxLength: 17 })
  .map((people) => people.map(rowOf));

/** Whether unknown `target` is determined by the equations (each a map unknown → coefficient, = a constant). */
function determined(equations: Map<string, number>[], target: string): boolean {
  const unknowns = [...new Set(equations.flatMap((e) => [...e.keys()]))];
  const col = new Map(unknowns.map((u, i) => [u, i]));
  const rank = (rows: number[][]) => {
    const m = rows.map((r) => [...r]);
    let r = 0;
    for (let c = 0; c < unknowns.length && r < m.length; c++) {
      let pivot = r;
      for (let i = r + 1; i < m.length; i++)
        if (Math.abs(m[i]?.[c] ?? 0) > Math.abs(m[pivot]?.[c] ?? 0)) pivot = i;
      if (Math.abs(m[pivot]?.[c] ?? 0) < 1e-9) continue;
      [m[r], m[pivot]] = [m[pivot] as number[], m[r] as number[]];
      for (let i = 0; i < m.length; i++) {
        if (i === r) continue;
        const f = (m[i]?.[c] ?? 0) / (m[r]?.[c] ?? 1);
        if (f !== 0) m[i] = (m[i] as number[]).map((v, k) => v - f * ((m[r] as number[])[k] ?? 0));
      }
      r++;
    }
    return r;
  };
  const matrix = equations.map((e) => unknowns.map((u) => e.get(u) ?? 0));
  const unit = unknowns.map((u) => (u === target ? 1 : 0));
  return col.has(target) && rank(matrix) === rank([...matrix, unit]);
}

function check(rows: CountedRow[]) {
  const totals = rows.reduce(add);
  const result = suppress(rows, totals);
  const table = [...rows, totals];
  const hiddenSets = [...result.rows, result.totals];
  const isHidden = (r: number, c: PublicFigure) => hiddenSets[r]?.has(c) ?? false;
  const v = (r: number, c: keyof CountedRow) => table[r]?.[c] ?? 0;

  // 1. Nothing published from 1 to 4.
  for (const [r] of table.entries())
    for (const c of PUBLIC_FIGURES)
      if (!isHidden(r, c)) expect(v(r, c) < 1 || v(r, c) > 4, `${r} ${c}`).toBe(true);

  // 2. Row and column differences: an equation with exactly one hidden figure recovers it.
  const rowEquations: PublicFigure[][] = [
    ['registered', 'ats', 'dts'],
    ['everEnrolled', 'learning', 'completed', 'droppedOut'],
  ];
  for (const [r] of table.entries()) {
    for (const eq of rowEquations)
      expect(eq.filter((c) => isHidden(r, c)).length, `row ${r} ${eq}`).not.toBe(1);
    // Registered less ever enrolled is the never enrolled: not from 1 to 4 when both are published.
    if (!isHidden(r, 'registered') && !isHidden(r, 'everEnrolled')) {
      const never = v(r, 'registered') - v(r, 'everEnrolled');
      expect(never < 1 || never > 4, `row ${r} never enrolled ${never}`).toBe(true);
    }
  }
  for (const c of PUBLIC_FIGURES)
    expect(table.filter((_, r) => isHidden(r, c)).length, `column ${c}`).not.toBe(1);

  // 3. Any combination of the equations: a hidden figure from 1 to 4 stays undetermined.
  const name = (r: number, c: string) => `${r}:${c}`;
  const unknown = (r: number, c: string) => c === 'neverEnrolled' || isHidden(r, c as PublicFigure);
  const equations: Map<string, number>[] = [];
  const equation = (terms: [number, string, number][]) => {
    const e = new Map<string, number>();
    for (const [r, c, k] of terms) if (unknown(r, c)) e.set(name(r, c), (e.get(name(r, c)) ?? 0) + k);
    if (e.size > 0) equations.push(e);
  };
  for (const [r] of table.entries()) {
    equation([
      [r, 'registered', 1],
      [r, 'ats', -1],
      [r, 'dts', -1],
    ]);
    equation([
      [r, 'registered', 1],
      [r, 'everEnrolled', -1],
      [r, 'neverEnrolled', -1],
    ]);
    equation([
      [r, 'everEnrolled', 1],
      [r, 'learning', -1],
      [r, 'completed', -1],
      [r, 'droppedOut', -1],
    ]);
  }
  const last = table.length - 1;
  for (const c of [...PUBLIC_FIGURES, 'neverEnrolled'])
    equation([[last, c, 1], ...rows.map((_, r) => [r, c, -1] as [number, string, number])]);
  for (const [r] of table.entries())
    for (const c of [...PUBLIC_FIGURES, 'neverEnrolled'] as const)
      if (unknown(r, c) && v(r, c) >= 1 && v(r, c) <= 4)
        expect(determined(equations, name(r, c)), `${r} ${c} = ${v(r, c)}`).toBe(false);
  return result;
}

describe('suppressing small counts', () => {
  it('hides a kecamatan of 3 and whatever would give it away, and keeps large counts', () => {
    const big = rowOf({ ats: [20, 10, 5, 5], dts: [10, 10, 0, 5] });
    const small = rowOf({ ats: [1, 1, 0, 0], dts: [0, 1, 0, 0] });
    const result = check([big, small, big]);
    expect(result.rows[1]?.has('registered')).toBe(true);
    // Its complement in the registered column is hidden too, so the total does not give it away.
    expect([result.rows[0], result.rows[2], result.totals].some((s) => s?.has('registered'))).toBe(true);
    expect(result.totals.size).toBeLessThan(PUBLIC_FIGURES.length);
  });

  it('publishes everything when no count is from 1 to 4', () => {
    const row = rowOf({ ats: [10, 10, 5, 5], dts: [5, 10, 10, 0] });
    const result = check([row, row]);
    expect(result.rows.every((s) => s.size === 0)).toBe(true);
    expect(result.totals.size).toBe(0);
  });

  it('never publishes a figure, or a difference of published figures, from 1 to 4 (random tables)', () => {
    fc.assert(
      fc.property(tableArb, (rows) => void check(rows)),
      { numRuns: 300 },
    );
  });
});
