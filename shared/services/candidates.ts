import { now as clockNow } from '../clock.js';
import type { CandidateItem, CohortLink } from '../db/candidate-item.js';
import {
  type IdempotencyRecord,
  insertCandidate,
  listIndex,
  queryCandidates,
  readCandidate,
  readIdempotency,
  replaceCandidate,
} from '../db/candidates.js';
import { CONTENDED, untilSettled } from '../db/contention.js';
import type { HistoryEntry } from '../db/history.js';
import { keyedHash } from '../db/nik-hash.js';
import { ANONYMISED_OPEN, closedRecords, type Person, type PersonRecord, readPerson } from '../db/people.js';
import { listPrograms, programNotConfigured, requireProgram } from '../db/programs.js';
import { keys } from '../db/table.js';
import { readAggregates, readProgramAndVillage, waitlistedIn } from '../db/villages.js';
import { readWaitlists } from '../db/waitlists.js';
import { readYear } from '../db/year.js';
import {
  type CandidateFields,
  type CheckedCandidate,
  type CorrectionInput,
  checkCandidate,
  EDITABLE_STATUSES,
  type RegistrationInput,
  type Status,
} from '../domain/candidate.js';
import { personFingerprints } from '../domain/fingerprints.js';
import { isId, newId } from '../domain/ids.js';
import { normaliseName } from '../domain/names.js';
import { normaliseIdNumber } from '../domain/nik.js';
import { isProgramYear } from '../domain/program.js';
import { districts, findDistrict, findVillage, villagesOf } from '../domain/regions.js';
import { DomainError, type FieldProblem, validationFailed } from '../errors.js';
import { STATUS_LABELS } from '../labels.js';
import { METRIC, putMetric } from '../metrics.js';
import { canSeeVillage, type Principal } from '../principal.js';

export const POSSIBLE_DUPLICATE = 'POSSIBLE_DUPLICATE';

/** The registrations metrics of newly written candidates. */
export function countRegistrations(written: CandidateItem[]): void {
  putMetric(METRIC.registrations, written.length);
  const waitlisted = written.filter((c) => c.villageFunding === 'WAITLISTED').length;
  if (waitlisted > 0) putMetric(METRIC.waitlisted, waitlisted);
}

/** Keyed hashes of a person's look-alike fingerprints. */
export const fingerprintHashes = (p: { fullName: string; kk: string; birthDate: string }) =>
  Promise.all(personFingerprints(p).map((f) => keyedHash(f)));

export const duplicateNik = (year: number) =>
  new DomainError('DUPLICATE_NIK', { message: { key: 'error.DUPLICATE_NIK', params: { year } } });

export interface StoredCandidate {
  candidate: CandidateItem;
  waitlistPosition: number | null;
}

/**
 * `409 ALREADY_IN_PROGRAMME`: the person's open record, by year, status and village (and
 * id), so that whoever registers knows where to follow them, or to carry them over from.
 */
export async function alreadyInProgramme(person: Person): Promise<DomainError> {
  const open = person.open && person.open !== ANONYMISED_OPEN ? await readCandidate(person.open) : undefined;
  if (!open) {
    return new DomainError('ALREADY_IN_PROGRAMME', {
      details: [{ field: 'nik', key: 'candidate.alreadyInProgrammeAnonymised' }],
    });
  }
  return new DomainError('ALREADY_IN_PROGRAMME', {
    details: [
      {
        field: 'nik',
        key: 'candidate.alreadyInProgramme',
        params: {
          year: open.year,
          statusId: STATUS_LABELS[open.status][0],
          statusEn: STATUS_LABELS[open.status][1],
          village: findVillage(open.villageCode)?.name ?? open.villageCode,
        },
        data: { candidateId: open.id, year: open.year, status: open.status, villageCode: open.villageCode },
      },
    ],
  });
}

/** The warning of a person who was in the programme before, naming the years. */
const previouslyWarning = (previous: PersonRecord[]): FieldProblem[] =>
  previous.length > 0
    ? [
        {
          field: 'nik',
          key: 'candidate.previouslyInProgramme',
          params: { years: [...new Set(previous.map((r) => r.year))].join(', ') },
        },
      ]
    : [];

