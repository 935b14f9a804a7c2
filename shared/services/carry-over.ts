import { now as clockNow } from '../clock.js';
import type { CandidateItem } from '../db/candidate-item.js';
import { carriableRecords, personRecordOf, readCandidate, registrationWrites } from '../db/candidates.js';
import { CONTENDED, untilSettled } from '../db/contention.js';
import type { HistoryEntry } from '../db/history.js';
import { carryRecord, closedRecords, type Person, personOf, readPeople } from '../db/people.js';
import { programNotConfigured, requireProgram } from '../db/programs.js';
import { type TransactItem, transactOr } from '../db/transact.js';
import { transitionWrites, type WaitlistChange } from '../db/transitions.js';
import { readProgramAndVillage, waitlistedIn } from '../db/villages.js';
import { readYear } from '../db/year.js';
import { type CheckedCandidate, checkCandidate } from '../domain/candidate.js';
import { afterStatusChange } from '../domain/follow-up.js';
import { isId } from '../domain/ids.js';
import { isProgramYear, type ProgramSettings } from '../domain/program.js';
import { findVillage } from '../domain/regions.js';
import { BEFORE_ENROLMENT } from '../domain/workflow.js';
import { DomainError, type FieldProblem, validationFailed } from '../errors.js';
import { addMessages, type Lang, render } from '../i18n.js';
import { METRIC, putMetric } from '../metrics.js';
import { canSeeVillage, type Principal } from '../principal.js';
import {
  alreadyInProgramme,
  countRegistrations,
  duplicateNik,
  newCandidate,
  POSSIBLE_DUPLICATE,
  type StoredCandidate,
  withPosition,
} from './candidates.js';
import { carryOverMessages } from './carry-over-messages.js';
import { waitlistChangeFor } from './transitions.js';

// This service's messages join the catalogue when it loads (shared/i18n.ts).
addMessages(carryOverMessages);

/**
 * Carry-over: a record still IDENTIFIED or VERIFIED (never enrolled) goes on in a later
 * programme year. One transaction closes the old record as WITHDRAWN (its place released, its
 * village's waitlist promoted, an APBD place returned, with a note naming the new year) and
 * registers the person in the new year under that year's quota, waitlist and age rules, both
 * records linked, the person item moving its open record from one to the other.
 */

/** The year to carry into: a programme year after the record's, that Bappeda configured. */
export function checkTargetYear(from: number, to: number): void {
  if (!isProgramYear(to)) throw validationFailed([{ field: 'year', key: 'year.invalid' }]);
  if (to <= from)
    throw validationFailed([{ field: 'year', key: 'carryOver.yearNotLater', params: { year: from } }]);
}

/**
 * Whether the record can be carried into `year` as it stands: its fields checked under that
 * year's rules, or why not (status, anonymisation, the new year's age rules, the person's other
 * records). The same reasons serve the API's errors and the cohort carry-over's rows.
 */
export function carriable(
  c: CandidateItem,
  year: number,
  program: ProgramSettings,
  person: Person,
): { refused: DomainError } | { checked: CheckedCandidate } {
  if (c.anonymised)
    return { refused: new DomainError('INVALID_TRANSITION', { message: { key: 'carryOver.anonymised' } }) };
  if (!BEFORE_ENROLMENT.includes(c.status))
    return { refused: new DomainError('INVALID_TRANSITION', { message: { key: 'carryOver.notCarriable' } }) };
  const { problems, checked } = checkCandidate(c, program);
  if (!checked) return { refused: validationFailed(problems) };
  if ([...person.byId.values()].some((r) => r.year === year && r.id !== c.id))
    return { refused: duplicateNik(year) };
  if (person.open && person.open !== c.id) {
    const openYear = person.byId.get(person.open)?.year ?? '?';
    return {
      refused: new DomainError('ALREADY_IN_PROGRAMME', {
        message: { key: 'carryOver.openElsewhere', params: { year: openYear } },
      }),
    };
  }
  return { checked };
}

/**
 * Carries record `id` into `year`, by `principal`: at the version the caller saw (the API's
 * If-Match, required), or (a cohort carry-over) as it is read.
 */
