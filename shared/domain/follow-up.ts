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