/** A new candidate record: IDENTIFIED, with a village place when `amount` is given, else waitlisted. */
export function newCandidate(p: {
  principal: Principal;
  village: { code: string; districtCode: string };
  year: number;
  checked: CheckedCandidate;
  nikHash: string;
  fingerprints: string[];
  flags: string[];
  amount: number | null;
  at: string;
  /** The person's earlier records, all closed (the NIK registers with a warning naming their years). */
  previous?: PersonRecord[];
  carriedFrom?: CohortLink;
}): CandidateItem {
  const previous = p.previous ?? [];
  return {
    id: newId(),
    year: p.year,
    villageCode: p.village.code,
    districtCode: p.village.districtCode,
    ...p.checked.fields,
    status: 'IDENTIFIED',
    villageFunding: p.amount === null ? 'WAITLISTED' : 'FUNDED',
    villageAmount: p.amount,
    apbd: null,
    disbursed: { APBDES: 0, APBD: 0 },
    school: null,
    version: 1,
    warnings: [...p.checked.warnings, ...previouslyWarning(previous)],
    createdAt: p.at,
    updatedAt: p.at,
    createdBy: p.principal.sub,
    nikHash: p.nikHash,
    fingerprints: p.fingerprints,
    flags: p.flags,
    previous,
    carriedFrom: p.carriedFrom ?? null,
    carriedTo: null,
  };
}

/**
 * Registers a candidate for the official's own village. The same Idempotency-Key with the
 * same body answers with the first registration; with another body it is refused.
 */
export async function registerCandidate(
  principal: Principal,
  input: RegistrationInput,
  idempotencyKey?: string,
  now: () => Date = clockNow,
): Promise<StoredCandidate & { replayed: boolean }> {
  if (principal.role !== 'village_official') throw new DomainError('FORBIDDEN');
  const village = findVillage(input.villageCode);
  if (!village) throw validationFailed([{ field: 'villageCode', key: 'village.unknown' }]);
  // Another village is outside the official's scope: as everywhere, it answers as if absent.
  if (village.code !== principal.villageCode) throw new DomainError('NOT_FOUND');

  // The look-alike fingerprints are read with the programme and the village (one request);
  // the name, KK and date are normalised as the checks below normalise them.
  const fingerprints = await fingerprintHashes({
    fullName: normaliseName(input.fullName),
    kk: normaliseIdNumber(input.kk),
    birthDate: input.birthDate.trim(),
  });
  // The person's records across cohorts are read in the same request, by the NIK's keyed hash.
  const nikHash = await keyedHash(`nik:${normaliseIdNumber(input.nik)}`);
  const read = async () => {
    const found = await readProgramAndVillage(input.year, village.code, fingerprints, nikHash);
    if (!found.program) throw programNotConfigured(input.year);
    return { ...found, program: found.program };
  };
  let { program, aggregate, waitlist, lookAlikes, person } = await read();
  const { problems, checked } = checkCandidate(input, program);
  if (!checked) throw validationFailed(problems);

  const idempotency = idempotencyKey
    ? { key: idempotencyKey, sub: principal.sub, fingerprint: await keyedHash(`body:${stableJson(input)}`) }
    : undefined;

  return untilSettled(async (attempt) => {
    if (attempt > 0) {
      // Places changed between our read and the write (someone registered or left): read again.
      ({ program, aggregate, waitlist, lookAlikes, person } = await read());
    }
    const funded = aggregate?.funded ?? 0;
    const waiting = waitlist.length;
    const takesPlace = funded < program.villageQuota && waiting === 0;
    const candidate = newCandidate({
      principal,
      village,
      year: input.year,
      checked,
      nikHash,
      fingerprints,
      flags: lookAlikes.size > 0 ? [POSSIBLE_DUPLICATE] : [],
      amount: takesPlace ? program.apbdesPerPerson : null,
      at: now().toISOString(),
      previous: closedRecords(person),
    });
    const outcome = await insertCandidate(
      candidate,
      { quota: program.villageQuota, waiting },
      person.records,
      idempotency,
    );
    if (outcome === 'ok') {
      countRegistrations([candidate]);
      return {
        candidate,
        waitlistPosition: candidate.villageFunding === 'WAITLISTED' ? waiting + 1 : null,
        replayed: false,
      };
    }
    if (outcome === 'duplicateNik') {
      throw duplicateNik(input.year);
    }
    if (outcome === 'personTaken') {
      // Open in another cohort (same cohort: the year's NIK guard answered first); or the
      // person's records changed since they were read: read again.
      const now = await readPerson(nikHash);
      if (now.open) throw await alreadyInProgramme(now);
      return CONTENDED;
    }
    if (outcome === 'idempotencyTaken' && idempotency) {
      const record = await readIdempotency(principal.sub, idempotency.key);
      if (record) return { ...(await replay(record, idempotency.fingerprint)), replayed: true };
    }
    return CONTENDED;
  });
}

