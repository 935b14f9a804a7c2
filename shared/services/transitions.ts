import { now as clockNow } from '../clock.js';
import type { CandidateItem } from '../db/candidate-item.js';
import { readCandidate } from '../db/candidates.js';
import { CONTENDED, untilSettled } from '../db/contention.js';
import {
  type HistoryEntry,
  readCandidateAndHistory,
  readHistory,
  readHistoryAndPayments,
} from '../db/history.js';
import { readPerson } from '../db/people.js';
import { type WaitlistChange, writeSchoolChange, writeTransition } from '../db/transitions.js';
import { readProgramAndVillage } from '../db/villages.js';
import type { Status } from '../domain/candidate.js';
import { afterStatusChange } from '../domain/follow-up.js';
import { isId } from '../domain/ids.js';
import { normaliseName } from '../domain/names.js';
import {
  ENROLLED_STATUSES,
  normaliseNpsn,
  RELEASING_STATUSES,
  type School,
  type SchoolChangeInput,
  type TransitionInput,
  transitionVerdict,
} from '../domain/workflow.js';
import { DomainError, type FieldProblem, validationFailed } from '../errors.js';
import { addMessages } from '../i18n.js';
import { METRIC, putMetric } from '../metrics.js';
import { canSeeVillage, type Principal } from '../principal.js';
import { type StoredCandidate, withPosition } from './candidates.js';
import { workMessages } from './work-messages.js';

addMessages(workMessages);

/** A candidate the caller may act on: volunteers their kecamatan, officials their village. */
export async function readInScope(principal: Principal, id: string): Promise<CandidateItem> {
  const candidate = isId(id) ? await readCandidate(id) : undefined;
  if (!candidate || !canSeeVillage(principal, candidate.villageCode)) throw new DomainError('NOT_FOUND');
  return candidate;
}

/** The school on enrolment: required then, and only then. */
function checkSchool(to: Status, school: TransitionInput['school']): School | undefined {
  if (to !== 'ENROLLED') {
    if (school) throw validationFailed([{ field: 'school', key: 'school.notAllowed' }]);
    return undefined;
  }
  if (!school) throw validationFailed([{ field: 'school', key: 'school.required' }]);
  return schoolOf(school);
}

/** A school as typed, normalised: an NPSN of the national register's forms, a name. */
function schoolOf(school: School): School {
  const problems: FieldProblem[] = [];
  const npsn = normaliseNpsn(school.npsn);
  if (!npsn) problems.push({ field: 'school.npsn', key: 'school.npsn' });
  const name = normaliseName(school.name);
  if (name.length < 1 || name.length > 200) problems.push({ field: 'school.name', key: 'school.name' });
  if (problems.length > 0 || !npsn) throw validationFailed(problems);
  return { npsn, name, level: school.level };
}

/** What leaving does to the village's waitlist, from a fresh read of it. */
export async function waitlistChangeFor(
  current: CandidateItem,
  to: Status,
  at: string,
): Promise<WaitlistChange> {
  if (!RELEASING_STATUSES.includes(to) || current.villageFunding === 'NONE') return { kind: 'keep' };
  const { program, waitlist } = await readProgramAndVillage(current.year, current.villageCode);
  if (current.villageFunding === 'WAITLISTED')
    return { kind: 'unqueue', index: waitlist.indexOf(current.id) };
  const headId = waitlist[0];
  if (headId === undefined) return { kind: 'free' };
  const head = await readCandidate(headId);
  if (!head || !program) throw new Error('the waitlist names a candidate or year that does not exist');
  const promoted: CandidateItem = {
    ...head,
    villageFunding: 'FUNDED',
    villageAmount: program.apbdesPerPerson,
    version: head.version + 1,
    updatedAt: at,
  };
  return { kind: 'promote', head, promoted };
}

/**
 * Moves a candidate along the workflow. Leaving before enrolment releases the place, and the
 * first waitlisted candidate takes it, in the same transaction as the move.
 */
