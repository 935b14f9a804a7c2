import { listPrograms, programNotConfigured } from '../db/programs.js';
import type { VillageAggregate } from '../db/villages.js';
import { readYear } from '../db/year.js';
import { PATHWAYS, SEXES, STATUSES, type Status } from '../domain/candidate.js';
import { REASON_CODES } from '../domain/outcomes.js';
import { TRACKS } from '../domain/program.js';
import { districts, villages } from '../domain/regions.js';
import { DomainError } from '../errors.js';
import type { Principal } from '../principal.js';

type Pathway = (typeof PATHWAYS)[number];

/** What the programme achieved in a group of records (docs/rules.md, "Outcomes"). */
export interface OutcomeFigures {
  registered: number;
  byTrack: Record<(typeof TRACKS)[number], number>;
  bySex: Record<(typeof SEXES)[number], number>;
  byStatus: Record<Status, number>;
  everEnrolled: number;
  reEnrolled: number;
  byPathway: Record<Pathway, number>;
  byReason: Record<string, number>;
}

export interface OutcomeRow extends OutcomeFigures {
  /** A kecamatan or village code, or the programme year (`by=year`). */
  code: string | number;
  name: string;
}

export type OutcomeGrouping = 'district' | 'village' | 'year';

export interface OutcomeReport {
  year: number | null;
  by: OutcomeGrouping;
  rows: OutcomeRow[];
  totals: OutcomeFigures;
}

const zeros = <K extends string | number>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

const emptyFigures = (): OutcomeFigures => ({
  registered: 0,
  byTrack: zeros(TRACKS),
  bySex: zeros(SEXES),
  byStatus: zeros(STATUSES),
  everEnrolled: 0,
  reEnrolled: 0,
  byPathway: zeros(PATHWAYS),
  byReason: Object.fromEntries(REASON_CODES.map((n) => [String(n), 0])),
});

/** Adds a village aggregate's outcome counters into a group's figures. */
function addAggregate(f: OutcomeFigures, a: VillageAggregate | undefined): void {
  if (!a) return;
  const n = (v: number | undefined) => v ?? 0;
  f.registered += n(a.registered);
  for (const t of TRACKS) f.byTrack[t] += n(a[`track_${t}`]);
  for (const s of SEXES) f.bySex[s] += n(a[`sex_${s}`]);
  for (const s of STATUSES) f.byStatus[s] += n(a[`count_${s}`]);
  f.everEnrolled += n(a.everEnrolled);
  f.reEnrolled += n(a.reEnrolled);
  for (const p of PATHWAYS) f.byPathway[p] += n(a[`pathway_${p}`]);
  for (const r of REASON_CODES) f.byReason[String(r)] = (f.byReason[String(r)] ?? 0) + n(a[`reason_${r}`]);
}

/** Adds one group's figures into another's (totals, a year's row). */
function addFigures(into: OutcomeFigures, f: OutcomeFigures): void {
  into.registered += f.registered;
  into.everEnrolled += f.everEnrolled;
  into.reEnrolled += f.reEnrolled;
  for (const t of TRACKS) into.byTrack[t] += f.byTrack[t];
  for (const s of SEXES) into.bySex[s] += f.bySex[s];
  for (const s of STATUSES) into.byStatus[s] += f.byStatus[s];
  for (const p of PATHWAYS) into.byPathway[p] += f.byPathway[p];
  for (const [r, v] of Object.entries(f.byReason)) into.byReason[r] = (into.byReason[r] ?? 0) + v;
}

/** A cohort's figures per kecamatan or village (every row present) and in total, from its aggregates. */
export async function cohortOutcomes(
  year: number,
  by: 'district' | 'village',
): Promise<{ rows: OutcomeRow[]; totals: OutcomeFigures }> {
  const state = await readYear(year);
  if (!state.program) throw programNotConfigured(year);
  const rowOf = new Map<string, OutcomeRow>(
    by === 'village'
      ? villages.map((v) => [v.code, { code: v.code, name: v.name, ...emptyFigures() }])
      : districts.map((d) => [d.code, { code: d.code, name: d.name, ...emptyFigures() }]),
  );
  const totals = emptyFigures();
  for (const v of villages) {
    const aggregate = state.villages.get(v.code);
    const row = rowOf.get(by === 'village' ? v.code : v.districtCode);
    if (row) addAggregate(row, aggregate);
    addAggregate(totals, aggregate);
  }
  return { rows: [...rowOf.values()], totals };
}

/**
 * `GET /reports/outcomes` (Bappeda): a cohort by kecamatan or village, or one row per
 * configured cohort (`by=year`, oldest first) for year-over-year comparison. Reads the
 * aggregates only: one Query of a year's partition per cohort shown.
 */
export async function outcomesReport(
  principal: Principal,
  query: { year: number; by: OutcomeGrouping },
): Promise<OutcomeReport> {
  if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
  if (query.by !== 'year')
    return { year: query.year, by: query.by, ...(await cohortOutcomes(query.year, query.by)) };
  const years = (await listPrograms()).map((p) => p.year).sort((a, b) => a - b);
  const rows: OutcomeRow[] = [];
  const totals = emptyFigures();
  for (const { year, figures } of await Promise.all(
    years.map(async (year) => ({ year, figures: (await cohortOutcomes(year, 'district')).totals })),
  )) {
    rows.push({ code: year, name: `Tahun program ${year}`, ...figures });
    addFigures(totals, figures);
  }
  return { year: null, by: 'year', rows, totals };
}