async function replay(record: IdempotencyRecord, fingerprint: string): Promise<StoredCandidate> {
  if (record.fingerprint !== fingerprint) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
  const candidate = await readCandidate(record.candidateId);
  if (!candidate) throw new DomainError('NOT_FOUND');
  return withPosition(candidate);
}

/** JSON with sorted keys, so that the same body always has the same fingerprint. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The candidate with its current waitlist position (one more read, only when waitlisted). */
export async function withPosition(candidate: CandidateItem): Promise<StoredCandidate> {
  if (candidate.villageFunding !== 'WAITLISTED') return { candidate, waitlistPosition: null };
  const waitlists = await readWaitlists(candidate.year, [candidate.villageCode]);
  return { candidate, waitlistPosition: positionIn(waitlists, candidate) };
}

/** A waitlisted candidate's position (1 = next) in its village's waitlist as read; else null. */
function positionIn(waitlists: Map<string, string[]>, c: CandidateItem): number | null {
  const index = waitlists.get(c.villageCode)?.indexOf(c.id) ?? -1;
  return index >= 0 ? index + 1 : null;
}

/** A candidate in the caller's scope; anything else answers as if it did not exist. */
export async function getCandidate(principal: Principal, id: string): Promise<StoredCandidate> {
  const candidate = isId(id) ? await readCandidate(id) : undefined;
  if (!candidate || !canSeeVillage(principal, candidate.villageCode)) throw new DomainError('NOT_FOUND');
  return withPosition(candidate);
}

/** Corrects registration fields while the candidate is IDENTIFIED or VERIFIED. */
export async function correctCandidate(
  principal: Principal,
  id: string,
  ifMatch: number | undefined,
  input: CorrectionInput,
  now: () => Date = clockNow,
): Promise<StoredCandidate> {
  if (principal.role !== 'village_official') throw new DomainError('FORBIDDEN');
  const current = isId(id) ? await readCandidate(id) : undefined;
  if (!current || current.villageCode !== principal.villageCode) throw new DomainError('NOT_FOUND');
  if (ifMatch === undefined) throw new DomainError('PRECONDITION_REQUIRED');
  if (ifMatch !== current.version) throw new DomainError('VERSION_MISMATCH');
  if (current.anonymised)
    throw new DomainError('INVALID_TRANSITION', { message: { key: 'candidate.anonymised' } });
  if (!EDITABLE_STATUSES.includes(current.status)) {
    throw new DomainError('INVALID_TRANSITION', { message: { key: 'patch.notEditable' } });
  }
  const program = await requireProgram(current.year);
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const { problems, checked } = checkCandidate({ ...current, ...defined }, program);
  if (!checked) throw validationFailed(problems);

  const nikChanged = checked.fields.nik !== current.nik;
  const nikHash = nikChanged ? await keyedHash(`nik:${checked.fields.nik}`) : current.nikHash;
  // Another NIK is another person, whose earlier records the record now lists.
  const person = nikChanged ? await readPerson(nikHash) : undefined;
  const previous = person ? closedRecords(person) : (current.previous ?? []);
  const updated: CandidateItem = {
    ...current,
    ...checked.fields,
    warnings: [...checked.warnings, ...previouslyWarning(previous)],
    nikHash,
    fingerprints: await fingerprintHashes(checked.fields),
    previous,
    version: current.version + 1,
    updatedAt: now().toISOString(),
  };
  // The history names the fields changed (never their values: they may be personal data).
  // A disability not stated (null) and "no" (false) are the same to whoever reads the history.
  const same = (a: unknown, b: unknown) => stableJson(a ?? false) === stableJson(b ?? false);
  const corrected = Object.entries(checked.fields)
    .filter(([field, value]) => !same(value, current[field as keyof CandidateFields]))
    .map(([field]) => field);
  const entry: HistoryEntry = {
    at: updated.updatedAt,
    actor: { id: principal.sub, role: principal.role },
    from: current.status,
    to: current.status,
    note: null,
    corrected,
  };
  const outcome = await replaceCandidate(
    updated,
    current,
    person?.records,
    corrected.length > 0 ? entry : undefined,
  );
  if (outcome === 'versionMismatch') throw new DomainError('VERSION_MISMATCH');
  if (outcome === 'duplicateNik') {
    throw duplicateNik(current.year);
  }
  if (outcome === 'personTaken') {
    const now = await readPerson(nikHash);
    throw now.open ? await alreadyInProgramme(now) : new DomainError('VERSION_MISMATCH');
  }
  return withPosition(updated);
}

