import { programNotConfigured } from '../db/programs.js';
import { byStatusOf, type VillageAggregate, waitlistedIn } from '../db/villages.js';
import { readYear, type YearState } from '../db/year.js';
import { STATUSES, type Status } from '../domain/candidate.js';
import { districts, findDistrict, villages } from '../domain/regions.js';
import { DomainError } from '../errors.js';
import type { Principal } from '../principal.js';

export interface Money {
  reserved: number;
  committed: number;
  disbursed: number;
}

export interface BudgetRow {
  code: string;
  name: string;
  districtCode?: string;
  registered: number;
  funded: number;
  waitlisted: number;
  byStatus: Record<Status, number>;
  apbdes: Money;
  apbd: Money & { places: number };
}

export interface BudgetReport {
  year: number;
  by: 'district' | 'village';
  totals: Omit<BudgetRow, 'code' | 'name' | 'districtCode' | 'apbd'> & {
    apbd: Money & { ceiling: number; places: number; placesUsed: number };
  };
  rows: BudgetRow[];
}

const emptyRow = (code: string, name: string, districtCode?: string): BudgetRow => ({
  code,
  name,
  ...(districtCode ? { districtCode } : {}),
  registered: 0,
  funded: 0,
  waitlisted: 0,
  byStatus: byStatusOf(undefined),
  apbdes: { reserved: 0, committed: 0, disbursed: 0 },
  apbd: { places: 0, reserved: 0, committed: 0, disbursed: 0 },
});

/** Each status with the aggregate counter that counts it, computed once (reports add 600 aggregates). */
const STATUS_COUNTERS = STATUSES.map((s) => [s, `count_${s}` as const] as const);

/** Adds a village aggregate into a row. */
function addInto(row: BudgetRow, a: VillageAggregate | undefined): void {
  if (!a) return;
  const n = (value: number | undefined) => value ?? 0;
  row.registered += n(a.registered);
  row.funded += n(a.funded);
  row.waitlisted += waitlistedIn(a);
  for (const [s, counter] of STATUS_COUNTERS) row.byStatus[s] += n(a[counter]);
  row.apbdes.reserved += n(a.apbdesReserved);
  row.apbdes.committed += n(a.apbdesCommitted);
  row.apbdes.disbursed += n(a.apbdesDisbursed);
  row.apbd.places += n(a.apbdPlaces);
  row.apbd.reserved += n(a.apbdReserved);
  row.apbd.committed += n(a.apbdCommitted);
  row.apbd.disbursed += n(a.apbdDisbursed);
}

async function yearFor(
  principal: Principal,
  year: number,
): Promise<YearState & { program: NonNullable<YearState['program']> }> {
  if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
  const state = await readYear(year);
  if (!state.program) throw programNotConfigured(year);
  return { ...state, program: state.program };
}

/**
 * Places and money per kecamatan (17 rows) or village (297 rows), every row present even when
 * empty, and totals that are the sum of the rows. Reads only the year's aggregate items.
 */
export async function budgetReport(
  principal: Principal,
  year: number,
  by: 'district' | 'village',
): Promise<BudgetReport> {
  const state = await yearFor(principal, year);
  // One pass over the villages fills the rows and the total.
  const total = emptyRow('', '');
  const rowOf = new Map<string, BudgetRow>(
    by === 'village'
      ? villages.map((v) => [v.code, emptyRow(v.code, v.name, v.districtCode)])
      : districts.map((d) => [d.code, emptyRow(d.code, d.name)]),
  );
  for (const v of villages) {
    const aggregate = state.villages.get(v.code);
    const row = rowOf.get(by === 'village' ? v.code : v.districtCode);
    if (row) addInto(row, aggregate);
    addInto(total, aggregate);
  }
  const rows = [...rowOf.values()];
  const { code: _c, name: _n, apbd, ...counts } = total;
  return {
    year,
    by,
    totals: {
      ...counts,
      apbd: {
        ceiling: state.program.apbdCeiling,
        places: state.program.apbdPlaces,
        placesUsed: apbd.places,
        reserved: apbd.reserved,
        committed: apbd.committed,
        disbursed: apbd.disbursed,
      },
    },
    rows,
  };
}

export interface QuotaRow {
  code: string;
  name: string;
  districtCode: string;
  districtName: string;
  quota: number;
  funded: number;
  waitlisted: number;
  shortfall: number;
}

/** Villages whose village places are below quota, with the shortfall, by kecamatan then village. */
export async function quotaReport(principal: Principal, year: number) {
  const state = await yearFor(principal, year);
  const quota = state.program.villageQuota;
  const rows: QuotaRow[] = villages
    .map((v) => {
      const a = state.villages.get(v.code);
      const funded = a?.funded ?? 0;
      return {
        code: v.code,
        name: v.name,
        districtCode: v.districtCode,
        districtName: findDistrict(v.districtCode)?.name ?? '',
        quota,
        funded,
        waitlisted: a ? waitlistedIn(a) : 0,
        shortfall: quota - funded,
      };
    })
    .filter((r) => r.shortfall > 0)
    .sort((a, b) => a.districtCode.localeCompare(b.districtCode) || a.code.localeCompare(b.code));
  return { year, quota, villages: rows, totalShortfall: rows.reduce((sum, r) => sum + r.shortfall, 0) };
}
