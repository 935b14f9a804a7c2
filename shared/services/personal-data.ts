import { now as clockNow } from '../clock.js';
import { batchGet } from '../db/batch-get.js';
import type { CandidateItem } from '../db/candidate-item.js';
import { queryCandidates, readCandidates } from '../db/candidates.js';
import { CONTENDED, untilSettled } from '../db/contention.js';
import { readPerson } from '../db/people.js';
import {
  type AccessEntry,
  type Actor,
  type CandidateFile,
  readCandidateFile,
  recordAccess,
  writeAnonymisation,
} from '../db/personal-data.js';
import { settingsOf } from '../db/programs.js';
import { keys } from '../db/table.js';
import { isId } from '../domain/ids.js';
import { isProgramYear, retentionEnded } from '../domain/program.js';
import { DomainError, validationFailed } from '../errors.js';
import type { Lang } from '../i18n.js';
import { addMessages } from '../i18n.js';
import { canSeeFullIdentity, type Principal } from '../principal.js';
import { candidateRecord } from './candidate-view.js';
import { getCandidate, type StoredCandidate, withPosition } from './candidates.js';
import { workMessages } from './work-messages.js';

addMessages(workMessages);

const actorOf = (p: Principal): Actor => ({ id: p.sub, role: p.role });

/**
 * Records that `viewer` is about to be shown the candidate's full NIK and KK (when their role
 * and scope show it at all), before it is shown: the processing record of UU PDP. Lists,
 * reports and write responses show masked numbers only and record nothing.
 */
export async function recordFullView(
  viewer: Principal,
  candidate: CandidateItem,
  channel: 'api' | 'web',
  now: () => Date = clockNow,
): Promise<void> {
  if (candidate.anonymised || !canSeeFullIdentity(viewer, candidate.villageCode)) return;
  await recordAccess(candidate.id, {
    at: now().toISOString(),
    actor: actorOf(viewer),
    action: 'VIEW',
    channel,
  });
}

/** A candidate's own record for a caller in scope, with its full NIK/KK showing recorded. */
export async function viewCandidate(
  principal: Principal,
  id: string,
  channel: 'api' | 'web',
): Promise<StoredCandidate> {
  const stored = await getCandidate(principal, id);
  await recordFullView(principal, stored.candidate, channel);
  return stored;
}

async function fileForBappeda(principal: Principal, id: string): Promise<CandidateFile> {
  if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
  const file = isId(id) ? await readCandidateFile(id) : undefined;
  if (!file) throw new DomainError('NOT_FOUND');
  return file;
}

/**
 * Subject access (UU PDP): everything held about one person as one document: the record
 * with the full NIK and KK, its history, payments and processing record (this export
 * included). Nothing about anyone else: no other candidate of the household or of the
 * look-alike index, only this person's own partition.
 */
export async function exportCandidate(
  principal: Principal,
  id: string,
  lang: Lang,
  channel: 'api' | 'web',
  now: () => Date = clockNow,
) {
  const file = await fileForBappeda(principal, id);
  const entry: AccessEntry = {
    at: now().toISOString(),
    actor: actorOf(principal),
    action: 'EXPORT',
    channel,
  };
  await recordAccess(id, entry);
  const stored = await withPosition(file.candidate);
  return {
    exportedAt: entry.at,
    candidate: candidateRecord(stored.candidate, stored.waitlistPosition, principal, lang, 'full'),
    history: file.history.map(({ sk: _sk, ...h }) => h),
    visits: file.visits.map(({ sk: _sk, ...v }) => v).reverse(),
    disbursements: file.disbursements.map(({ candidateId: _c, ...d }) => d),
    processingRecord: [...file.access, entry],
  };
}

/** The candidate with every identifying field removed; what the programme counts stays. */
function stripped(c: CandidateItem, at: string, reason: string): CandidateItem {
  return {
    ...c,
    nik: '',
    kk: '',
    fullName: '',
    birthDate: '',
    phone: null,
    guardianName: null,
    address: null,
    consent: { ...c.consent, name: '' },
    reasonNote: null,
    disability: null,
    warnings: [],
    nikHash: '',
    fingerprints: [],
    flags: [],
    // Links to the person's other records would name whose record this was.
    previous: [],
    carriedFrom: null,
    carriedTo: null,
    anonymised: { at, reason },
    version: c.version + 1,
    updatedAt: at,
  };
}

/**
 * What anonymising `c` changes beside it: the person's other records that link to it (as an
 * earlier record, or as where they were carried from or to), each without that link and at
 * its next version, since once `c` is anonymised no record of the person may say which one
 * it was; and whether `c` is the person's open record (then the NIK stays refused).
 */
