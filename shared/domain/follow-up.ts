import * as z from 'zod/mini';
import type { FieldProblem } from '../errors.js';
import type { Role } from '../principal.js';
import type { Status } from './candidate.js';
import { type CalendarDate, compareDates, formatIsoDate, parseIsoDate, todayInBrebes } from './dates.js';

/**
 * Follow-up visits (pendampingan): what a volunteer records, and when the next visit is due.
 * Pure calendar arithmetic in Asia/Jakarta days (WIB, UTC+7, no daylight saving), no clock
 * read unless given one: each rule has its unit test (test/unit/follow-up.test.ts).
 */
export const VISIT_KINDS = ['HOME', 'SCHOOL', 'PHONE'] as const;
export const VISIT_FINDINGS = ['ATTENDING', 'NOT_ATTENDING', 'NOT_MET'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
export type VisitFinding = (typeof VISIT_FINDINGS)[number];

/** `POST /candidates/{id}/visits`: `date` (YYYY-MM-DD) is today when absent. */
export const visitSchema = z.strictObject({
  date: z.nullish(z.string().check(z.maxLength(32))),
  kind: z.enum(VISIT_KINDS),
  outcome: z.enum(VISIT_FINDINGS),
  note: z.nullish(z.string().check(z.maxLength(500))),
});
export type VisitInput = z.infer<typeof visitSchema>;

/** A visit as recorded (append-only, like the history). */
export interface Visit {
  id: string;
  date: string;
  kind: VisitKind;
  outcome: VisitFinding;
  note: string | null;
  actor: { id: string; role: Role };
  at: string;
}

/** The statuses whose people are learners: the ones a follow-up report counts and monitors. */
export const LEARNER_STATUSES: readonly Status[] = ['ENROLLED', 'ACTIVE'];

/** A flag on a record whose ACTIVE learner was found not attending on two visits in a row. */
export const DROP_OUT_DECISION = 'DROP_OUT_DECISION';
/** Visits in a row that found an ACTIVE learner not attending before the record is flagged. */
export const NOT_ATTENDING_IN_A_ROW = 2;

/** Days from the last visit or status change to the next visit due, by status; closed: none. */
export const VISIT_INTERVAL_DAYS: Readonly<Partial<Record<Status, number>>> = {
  IDENTIFIED: 14,
  VERIFIED: 14,
  ENROLLED: 30,
  ACTIVE: 30,
  DROPPED_OUT: 7,
};

/** A learner is monitored when visited within the last this many days (today and the 29 before). */
export const MONITORED_DAYS = 30;

/** The day in Brebes (WIB) of an instant such as `2026-07-01T17:30:00.000Z` (which is 2 July). */
export function dayInBrebes(instant: string): CalendarDate {
  return todayInBrebes(new Date(instant));
}

/** `date` plus `days` whole days, across month and year ends and leap days. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round(
    (Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / 86_400_000,
  );
}

/**
 * The next visit due (`YYYY-MM-DD`): the later of the last status change (an instant, taken
 * as its day in Brebes) and the last visit (a date), plus the status' interval; `null` for a
 * closed record (COMPLETED, INELIGIBLE, WITHDRAWN).
 */
export function nextVisitDue(
  status: Status,
  lastStatusAt: string,
  lastVisitOn?: string | null,
): string | null {
  const interval = VISIT_INTERVAL_DAYS[status];
  if (interval === undefined) return null;
  const changed = dayInBrebes(lastStatusAt);
  const visited = lastVisitOn ? parseIsoDate(lastVisitOn) : undefined;
  const from =
    visited && typeof visited === 'object' && compareDates(visited, changed) > 0 ? visited : changed;
  return formatIsoDate(addDays(from, interval));
}

/** How many days a visit due on `due` is overdue on `today` (0 when not overdue: due today is on time). */
export function daysOverdue(due: string, today: CalendarDate): number {
  const d = parseIsoDate(due);
  if (typeof d !== 'object') return 0;
  return Math.max(0, daysBetween(d, today));
}

/** Whether a learner last visited on `lastVisitOn` counts as monitored on `today`. */
export function isMonitored(lastVisitOn: string | null | undefined, today: CalendarDate): boolean {
  if (!lastVisitOn) return false;
  const d = parseIsoDate(lastVisitOn);
  if (typeof d !== 'object') return false;
  const ago = daysBetween(d, today);
  return ago >= 0 && ago < MONITORED_DAYS;
}

/**
 * What of a record the follow-up rules read. `statusAt` is absent on records written before
 * follow-up existed: their registration then stands for the last status change.
 */
export interface FollowUpFields {
  status: Status;
  createdAt: string;
  statusAt?: string;
  lastVisit?: string | null;
  /** Visits in a row that found the learner not attending (a visit that met nobody does not count). */
  notAttending?: number;
  flags: string[];
}

/** A record's follow-up as shown: `null` on a closed record. */
export function followUpOf(
  c: FollowUpFields,
  today: CalendarDate,
): { lastVisit: string | null; nextDue: string; overdue: boolean; daysOverdue: number } | null {
  const nextDue = nextVisitDue(c.status, c.statusAt ?? c.createdAt, c.lastVisit);
  if (nextDue === null) return null;
  const late = daysOverdue(nextDue, today);
  return { lastVisit: c.lastVisit ?? null, nextDue, overdue: late > 0, daysOverdue: late };
}

/** A record's next visit due as stored in the due index (`null`: closed, not in the index). */
export const dueOf = (c: FollowUpFields): string | null =>
  nextVisitDue(c.status, c.statusAt ?? c.createdAt, c.lastVisit);

/** A record after a status change at `at`: its due date starts again, and a past run of absences no longer counts. */
export function afterStatusChange<T extends FollowUpFields>(c: T, at: string): T {
  return { ...c, statusAt: at, notAttending: 0, flags: c.flags.filter((f) => f !== DROP_OUT_DECISION) };
}

/** Why a visit's date cannot be recorded (`date`, the problem), or the date; today when none is given. */
export function checkVisitDate(
  raw: string | null | undefined,
  registeredAt: string,
  today: CalendarDate,
): { date: string } | { problem: FieldProblem } {
  const text = raw?.trim();
  if (!text) return { date: formatIsoDate(today) };
  const parsed = parseIsoDate(text);
  if (parsed === 'format') return { problem: { field: 'date', key: 'date.format' } };
  if (parsed === 'invalid')
    return { problem: { field: 'date', key: 'date.invalid', params: { date: text } } };
  if (compareDates(parsed, today) > 0) return { problem: { field: 'date', key: 'visit.future' } };
  const registered = dayInBrebes(registeredAt);
  if (compareDates(parsed, registered) < 0)
    return {
      problem: {
        field: 'date',
        key: 'visit.beforeRegistration',
        params: { date: formatIsoDate(registered) },
      },
    };
  return { date: formatIsoDate(parsed) };
}

/**
 * A record after a visit on `date` that found `outcome`: its last visit (the later of the
 * two: a visit written down late does not move it back), the run of absences, and the flag
 * for a drop-out decision when an ACTIVE learner was not attending twice in a row. Nothing
 * changes the status: the volunteer decides.
 */
export function afterVisit<T extends FollowUpFields>(c: T, date: string, outcome: VisitFinding): T {
  const lastVisit = c.lastVisit && c.lastVisit > date ? c.lastVisit : date;
  const notAttending =
    outcome === 'ATTENDING'
      ? 0
      : outcome === 'NOT_ATTENDING'
        ? (c.notAttending ?? 0) + 1
        : (c.notAttending ?? 0);
  const flagged = c.status === 'ACTIVE' && notAttending >= NOT_ATTENDING_IN_A_ROW;
  const flags = c.flags.filter((f) => f !== DROP_OUT_DECISION);
  return { ...c, lastVisit, notAttending, flags: flagged ? [...flags, DROP_OUT_DECISION] : flags };
}

/** What a visit suggests to the volunteer: marking an attending ENROLLED learner ACTIVE, or deciding on a drop-out. */
export function visitSuggestion(
  after: FollowUpFields,
  outcome: VisitFinding,
): 'MARK_ACTIVE' | 'DROP_OUT_DECISION' | null {
  if (after.status === 'ENROLLED' && outcome === 'ATTENDING') return 'MARK_ACTIVE';
  if (after.flags.includes(DROP_OUT_DECISION)) return 'DROP_OUT_DECISION';
  return null;
}

/**
 * The change to a village's follow-up counters (one item a village and cohort) when a record
 * goes from `before` to `after` (either absent: registered, or gone): `learners`, `due_<date>`
 * (open records whose next visit is due that day) and `seen_<date>` (learners last visited
 * that day). A report sums them for any day: overdue is every `due_` before today, monitored
 * every `seen_` of the last 30 days, so the counters never need a daily job.
 */
export function followUpCounterChanges(
  before: FollowUpFields | undefined,
  after: FollowUpFields | undefined,
): Record<string, number> {
  const changes: Record<string, number> = {};
  const add = (name: string, n: number) => {
    changes[name] = (changes[name] ?? 0) + n;
    if (changes[name] === 0) delete changes[name];
  };
  for (const [c, sign] of [
    [before, -1],
    [after, 1],
  ] as const) {
    if (!c) continue;
    const due = dueOf(c);
    if (due) add(`due_${due}`, sign);
    if (LEARNER_STATUSES.includes(c.status)) {
      add('learners', sign);
      if (c.lastVisit) add(`seen_${c.lastVisit}`, sign);
    }
  }
  return changes;
}

/** Days ahead that "due soon" looks: today and the 7 after. */
export const DUE_SOON_DAYS = 7;

/**
 * A village's follow-up counters on `today`: learners, those monitored, open records overdue
 * and open records due soon (today to 7 days ahead).
 */
export function followUpFigures(
  counters: Record<string, unknown>,
  today: CalendarDate,
): { learners: number; monitored: number; overdue: number; dueSoon: number } {
  const soon = formatIsoDate(addDays(today, DUE_SOON_DAYS));
  let monitored = 0;
  let overdue = 0;
  let dueSoon = 0;
  for (const [name, value] of Object.entries(counters)) {
    if (typeof value !== 'number') continue;
    if (name.startsWith('due_')) {
      const day = name.slice('due_'.length);
      if (daysOverdue(day, today) > 0) overdue += value;
      else if (day <= soon) dueSoon += value;
    } else if (name.startsWith('seen_') && isMonitored(name.slice('seen_'.length), today)) monitored += value;
  }
  const learners = typeof counters.learners === 'number' ? counters.learners : 0;
  return { learners, monitored, overdue, dueSoon };
}
