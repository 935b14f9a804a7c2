import { type CountedRow, PUBLIC_FIGURES, type PublicFigure, suppress } from '../domain/disclosure.js';
import { cohortOutcomes, type OutcomeFigures } from './outcomes.js';

/** A published figure: a count, or `null` where it is hidden (fewer than 5, or giving one away). */
export type PublicRow = { code: string; name: string } & Record<PublicFigure, number | null>;

export interface PublicOutcomes {
  year: number;
  rows: PublicRow[];
  totals: Record<PublicFigure, number | null>;
}

/** What the public table counts of a group's outcome figures. */
function counted(f: OutcomeFigures): CountedRow {
  return {
    registered: f.registered,
    ats: f.byTrack.ATS,
    dts: f.byTrack.DTS,
    everEnrolled: f.everEnrolled,
    learning: f.byStatus.ENROLLED + f.byStatus.ACTIVE,
    completed: f.byStatus.COMPLETED,
    droppedOut: f.byStatus.DROPPED_OUT,
    neverEnrolled: f.registered - f.everEnrolled,
  };
}

const published = (row: CountedRow, hidden: Set<PublicFigure>) =>
  Object.fromEntries(PUBLIC_FIGURES.map((k) => [k, hidden.has(k) ? null : row[k]])) as Record<
    PublicFigure,
    number | null
  >;

/**
 * `GET /public/outcomes` and the page `/data`: a cohort per kecamatan and in total, with every
 * small count and what would give it away hidden (shared/domain/disclosure.ts). Nothing
 * personal and nothing per village; one read of the year's aggregates.
 */
export async function publicOutcomes(year: number): Promise<PublicOutcomes> {
  const { rows, totals } = await cohortOutcomes(year, 'district');
  const table = rows.map(counted);
  const total = counted(totals);
  const hidden = suppress(table, total);
  return {
    year,
    rows: rows.map((r, i) => ({
      code: String(r.code),
      name: r.name,
      ...published(table[i] as CountedRow, hidden.rows[i] ?? new Set()),
    })),
    totals: published(total, hidden.totals),
  };
}