export interface ListQuery {
  /** One cohort; every cohort when absent. */
  year?: number;
  village?: string;
  district?: string;
  /** Any of these statuses (none: every status). */
  statuses?: readonly Status[];
  /** Only those waiting for a village place. */
  waitlisted?: boolean;
  /** Only candidates flagged as possible duplicates. */
  possibleDuplicates?: boolean;
  /** Only candidates with this flag (a drop-out decision). */
  flag?: string;
  limit: number;
  cursor?: string;
}

/**
 * A page of candidates in scope. Officials see their village, volunteers their kecamatan,
 * Bappeda everything; a filter naming a place outside the scope answers 404.
 */
export async function listCandidates(
  principal: Principal,
  query: ListQuery,
): Promise<{ items: StoredCandidate[]; nextCursor: string | null }> {
  const prefix = listPrefix(principal, query);
  const startKey = query.cursor ? decodeCursor(query.cursor, query.year, prefix) : undefined;
  const page = await queryCandidates({
    ...(query.year === undefined ? {} : { year: query.year }),
    prefix,
    ...(query.statuses ? { statuses: query.statuses } : {}),
    ...(query.waitlisted ? { villageFunding: 'WAITLISTED' as const } : {}),
    ...(query.possibleDuplicates ? { flag: POSSIBLE_DUPLICATE } : query.flag ? { flag: query.flag } : {}),
    limit: query.limit,
    startKey,
  });
  return {
    items: await withPositions(page.items),
    nextCursor: page.lastKey ? encodeCursor(page.lastKey) : null,
  };
}

/** Candidates with their waitlist positions: the waitlists of their villages, one request a cohort. */
export async function withPositions(candidates: CandidateItem[]): Promise<StoredCandidate[]> {
  const waiting = candidates.filter((c) => c.villageFunding === 'WAITLISTED');
  const byYear = new Map<number, Map<string, string[]>>();
  for (const year of new Set(waiting.map((c) => c.year))) {
    const villages = waiting.filter((c) => c.year === year).map((c) => c.villageCode);
    byYear.set(year, await readWaitlists(year, villages));
  }
  return candidates.map((candidate) => ({
    candidate,
    waitlistPosition: positionIn(byYear.get(candidate.year) ?? new Map(), candidate),
  }));
}

/**
 * How many candidates a list of `query` holds in all its pages, from the villages' aggregates
 * (counted in the same transactions as every change), not from the candidates: for each
 * cohort asked (one, or every configured one), one request for a village or a kecamatan, one
 * Query of the year for the regency.
 */
export async function countCandidates(principal: Principal, query: Omit<ListQuery, 'limit' | 'cursor'>) {
  const prefix = listPrefix(principal, query);
  const codes = prefix.endsWith('#')
    ? [prefix.slice(0, -1)]
    : prefix
      ? villagesOf(prefix.slice(0, -1)).map((v) => v.code)
      : undefined;
  const years = query.year === undefined ? (await listPrograms()).map((p) => p.year) : [query.year];
  const aggregates = (
    await Promise.all(
      years.map(async (year) =>
        codes ? readAggregates(year, codes) : [...(await readYear(year)).villages.values()],
      ),
    )
  ).flat();
  let total = 0;
  for (const a of aggregates) {
    if (query.waitlisted) total += waitlistedIn(a);
    else if (query.statuses?.length) total += query.statuses.reduce((n, s) => n + (a[`count_${s}`] ?? 0), 0);
    else total += a.registered ?? 0;
  }
  return total;
}

