/**
 * The programme's clock: what "now" and "today" are for every timestamp written and every rule
 * that reads the date (a birth date in the past, a payment date up to today, the retention of
 * a year). In AWS it is the real time. Only the local system (`GKB_TODAY=2027-01-15 npm start`)
 * and the tests move it, by calling `setToday`; the deployed functions never do, and this
 * module reads no environment variable. Operational time (sessions, tokens, TTLs, logs, rate
 * limits, retries) stays real.
 */
let offsetMs = 0;

export const now = (): Date => new Date(Date.now() + offsetMs);

const DAY_MS = 86_400_000;
const WIB_MS = 7 * 3_600_000;

/**
 * Makes `date` (`YYYY-MM-DD`) today in Brebes, the time of day running on from the real one;
 * `undefined` brings the real date back. A date that does not exist is an Error.
 */
export function setToday(date: string | undefined): void {
  if (date === undefined) {
    offsetMs = 0;
    return;
  }
  const target = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(target) || new Date(target).toISOString().slice(0, 10) !== date)
    throw new Error(`GKB_TODAY must be a date YYYY-MM-DD, not "${date}"`);
  const real = Date.now();
  const realDayStart = Math.floor((real + WIB_MS) / DAY_MS) * DAY_MS;
  offsetMs = target - realDayStart;
}
