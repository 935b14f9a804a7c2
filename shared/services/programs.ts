import { now as clockNow } from '../clock.js';
import type { AuditValue } from '../db/audit.js';
import { readCandidate } from '../db/candidates.js';
import { getProgram, listPrograms, putProgram } from '../db/programs.js';
import { writePromotion } from '../db/transitions.js';
import { readProgramAndVillage, waitlistedIn } from '../db/villages.js';
import { readYear } from '../db/year.js';
import { todayInBrebes } from '../domain/dates.js';
import { formatRupiah } from '../domain/money.js';
import {
  applyProgramInput,
  defaultProgram,
  type ProgramInput,
  type ProgramSettings,
} from '../domain/program.js';
import { DomainError, type FieldProblem, validationFailed } from '../errors.js';
import { addMessages } from '../i18n.js';
import type { Principal } from '../principal.js';
import { workMessages } from './work-messages.js';

addMessages(workMessages);

/** Every configured programme year's settings, newest first. */
export const programYears = (): Promise<ProgramSettings[]> => listPrograms();

/**
 * The year the web app opens on: the latest configured programme year (Bappeda configures the
 * next one ahead of time), or the current year in Brebes when none is configured yet.
 */
export async function defaultYear(): Promise<number> {
  return (await listPrograms())[0]?.year ?? todayInBrebes().year;
}

/** A programme year's settings, or undefined when Bappeda has not configured it. */
export const programSettings = (year: number): Promise<ProgramSettings | undefined> => getProgram(year);

/**
 * Creates or changes a programme year. Missing fields keep their current value (defaults on
 * creation). Limits cannot go below what is used: a village quota below the places a village
 * holds, APBD places below those already handed out, a ceiling below the money they carry.
 * A raised quota gives the new places to waitlisted candidates at once.
 */
export async function saveProgram(
  principal: Principal,
  year: number,
  input: ProgramInput,
  now: () => Date = clockNow,
): Promise<ProgramSettings> {
  const before = await readYear(year);
  const old = before.program ?? defaultProgram(year);
  const { settings, problems } = applyProgramInput(old, input);
  if (problems.length > 0) throw validationFailed(problems);
  const overUse = limitsBelowUse(settings, before);
  if (overUse.length > 0) throw new DomainError('CEILING_EXCEEDED', { details: overUse });

  // The audit keeps each setting that changed, old and new (a new year: every setting, old null).
  const details: Record<string, AuditValue> = {};
  for (const key of Object.keys(settings) as (keyof ProgramSettings)[]) {
    const [was, is] = [JSON.stringify(before.program?.[key] ?? null), JSON.stringify(settings[key])];
    if (key !== 'year' && was !== is) details[key] = `${before.program ? was : '-'} → ${is}`;
  }
  const at = now();
  await putProgram(settings, before.programVersion, at, {
    at: at.toISOString(),
    actor: { id: principal.sub, role: principal.role },
    action: 'SETTINGS_CHANGED',
    year,
    target: String(year),
    details,
  });
  if (before.program && settings.villageQuota < before.program.villageQuota) {
    // A registration that read the old quota may have taken a place meanwhile: if so, undo.
    const after = await readYear(year);
    const late = limitsBelowUse(settings, after);
    if (late.length > 0) {
      await putProgram(before.program, before.programVersion + 1);
      throw new DomainError('CEILING_EXCEEDED', { details: late });
    }
  }
  if (before.program && settings.villageQuota > before.program.villageQuota) {
    // The year's read holds counters, not waitlists: they tell which villages have people waiting.
    for (const [villageCode, aggregate] of before.villages) {
      if (waitlistedIn(aggregate) > 0) await fillVillagePlaces(year, villageCode);
    }
  }
  return settings;
}

function limitsBelowUse(
  settings: ProgramSettings,
  state: Awaited<ReturnType<typeof readYear>>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const maxHeld = Math.max(0, ...[...state.villages.values()].map((v) => v.funded ?? 0));
  if (settings.villageQuota < maxHeld) {
    problems.push({ field: 'villageQuota', key: 'program.quotaInUse', params: { used: maxHeld } });
  }
  const { createdPlaces, allocatedMoney } = state.pool;
  if (settings.apbdPlaces < createdPlaces) {
    problems.push({ field: 'apbdPlaces', key: 'program.apbdPlacesInUse', params: { used: createdPlaces } });
  }
  // Money already given to places, plus at least one rupiah for each place still to create.
  const minimumCeiling = allocatedMoney + Math.max(0, settings.apbdPlaces - createdPlaces);
  if (settings.apbdCeiling < minimumCeiling) {
    problems.push({
      field: 'apbdCeiling',
      key: 'program.ceilingInUse',
      params: { used: formatRupiah(minimumCeiling) },
    });
  }
  return problems;
}

/** Gives a village's free places to its waitlist, head first, until the quota is reached. */
export async function fillVillagePlaces(year: number, villageCode: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { program, aggregate, waitlist } = await readProgramAndVillage(year, villageCode);
    const headId = waitlist[0];
    if (!program || !headId || (aggregate?.funded ?? 0) >= program.villageQuota) return;
    const head = await readCandidate(headId);
    if (!head) return;
    const promoted = {
      ...head,
      villageFunding: 'FUNDED' as const,
      villageAmount: program.apbdesPerPerson,
      version: head.version + 1,
      updatedAt: clockNow().toISOString(),
    };
    await writePromotion(head, promoted, program.villageQuota);
  }
}
