/**
 * Statistical disclosure control of the public figures (docs/rules.md, "Open data"): no
 * published figure, alone or by subtracting published figures from each other or from a
 * published total, may reveal a count from 1 to 4. Pure code over a table of small counts.
 *
 * The public table has a row per kecamatan and a totals row; its figures are tied by exact
 * equations: in each row `registered = ats + dts`, `registered = everEnrolled + neverEnrolled`
 * (never enrolled is not published, but is a count of people all the same) and
 * `everEnrolled = learning + completed + droppedOut` (a record with a school is learning,
 * completed or dropped out again); in each column the totals row is the sum of the rows.
 *
 * Primary suppression hides every count from 1 to 4. Complementary suppression then asks what
 * a reader can work out from the published figures through any combination of the equations
 * (linear algebra on the hidden figures). Whenever that determines a hidden count from 1 to 4,
 * or a figure hidden to protect one, one more published figure of an equation holding it is
 * hidden (the smallest above zero, a kecamatan's before a total's), and the question is asked
 * again, until nothing protected can be worked out. Differences by bounds (a hidden figure
 * known to lie between two published ones) are not considered: the equations are exact.
 */
export const PUBLIC_FIGURES = [
  'registered',
  'ats',
  'dts',
  'everEnrolled',
  'learning',
  'completed',
  'droppedOut',
] as const;
export type PublicFigure = (typeof PUBLIC_FIGURES)[number];

/** A row as counted: the published figures and the unpublished count of the never enrolled. */
export type CountedRow = Record<PublicFigure | 'neverEnrolled', number>;

const COLUMNS = [...PUBLIC_FIGURES, 'neverEnrolled'] as const;
type Column = (typeof COLUMNS)[number];

/** The smallest count that may be published (other than 0). */
export const SMALLEST_PUBLISHED = 5;
const isSmall = (n: number) => n >= 1 && n < SMALLEST_PUBLISHED;

/** Each row's equations, as [left side, terms that add up to it]. */
const ROW_EQUATIONS: [Column, Column[]][] = [
  ['registered', ['ats', 'dts']],
  ['registered', ['everEnrolled', 'neverEnrolled']],
  ['everEnrolled', ['learning', 'completed', 'droppedOut']],
];

/**
 * Which published figures to hide in `rows` (a row per kecamatan) and `totals` (their sum):
 * for each row and the totals, the set of hidden figures.
 */
export function suppress(
  rows: CountedRow[],
  totals: CountedRow,
): { rows: Set<PublicFigure>[]; totals: Set<PublicFigure> } {
  const table = [...rows, totals];
  const T = table.length - 1;
  type Cell = { r: number; c: Column };
  const id = (cell: Cell) => cell.r * COLUMNS.length + COLUMNS.indexOf(cell.c);
  const value = (cell: Cell) => table[cell.r]?.[cell.c] ?? 0;
  const equations: Cell[][] = [];
  for (let r = 0; r <= T; r++)
    for (const [left, terms] of ROW_EQUATIONS)
      equations.push([{ r, c: left }, ...terms.map((c) => ({ r, c }))]);
  for (const c of COLUMNS) equations.push(table.map((_, r) => ({ r, c })));

  const hidden = new Set<number>();
  const protectedCells = new Set<number>();
  for (let r = 0; r <= T; r++)
    for (const c of COLUMNS) {
      const cell = { r, c };
      if (c === 'neverEnrolled') hidden.add(id(cell));
      if (isSmall(value(cell))) {
        hidden.add(id(cell));
        protectedCells.add(id(cell));
      }
    }

  // At most one more hidden figure a round, so at most as many rounds as figures.
  for (let round = 0; round <= table.length * COLUMNS.length; round++) {
    const determined = determinedCells(equations, hidden, id);
    const leaked = [...protectedCells].find((cell) => determined.has(cell));
    if (leaked === undefined) break;
    // The first published figure whose hiding leaves the leaked one undetermined, in order:
    // those of the equations holding it before the others, above zero before zero, a
    // kecamatan's before a total's, the smallest first.
    const around = new Set(
      equations.filter((e) => e.some((cell) => id(cell) === leaked)).flatMap((e) => e.map(id)),
    );
    const candidates = table
      .flatMap((_, r) => COLUMNS.map((c) => ({ r, c })))
      .filter((cell) => !hidden.has(id(cell)))
      .sort(
        (a, b) =>
          Number(!around.has(id(a))) - Number(!around.has(id(b))) ||
          Number(value(a) === 0) - Number(value(b) === 0) ||
          Number(a.r === T) - Number(b.r === T) ||
          value(a) - value(b),
      );
    const protects = (cell: Cell) => {
      hidden.add(id(cell));
      const still = determinedCells(equations, hidden, id).has(leaked);
      hidden.delete(id(cell));
      return !still;
    };
    const chosen = candidates.find(protects) ?? candidates[0];
    if (!chosen) break; // everything is hidden: nothing can be worked out
    hidden.add(id(chosen));
    protectedCells.add(id(chosen));
  }
  const hiddenOf = (r: number) => new Set(PUBLIC_FIGURES.filter((c) => hidden.has(id({ r, c }))));
  return { rows: rows.map((_, r) => hiddenOf(r)), totals: hiddenOf(T) };
}

/**
 * The hidden figures the published ones determine, through any combination of the
 * equations: the equations over the hidden figures (the published ones are constants) in
 * reduced row echelon form; a hidden figure is determined when its pivot row holds nothing
 * else. One elimination over at most 18 × 8 figures and 62 equations.
 */
function determinedCells<Cell>(
  equations: Cell[][],
  hidden: Set<number>,
  id: (cell: Cell) => number,
): Set<number> {
  const unknowns = [...hidden];
  const column = new Map(unknowns.map((u, i) => [u, i]));
  const rows = equations
    .map((e) => {
      const row = new Array<number>(unknowns.length).fill(0);
      e.forEach((cell, i) => {
        const k = column.get(id(cell));
        // The left side counts +1, the terms −1.
        if (k !== undefined) row[k] = (row[k] ?? 0) + (i === 0 ? 1 : -1);
      });
      return row;
    })
    .filter((row) => row.some((v) => v !== 0));
  const pivots: { row: number[]; column: number }[] = [];
  let r = 0;
  for (let c = 0; c < unknowns.length && r < rows.length; c++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++)
      if (Math.abs(rows[i]?.[c] ?? 0) > Math.abs(rows[best]?.[c] ?? 0)) best = i;
    const pivotRow = rows[best];
    if (!pivotRow || Math.abs(pivotRow[c] ?? 0) < EPSILON) continue;
    [rows[r], rows[best]] = [pivotRow, rows[r] as number[]];
    const scale = pivotRow[c] ?? 1;
    for (let k = 0; k < pivotRow.length; k++) pivotRow[k] = (pivotRow[k] ?? 0) / scale;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (i === r || !row) continue;
      const f = row[c] ?? 0;
      if (Math.abs(f) >= EPSILON)
        for (let k = 0; k < row.length; k++) row[k] = (row[k] ?? 0) - f * (pivotRow[k] ?? 0);
    }
    pivots.push({ row: pivotRow, column: c });
    r++;
  }
  const determined = new Set<number>();
  for (const p of pivots)
    if (p.row.every((v, k) => k === p.column || Math.abs(v) < EPSILON))
      determined.add(unknowns[p.column] as number);
  return determined;
}

const EPSILON = 1e-9;