export async function carryOverRecord(
  principal: Principal,
  id: string,
  year: number,
  version: { ifMatch: number | undefined } | 'as read',
  now: () => Date = clockNow,
): Promise<StoredCandidate> {
  // Its village's official or Bappeda; another village's record answers as if it did not exist.
  if (principal.role === 'fmpp_volunteer') throw new DomainError('FORBIDDEN');
  return untilSettled(async () => {
    const current = isId(id) ? await readCandidate(id) : undefined;
    if (!current || !canSeeVillage(principal, current.villageCode)) throw new DomainError('NOT_FOUND');
    if (version !== 'as read') {
      if (version.ifMatch === undefined) throw new DomainError('PRECONDITION_REQUIRED');
      if (version.ifMatch !== current.version) throw new DomainError('VERSION_MISMATCH');
    }
    checkTargetYear(current.year, year);

    const village = findVillage(current.villageCode);
    if (!village) throw new Error('a candidate names a village that does not exist');
    const read = await readProgramAndVillage(
      year,
      current.villageCode,
      current.fingerprints,
      current.nikHash,
    );
    if (!read.program) throw programNotConfigured(year);
    const { program, aggregate, waitlist, lookAlikes, person } = read;
    // Open in another cohort (from before the person item): where, as registration says it.
    if (person.open && person.open !== current.id) throw await alreadyInProgramme(person);
    const verdict = carriable(current, year, program, person);
    if ('refused' in verdict) throw verdict.refused;
    const { checked } = verdict;

    const at = now().toISOString();
    const takesPlace = (aggregate?.funded ?? 0) < program.villageQuota && waitlist.length === 0;
    const carried: CandidateItem = newCandidate({
      principal,
      village,
      year,
      checked,
      nikHash: current.nikHash,
      fingerprints: current.fingerprints,
      flags: lookAlikes.size > 0 ? [POSSIBLE_DUPLICATE] : [],
      amount: takesPlace ? program.apbdesPerPerson : null,
      at,
      previous: closedRecords(person),
      carriedFrom: { id: current.id, year: current.year },
    });
    const closed: CandidateItem = {
      ...afterStatusChange(current, at),
      status: 'WITHDRAWN',
      villageFunding: 'NONE',
      villageAmount: null,
      apbd: null,
      carriedTo: { id: carried.id, year },
      version: current.version + 1,
      updatedAt: at,
    };
    const actor = { id: principal.sub, role: principal.role };
    const waitlistChange = await waitlistChangeFor(current, 'WITHDRAWN', at);
    // Not in the waitlist any more: it changed since it was read (promoted, funded); read again.
    if (waitlistChange.kind === 'unqueue' && waitlistChange.index < 0) return CONTENDED;

    const outcome = await writeCarryOver({
      current,
      closed,
      closing: {
        at,
        actor,
        from: current.status,
        to: 'WITHDRAWN',
        note: render({ key: 'carryOver.noteTo', params: { year } }, 'id'),
      },
      waitlist: waitlistChange,
      carried,
      place: { quota: program.villageQuota, waiting: waitlist.length },
      opening: { actor, note: render({ key: 'carryOver.noteFrom', params: { year: current.year } }, 'id') },
      person: { fromOpen: person.open === current.id, records: person.records },
    });
    if (outcome === 'versionMismatch' && version !== 'as read') throw new DomainError('VERSION_MISMATCH');
    // The NIK is taken in the new year by a record the person item no longer names (anonymised).
    if (outcome === 'duplicateNik') throw duplicateNik(year);
    if (outcome !== 'ok') return CONTENDED;
    countRegistrations([carried]);
    putMetric(METRIC.transitions, 1, 'Count', { ToStatus: 'WITHDRAWN' });
    return withPosition(carried);
  });
}

/**
 * The carry-over's one transaction: the old record's WITHDRAWN transition (transitionWrites)
 * then the new record's registration (registrationWrites), the person's write among them.
 */
async function writeCarryOver(w: {
  current: CandidateItem;
  closed: CandidateItem;
  closing: HistoryEntry;
  waitlist: WaitlistChange;
  carried: CandidateItem;
  place: { quota: number; waiting: number };
  opening: Pick<HistoryEntry, 'actor' | 'note'>;
  person: { fromOpen: boolean; records: number };
}): Promise<'ok' | 'versionMismatch' | 'duplicateNik' | 'conflict'> {
  const closing = transitionWrites(w.current, w.closed, w.closing, w.waitlist);
  const personWrite: TransactItem = carryRecord(
    w.carried.nikHash,
    personRecordOf(w.closed),
    personRecordOf(w.carried),
    w.person,
  );
  const { writes } = registrationWrites(w.carried, w.place, personWrite, w.opening);
  // The record, the person or the places changed since they were read: the caller reads
  // again (and then refuses with the reason, or carries the record over).
  return transactOr([...closing, ...writes], (failed, anyFailed) => {
    if (failed(0)) return 'versionMismatch';
    if (failed(closing.length)) return 'duplicateNik'; // the new year's NIK guard comes first
    return anyFailed ? 'conflict' : undefined;
  });
}

/** The refusal's message for a report row, in the caller's language. */
function refusalText(error: DomainError, lang: Lang): string {
  const detail: FieldProblem | undefined = error.details[0];
  return render(detail ?? error.userMessage, lang);
}

/** A cohort carry-over's row: one record of the old year, carried or why not. */
export interface CohortRow {
  candidateId: string;
  /** The record's village (not in the API's rows; the web page names it). */
  villageCode: string;
  status: 'CARRIED' | 'NOT_CARRIED';
  /** The new record's id (null in a dry run, and when not carried). */
  newId: string | null;
  message: string;
}

export interface CohortReport {
  summary: { records: number; carried: number; notCarried: number };
  rows: CohortRow[];
}