/**
 * The index key prefix of a list in the caller's scope: `<village>#`, `<kecamatan>.` or ''
 * (the regency); a filter naming a place outside the scope is a 404.
 */
export function listPrefix(principal: Principal, query: Pick<ListQuery, 'village' | 'district'>): string {
  if (query.village) {
    if (!findVillage(query.village) || !canSeeVillage(principal, query.village))
      throw new DomainError('NOT_FOUND');
    if (query.district && findVillage(query.village)?.districtCode !== query.district)
      throw new DomainError('NOT_FOUND');
    return `${query.village}#`;
  }
  if (principal.role === 'village_official') {
    if (query.district && query.district !== principal.districtCode) throw new DomainError('NOT_FOUND');
    return `${principal.villageCode}#`;
  }
  const district =
    query.district ?? (principal.role === 'fmpp_volunteer' ? principal.districtCode : undefined);
  if (!district) return '';
  if (
    !findDistrict(district) ||
    (principal.role === 'fmpp_volunteer' && district !== principal.districtCode)
  ) {
    throw new DomainError('NOT_FOUND');
  }
  return `${district}.`;
}

/**
 * What a list prefix (listPrefix) covers in kecamatan: its village (one of a kecamatan), or
 * its kecamatan, or every kecamatan of the regency, for lists read a kecamatan at a time.
 */
export function scopeOf(prefix: string): { villageCode?: string; districtCodes: string[] } {
  if (prefix.endsWith('#')) {
    const villageCode = prefix.slice(0, -1);
    return { villageCode, districtCodes: [findVillage(villageCode)?.districtCode ?? ''] };
  }
  return { districtCodes: prefix ? [prefix.slice(0, -1)] : districts.map((d) => d.code) };
}

/** A cursor of a list read from several ranges (due lists, search): the key read up to. */
export const encodeAfterCursor = (after: string): string =>
  Buffer.from(JSON.stringify({ after })).toString('base64url');

/**
 * The key an after-cursor holds, when `valid` accepts it (its parts, the caller's scope);
 * anything else is a 400 on `cursor`, never a key DynamoDB refuses.
 */
export function decodeAfterCursor(cursor: string, valid: (after: string) => boolean): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const after = (parsed as { after?: unknown } | null | undefined)?.after;
  if (typeof after !== 'string' || Object.keys(parsed as object).length !== 1 || !valid(after))
    throw validationFailed([{ field: 'cursor', key: 'query.cursor' }]);
  return after;
}

const encodeCursor = (key: Record<string, string>): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

/**
 * A cursor is only accepted for the query that produced it (no way to page outside one's
 * scope), and only in the exact shape of the keys it was made from: the candidate's keys and
 * its index keys, naming one existing village and one id. Anything else is a 400, never a
 * key DynamoDB refuses.
 */
function decodeCursor(cursor: string, year: number | undefined, prefix: string): Record<string, string> {
  const invalid = () => validationFailed([{ field: 'cursor', key: 'query.cursor' }]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!key || typeof key !== 'object' || Array.isArray(key)) throw invalid();
  const k = key as Record<string, unknown>;
  const index = listIndex(year).name;
  const names = Object.keys(k).sort().join(',');
  if (names !== `${index}pk,${index}sk,pk,sk` || Object.values(k).some((v) => typeof v !== 'string'))
    throw invalid();
  // gsi1 (a cohort): `<village>#<id>`; gsi2 (every cohort): `<village>#<year>#<id>`.
  const parts = String(k[`${index}sk`]).split('#');
  const [village = '', id = ''] = index === 'gsi1' ? parts : [parts[0], parts[2]];
  const cohort = index === 'gsi1' ? year : Number(parts[1]);
  if (!isId(id) || !findVillage(village) || cohort === undefined || !isProgramYear(cohort)) throw invalid();
  const all = { ...keys.candidate(id), ...keys.candidateIndex(cohort, village, id) };
  const expected = {
    pk: all.pk,
    sk: all.sk,
    [`${index}pk`]: all[`${index}pk`],
    [`${index}sk`]: all[`${index}sk`],
  };
  if (
    !String(expected[`${index}sk`]).startsWith(prefix) ||
    Object.entries(expected).some(([n, v]) => k[n] !== v)
  )
    throw invalid();
  return expected;
}