export async function transitionCandidate(
  principal: Principal,
  id: string,
  ifMatch: number | undefined,
  input: TransitionInput,
  now: () => Date = clockNow,
): Promise<StoredCandidate & { promotedId?: string }> {
  if (principal.role === 'bappeda_staff') throw new DomainError('FORBIDDEN');
  // Whether the record is its person's open one: so unless a write found otherwise (two
  // records of one NIK open from before the person item existed, see scripts/migrate-cohorts.ts).
  let personOpen = true;
  return untilSettled(async () => {
    const current = await readInScope(principal, id);
    const verdict = transitionVerdict(principal.role, current.status, input.to);
    if (verdict === 'forbidden') throw new DomainError('FORBIDDEN');
    if (ifMatch === undefined) throw new DomainError('PRECONDITION_REQUIRED');
    if (ifMatch !== current.version) throw new DomainError('VERSION_MISMATCH');
    if (verdict === 'invalid') throw new DomainError('INVALID_TRANSITION');
    const school = checkSchool(input.to, input.school);
    if (input.to === 'ENROLLED' && current.villageFunding !== 'FUNDED' && !current.apbd) {
      throw new DomainError('NOT_FUNDED');
    }

    const at = now().toISOString();
    const waitlist = await waitlistChangeFor(current, input.to, at);
    // Not in the waitlist any more: it changed since it was read (promoted, funded); read again.
    if (waitlist.kind === 'unqueue' && waitlist.index < 0) return CONTENDED;
    const leaving = RELEASING_STATUSES.includes(input.to);
    const updated: CandidateItem = {
      ...afterStatusChange(current, at),
      status: input.to,
      school: school ?? current.school,
      ...(current.status === 'DROPPED_OUT' && input.to === 'ENROLLED' ? { reEnrolled: true } : {}),
      // Leaving before enrolment gives back every place held, village and APBD.
      ...(leaving ? { villageFunding: 'NONE', villageAmount: null, apbd: null } : {}),
      version: current.version + 1,
      updatedAt: at,
    };
    const entry: HistoryEntry = {
      at,
      actor: { id: principal.sub, role: principal.role },
      from: current.status,
      to: input.to,
      note: input.note?.trim() || null,
      ...(school ? { school } : {}),
    };
    const outcome = await writeTransition(current, updated, entry, waitlist, personOpen);
    if (outcome === 'versionMismatch') throw new DomainError('VERSION_MISMATCH');
    if (outcome === 'personChanged') personOpen = (await readPerson(current.nikHash)).open === current.id;
    if (outcome !== 'ok') return CONTENDED;
    putMetric(METRIC.transitions, 1, 'Count', { ToStatus: input.to });
    const stored = await withPosition(updated);
    // Who took the place it left, for the page to say so.
    return waitlist.kind === 'promote' ? { ...stored, promotedId: waitlist.promoted.id } : stored;
  });
}

/**
 * A learner who moves to another school (ENROLLED or ACTIVE, by a volunteer of the
 * kecamatan): the new school, checked as at enrolment, and a history entry with the old one
 * and the note. Status, place and money do not change, so neither does any aggregate.
 */
export async function changeSchool(
  principal: Principal,
  id: string,
  ifMatch: number | undefined,
  input: SchoolChangeInput,
  now: () => Date = clockNow,
): Promise<StoredCandidate> {
  if (principal.role !== 'fmpp_volunteer') throw new DomainError('FORBIDDEN');
  const current = await readInScope(principal, id);
  if (ifMatch === undefined) throw new DomainError('PRECONDITION_REQUIRED');
  if (ifMatch !== current.version) throw new DomainError('VERSION_MISMATCH');
  if (!ENROLLED_STATUSES.includes(current.status) || !current.school)
    throw new DomainError('INVALID_TRANSITION', { message: { key: 'school.notEnrolled' } });
  const school = schoolOf(input.school);
  if (school.npsn === current.school.npsn)
    throw validationFailed([{ field: 'school.npsn', key: 'school.sameSchool' }]);
  const at = now().toISOString();
  const updated: CandidateItem = { ...current, school, version: current.version + 1, updatedAt: at };
  const outcome = await writeSchoolChange(current, updated, {
    at,
    actor: { id: principal.sub, role: principal.role },
    from: current.status,
    to: current.status,
    note: input.note?.trim() || null,
    school,
    previousSchool: current.school,
  });
  if (outcome === 'versionMismatch') throw new DomainError('VERSION_MISMATCH');
  return withPosition(updated);
}

/** Every transition of a candidate in scope, oldest first. */
export async function candidateHistory(principal: Principal, id: string): Promise<HistoryEntry[]> {
  const { candidate, history } = isId(id)
    ? await readCandidateAndHistory(id)
    : { candidate: undefined, history: [] };
  if (!candidate || !canSeeVillage(principal, candidate.villageCode)) throw new DomainError('NOT_FOUND');
  return history;
}

/** The history of a candidate the caller has already been shown (read in their scope). */
export const historyOf = (candidate: CandidateItem): Promise<HistoryEntry[]> => readHistory(candidate.id);

/** The history and the payments of a record in scope (the candidate page), in one Query. */
export const historyAndPaymentsOf = (candidate: CandidateItem) => readHistoryAndPayments(candidate.id);