async function personChanges(
  c: CandidateItem,
  at: string,
): Promise<{ unlinked: { before: CandidateItem; after: CandidateItem }[]; wasOpen: boolean }> {
  if (!c.nikHash) return { unlinked: [], wasOpen: false };
  const person = await readPerson(c.nikHash);
  const others = [...person.byId.keys()].filter((id) => id !== c.id);
  const linked = (await readCandidates(others)).filter(
    (r) => r.previous?.some((p) => p.id === c.id) || r.carriedFrom?.id === c.id || r.carriedTo?.id === c.id,
  );
  const unlinked = linked.map((r) => ({
    before: r,
    after: {
      ...r,
      previous: (r.previous ?? []).filter((p) => p.id !== c.id),
      carriedFrom: r.carriedFrom?.id === c.id ? null : (r.carriedFrom ?? null),
      carriedTo: r.carriedTo?.id === c.id ? null : (r.carriedTo ?? null),
      version: r.version + 1,
      updatedAt: at,
    },
  }));
  return { unlinked, wasOpen: person.open === c.id };
}

async function anonymise(file: CandidateFile, actor: Actor, channel: AccessEntry['channel'], reason: string) {
  const at = clockNow().toISOString();
  const updated = stripped(file.candidate, at, reason);
  // The person or a linked record that changed meanwhile is read again; the candidate itself must not change.
  const outcome = await untilSettled(async () => {
    const written = await writeAnonymisation(
      file,
      updated,
      { at, actor, action: 'ANONYMISE', channel, reason },
      await personChanges(file.candidate, at),
    );
    return written === 'linksChanged' ? CONTENDED : written;
  });
  return { outcome, updated };
}

/**
 * Removes a person's identifying data for good, on request (Bappeda, with a reason). Village
 * counts, places, the waitlist, APBD places and money stay exactly as they were; the NIK
 * guard keeps refusing the NIK for the year. The workflow can go on afterwards.
 */
export async function anonymiseCandidate(
  principal: Principal,
  id: string,
  ifMatch: number | undefined,
  reasonInput: string,
  channel: 'api' | 'web',
): Promise<StoredCandidate> {
  const file = await fileForBappeda(principal, id);
  if (ifMatch === undefined) throw new DomainError('PRECONDITION_REQUIRED');
  if (ifMatch !== file.candidate.version) throw new DomainError('VERSION_MISMATCH');
  if (file.candidate.anonymised)
    throw new DomainError('INVALID_TRANSITION', { message: { key: 'candidate.anonymised' } });
  const reason = reasonInput.trim().replace(/\s+/g, ' ');
  if (reason.length < 3 || reason.length > 500)
    throw validationFailed([{ field: 'reason', key: 'anonymise.reason' }]);
  const { outcome, updated } = await anonymise(file, actorOf(principal), channel, reason);
  if (outcome === 'versionMismatch') throw new DomainError('VERSION_MISMATCH');
  return withPosition(updated);
}

export interface RetentionRun {
  /** Programme years whose retention period has ended. */
  years: number[];
  /** Candidates anonymised by this run. */
  anonymised: number;
}

const RETENTION_ACTOR: Actor = { id: 'retention-schedule', role: 'system' };

/** The programme years that exist, from 2020 up to `currentYear`. */
async function programYears(currentYear: number) {
  const wanted = [];
  for (let year = 2020; year <= currentYear && isProgramYear(year); year++) wanted.push(keys.program(year));
  return (await batchGet(wanted)).map(settingsOf);
}

/**
 * The scheduled retention run: every candidate of each programme year whose retention
 * period (`retentionYears` after the year) has ended is anonymised. Already anonymised ones
 * are skipped, and one that changes during the run is left for the next run.
 */
export async function anonymiseExpiredYears(now: Date): Promise<RetentionRun> {
  const expired = (await programYears(now.getUTCFullYear())).filter((p) =>
    retentionEnded(p, now.getUTCFullYear()),
  );
  let anonymised = 0;
  for (const program of expired) {
    let cursor: Record<string, string> | undefined;
    do {
      const page = await queryCandidates({ year: program.year, prefix: '', limit: 100, startKey: cursor });
      for (const candidate of page.items) {
        if (candidate.anonymised) continue;
        const file = await readCandidateFile(candidate.id);
        if (!file || file.candidate.anonymised) continue;
        const reason = `Masa simpan ${program.retentionYears} tahun setelah tahun program ${program.year} berakhir`;
        const { outcome } = await anonymise(file, RETENTION_ACTOR, 'schedule', reason);
        if (outcome === 'ok') anonymised++;
      }
      cursor = page.lastKey;
    } while (cursor);
  }
  return { years: expired.map((p) => p.year), anonymised };
}
