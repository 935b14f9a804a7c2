import { now as clockNow } from '../clock.js';
import type { CandidateItem } from '../db/candidate-item.js';
import { putCandidate } from '../db/candidates.js';
import { CONTENDED, untilSettled } from '../db/contention.js';
import { followUpWrite, putVisit, queryDue, readFollowUpCounters, readVisits } from '../db/follow-up.js';
import { listPrograms, requireProgram } from '../db/programs.js';
import { transactOr } from '../db/transact.js';
import type { Status } from '../domain/candidate.js';
import { type CalendarDate, formatIsoDate, todayInBrebes } from '../domain/dates.js';
import {
  addDays,
  afterVisit,
  checkVisitDate,
  DUE_SOON_DAYS,
  followUpFigures,
  type Visit,
  type VisitInput,
  visitSuggestion,
} from '../domain/follow-up.js';
import { isId, newId } from '../domain/ids.js';
import {
  districts as allDistricts,
  villages as allVillages,
  findVillage,
  villagesOf,
} from '../domain/regions.js';
import { isOpen } from '../domain/workflow.js';
import { DomainError, validationFailed } from '../errors.js';
import { addMessages } from '../i18n.js';
import type { Principal } from '../principal.js';
import {
  decodeAfterCursor,
  encodeAfterCursor,
  listPrefix,
  type StoredCandidate,
  scopeOf,
  withPosition,
  withPositions,
} from './candidates.js';
import { readInScope } from './transitions.js';
import { visitMessages } from './visit-messages.js';

// This service's messages join the catalogue when it loads (shared/i18n.ts).
addMessages(visitMessages);

/** What a visit suggests to the volunteer next (the status never changes by itself). */
export type VisitSuggestion = ReturnType<typeof visitSuggestion>;

/**
 * Records a volunteer's visit to a record of their kecamatan: the visit, the record's last
 * visit and next due date (a new version), and the village's follow-up counters, in one
 * transaction. A record changed meanwhile is read again and the visit written on it.
 */
export async function recordVisit(
  principal: Principal,
  id: string,
  input: VisitInput,
  now: () => Date = clockNow,
): Promise<{ visit: Visit; stored: StoredCandidate; suggestion: VisitSuggestion }> {
  if (principal.role !== 'fmpp_volunteer') throw new DomainError('FORBIDDEN');
  return untilSettled(async () => {
    const current = await readInScope(principal, id);
    if (!isOpen(current.status) || current.anonymised)
      throw new DomainError('INVALID_TRANSITION', { message: { key: 'visit.closed' } });
    const today = todayInBrebes(now());
    const checked = checkVisitDate(input.date, current.createdAt, today);
    if ('problem' in checked) throw validationFailed([checked.problem]);
    const at = now().toISOString();
    const visit: Visit = {
      id: newId(),
      date: checked.date,
      kind: input.kind,
      outcome: input.outcome,
      note: input.note?.trim() || null,
      actor: { id: principal.sub, role: principal.role },
      at,
    };
    const updated: CandidateItem = {
      ...afterVisit(current, visit.date, visit.outcome),
      version: current.version + 1,
      updatedAt: at,
    };
    const outcome = await transactOr(
      [
        putCandidate(updated, current.version),
        putVisit(current.id, visit),
        ...followUpWrite(current.year, current.villageCode, [[current, updated]]),
      ],
      (failed) => (failed(0) ? 'versionMismatch' : undefined),
    );
    if (outcome !== 'ok') return CONTENDED;
    return {
      visit,
      stored: await withPosition(updated),
      suggestion: visitSuggestion(updated, visit.outcome),
    };
  });
}

/** Every visit of a record in the caller's scope, newest first. */
export async function candidateVisits(principal: Principal, id: string): Promise<Visit[]> {
  await readInScope(principal, id);
  return readVisits(id);
}

/** Overdue; due within 7 days (overdue included); or every open record (the worklist). */
export type DueWindow = 'overdue' | 'week' | 'open';

/** The sort-key range of a due window on `today`: overdue is before today, "week" up to 7 days ahead (overdue included). */
function dueRange(window: DueWindow, today: CalendarDate): { from: string; to: string } {
  // Sort keys are `<due>#<village>#<id>`: "2026-12-03" sorts before every key due that day,
  // and "2026-12-10#~" after every one.
  if (window === 'overdue') return { from: '0', to: formatIsoDate(today) };
  if (window === 'week') return { from: '0', to: `${formatIsoDate(addDays(today, DUE_SOON_DAYS))}#~` };
  return { from: '0', to: '9999~' };
}

export interface DueQuery {
  due: DueWindow;
  year?: number;
  village?: string;
  district?: string;
  statuses?: readonly Status[];
  /** Only records with this flag (a possible duplicate, a drop-out decision). */
  flag?: string;
  limit: number;
  cursor?: string;
}

/**
 * Open records in scope whose next visit is overdue, or due within 7 days, in due order
 * across cohorts: one range of the due index a kecamatan (the regency's kecamatan side by
 * side, merged), reading only records in the window.
 */