/**
 * How long a cohort carry-over starts new records: what is left after this is reported "not
 * processed yet, run again" (API Gateway answers within 30 s; each record is its own
 * transaction, so stopping between two is safe).
 */
export const COHORT_TIME_BUDGET_MS = 20_000;
/** Villages carried at once (each village's records one after another, in order). */
const PARALLEL_VILLAGES = 4;
/** The most records one run reads; those beyond are carried by the next run. */
export const MAX_COHORT_RECORDS = 20_000;

/**
 * Bappeda carries every IDENTIFIED or VERIFIED record of `fromYear` into `toYear`, in the
 * order they were registered, so that those who waited longest take the new year's village
 * places first (places are per village: each village's records go one after another; villages
 * go side by side). Each record is its own transaction: carried, or untouched with the reason.
 * A dry run reads the same and writes nothing, counting the new year's places as it goes.
 * Running it again carries only what is left (carried records are WITHDRAWN). The first
 * failure of the system (not a refusal of one record) stops the run: the records not tried
 * yet say so, and `onFailure` is told (the caller logs it).
 */
export async function carryCohort(
  principal: Principal,
  toYear: number,
  input: { fromYear: number; dryRun: boolean; lang: Lang },
  onFailure: (error: unknown, candidateId: string) => void,
  deadline = Date.now() + COHORT_TIME_BUDGET_MS,
): Promise<CohortReport> {
  if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
  const { fromYear, lang } = input;
  if (!isProgramYear(toYear)) throw validationFailed([{ field: 'year', key: 'year.invalid' }]);
  if (!isProgramYear(fromYear) || fromYear >= toYear) {
    throw validationFailed([
      { field: 'fromYear', key: 'carryOver.fromYearNotEarlier', params: { year: toYear } },
    ]);
  }
  const program = await requireProgram(toYear);
  const records = await carriableRecords(fromYear, MAX_COHORT_RECORDS);
  const byVillage = new Map<string, CandidateItem[]>();
  for (const c of records) byVillage.set(c.villageCode, [...(byVillage.get(c.villageCode) ?? []), c]);

  const rows = new Map<string, CohortRow>();
  const text = (error: DomainError) => refusalText(error, lang);
  const row = (c: CandidateItem, status: CohortRow['status'], message: string, newId: string | null = null) =>
    rows.set(c.id, { candidateId: c.id, villageCode: c.villageCode, status, newId, message });

  if (input.dryRun) {
    const [people, year] = await Promise.all([
      readPeople(records.map((c) => c.nikHash).filter(Boolean)),
      readYear(toYear),
    ]);
    for (const [villageCode, list] of byVillage) {
      const aggregate = year.villages.get(villageCode);
      let funded = aggregate?.funded ?? 0;
      let waiting = aggregate ? waitlistedIn(aggregate) : 0;
      for (const c of list) {
        const verdict = carriable(c, toYear, program, people.get(c.nikHash) ?? personOf(undefined));
        if ('refused' in verdict) row(c, 'NOT_CARRIED', text(verdict.refused));
        else if (funded < program.villageQuota && waiting === 0) {
          funded += 1;
          row(c, 'CARRIED', render({ key: 'carryOver.wouldFund' }, lang));
        } else {
          waiting += 1;
          row(c, 'CARRIED', render({ key: 'carryOver.wouldWait', params: { position: waiting } }, lang));
        }
      }
    }
  } else {
    let stopped = false;
    const carryVillage = async (list: CandidateItem[]) => {
      for (const c of list) {
        if (stopped || Date.now() >= deadline) {
          row(c, 'NOT_CARRIED', render({ key: 'carryOver.notTried' }, lang));
          continue;
        }
        try {
          const carried = await carryOverRecord(principal, c.id, toYear, 'as read');
          const message =
            carried.waitlistPosition === null
              ? render({ key: 'carryOver.funded' }, lang)
              : render({ key: 'carryOver.waitlisted', params: { position: carried.waitlistPosition } }, lang);
          row(c, 'CARRIED', message, carried.candidate.id);
        } catch (error) {
          if (error instanceof DomainError && error.code !== 'RETRY_LATER') {
            row(c, 'NOT_CARRIED', text(error));
            continue;
          }
          // The system failed (an outage, throttling, a bug): this record is untouched (its
          // transaction did not happen); stop, so that no later record overtakes it.
          stopped = true;
          onFailure(error, c.id);
          row(c, 'NOT_CARRIED', render({ key: 'carryOver.failed' }, lang));
        }
      }
    };
    const queue = [...byVillage.values()];
    await Promise.all(
      Array.from({ length: PARALLEL_VILLAGES }, async () => {
        for (let list = queue.shift(); list; list = queue.shift()) await carryVillage(list);
      }),
    );
  }
  // In registration order, as they were read.
  const ordered = records.map((c) => rows.get(c.id)).filter((r): r is CohortRow => r !== undefined);
  const carried = ordered.filter((r) => r.status === 'CARRIED').length;
  return {
    summary: { records: ordered.length, carried, notCarried: ordered.length - carried },
    rows: ordered,
  };
}