export async function listDue(
  principal: Principal,
  query: DueQuery,
  now: () => Date = clockNow,
): Promise<{ items: StoredCandidate[]; nextCursor: string | null }> {
  const prefix = listPrefix(principal, query);
  const { villageCode, districtCodes } = scopeOf(prefix);
  const range = dueRange(query.due, todayInBrebes(now()));
  const after = query.cursor ? decodeDueCursor(query.cursor, prefix) : undefined;
  // Past the cursor: the smallest key above it.
  const from = after ? `${after}\u0000` : range.from;
  const found = (
    await Promise.all(
      districtCodes.map((districtCode) =>
        queryDue({
          districtCode,
          from,
          to: range.to,
          ...(villageCode ? { villageCode } : {}),
          ...(query.year === undefined ? {} : { year: query.year }),
          ...(query.statuses ? { statuses: query.statuses } : {}),
          ...(query.flag ? { flag: query.flag } : {}),
          limit: query.limit + 1,
        }),
      ),
    )
  )
    .flat()
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  const page = found.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await withPositions(page.map((f) => f.item)),
    nextCursor: found.length > query.limit && last ? encodeAfterCursor(last.sortKey) : null,
  };
}

/** A due-list cursor: the sort key of the last record shown, naming a village in scope and an id. */
const decodeDueCursor = (cursor: string, prefix: string): string =>
  decodeAfterCursor(cursor, (after) => {
    const [due = '', village = '', id = '', ...rest] = after.split('#');
    return (
      rest.length === 0 &&
      /^\d{4}-\d{2}-\d{2}$/.test(due) &&
      Boolean(findVillage(village)) &&
      isId(id) &&
      `${village}#`.startsWith(prefix)
    );
  });

export interface FollowUpRow {
  code: string;
  name: string;
  learners: number;
  monitored: number;
  overdue: number;
}

type Figures = Omit<FollowUpRow, 'code' | 'name'>;

/** Adds a row's figures into a sum. */
function addFigures(sum: Figures, row: Figures): void {
  sum.learners += row.learners;
  sum.monitored += row.monitored;
  sum.overdue += row.overdue;
}

/**
 * `GET /reports/follow-up`: per village of a kecamatan (or of the regency, for Bappeda
 * without one), its cohort's learners, those visited in the last 30 days and the open records
 * overdue, from the villages' follow-up counters (one Query), and their totals.
 */
export async function followUpReport(
  principal: Principal,
  query: { year: number; district?: string },
  now: () => Date = clockNow,
): Promise<{
  year: number;
  district: string | null;
  asOf: string;
  rows: FollowUpRow[];
  totals: Figures;
}> {
  if (principal.role === 'village_official') throw new DomainError('FORBIDDEN');
  const district =
    query.district ?? (principal.role === 'fmpp_volunteer' ? principal.districtCode : undefined);
  if (
    district !== undefined &&
    (!allDistricts.some((d) => d.code === district) ||
      (principal.role === 'fmpp_volunteer' && district !== principal.districtCode))
  )
    throw new DomainError('NOT_FOUND');
  await requireProgram(query.year);
  const today = todayInBrebes(now());
  const counters = await readFollowUpCounters(query.year, district);
  const rows = (district ? villagesOf(district) : [...allVillages]).map((v) => {
    const { learners, monitored, overdue } = followUpFigures(counters.get(v.code) ?? {}, today);
    return { code: v.code, name: v.name, learners, monitored, overdue };
  });
  const totals = { learners: 0, monitored: 0, overdue: 0 };
  for (const r of rows) addFigures(totals, r);
  return { year: query.year, district: district ?? null, asOf: formatIsoDate(today), rows, totals };
}

/**
 * A kecamatan's open records overdue and due within 7 days, across every cohort (the
 * worklist's counts): the follow-up counters of its villages, one Query a cohort.
 */
export async function dueCounts(
  districtCode: string,
  now: () => Date = clockNow,
): Promise<{ overdue: number; dueSoon: number }> {
  const today = todayInBrebes(now());
  const years = (await listPrograms()).map((p) => p.year);
  const counts = { overdue: 0, dueSoon: 0 };
  for (const counters of await Promise.all(years.map((y) => readFollowUpCounters(y, districtCode)))) {
    for (const c of counters.values()) {
      const f = followUpFigures(c, today);
      counts.overdue += f.overdue;
      counts.dueSoon += f.dueSoon;
    }
  }
  return counts;
}

/** The follow-up report's village rows summed per kecamatan (Bappeda's view of the regency). */
export function followUpByDistrict(rows: FollowUpRow[]): FollowUpRow[] {
  return allDistricts.map((d) => {
    const row: FollowUpRow = { code: d.code, name: d.name, learners: 0, monitored: 0, overdue: 0 };
    for (const r of rows) if (findVillage(r.code)?.districtCode === d.code) addFigures(row, r);
    return row;
  });
}

/** The share of learners monitored, in whole percent (none when there are no learners). */
export const monitoredShare = (r: Pick<FollowUpRow, 'learners' | 'monitored'>): number | null =>
  r.learners > 0 ? Math.round((100 * r.monitored) / r.learners) : null;
