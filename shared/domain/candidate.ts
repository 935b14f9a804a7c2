import * as z from 'zod/mini';
import type { FieldProblem } from '../errors.js';
import {
  ageOn,
  type CalendarDate,
  compareDates,
  formatIsoDate,
  parseIsoDate,
  todayInBrebes,
} from './dates.js';
import { isAcceptableName, normaliseName } from './names.js';
import { checkKk, checkNik, nikWarnings } from './nik.js';
import { normalisePhone } from './phone.js';
import { type ProgramSettings, TRACKS } from './program.js';

export const SEXES = ['M', 'F'] as const;
export const OUT_OF_SCHOOL_TYPES = ['DROPPED_OUT', 'NOT_CONTINUED', 'NEVER_ENROLLED'] as const;
export const LEVELS = ['NONE', 'SD', 'SMP', 'SMA'] as const;
export const PATHWAYS = ['SD', 'SMP', 'SMA', 'SMK', 'PAKET_A', 'PAKET_B', 'PAKET_C', 'COURSE'] as const;
export const CONSENT_BY = ['SELF', 'GUARDIAN'] as const;
export const STATUSES = [
  'IDENTIFIED',
  'VERIFIED',
  'ENROLLED',
  'ACTIVE',
  'COMPLETED',
  'DROPPED_OUT',
  'INELIGIBLE',
  'WITHDRAWN',
] as const;
export type Status = (typeof STATUSES)[number];
/** Statuses in which a candidate may still be corrected by the village. */
export const EDITABLE_STATUSES: readonly Status[] = ['IDENTIFIED', 'VERIFIED'];
export const ADULT_AGE = 18;
const OTHER_REASON = 12;

/** The registration fields a village official can set and later correct. */
const registrationFields = {
  nik: z.string().check(z.maxLength(64)),
  kk: z.string().check(z.maxLength(64)),
  fullName: z.string().check(z.maxLength(300)),
  birthDate: z.string().check(z.maxLength(32)),
  sex: z.enum(SEXES),
  track: z.enum(TRACKS),
  outOfSchoolType: z.enum(OUT_OF_SCHOOL_TYPES),
  lastLevel: z.enum(LEVELS),
  reasonCode: z.int().check(z.minimum(1), z.maximum(12)),
  reasonNote: z.nullish(z.string().check(z.maxLength(500))),
  plannedPathway: z.nullish(z.enum(PATHWAYS)),
  disability: z.nullish(z.boolean()),
  phone: z.nullish(z.string().check(z.maxLength(40))),
  guardianName: z.nullish(z.string().check(z.maxLength(300))),
  address: z.nullish(
    z.strictObject({
      dusun: z.nullish(z.string().check(z.maxLength(200))),
      rt: z.nullish(z.string().check(z.maxLength(20))),
      rw: z.nullish(z.string().check(z.maxLength(20))),
    }),
  ),
  consent: z.strictObject({
    given: z.boolean(),
    by: z.enum(CONSENT_BY),
    name: z.string().check(z.maxLength(300)),
  }),
};

export const registrationSchema = z.strictObject({
  year: z.int(),
  villageCode: z.string().check(z.maxLength(32)),
  ...registrationFields,
});
export type RegistrationInput = z.infer<typeof registrationSchema>;

/** `POST /candidates/{id}/anonymise`: why (the rule on its length is checked with a message). */
export const anonymiseSchema = z.strictObject({ reason: z.string().check(z.maxLength(2000)) });

/** PATCH: any registration field; year and village are fixed at registration. */
export const correctionSchema = z.partial(z.strictObject(registrationFields));
export type CorrectionInput = z.infer<typeof correctionSchema>;

/** The web correction form sends every field: an emptied required field is an error, not "unchanged". */
export const fullCorrectionSchema = z.strictObject(registrationFields);

/** The checked, normalised registration fields as stored. */
export interface CandidateFields {
  nik: string;
  kk: string;
  fullName: string;
  birthDate: string;
  sex: (typeof SEXES)[number];
  track: (typeof TRACKS)[number];
  outOfSchoolType: (typeof OUT_OF_SCHOOL_TYPES)[number];
  lastLevel: (typeof LEVELS)[number];
  reasonCode: number;
  reasonNote: string | null;
  plannedPathway: (typeof PATHWAYS)[number] | null;
  disability: boolean | null;
  phone: string | null;
  guardianName: string | null;
  /** Where the house is in the village, so that a volunteer finds it (absent on older records). */
  address?: Address | null;
  consent: { given: boolean; by: (typeof CONSENT_BY)[number]; name: string };
}

/** An address in the village: its dusun (hamlet) and RT/RW, each optional, RT/RW as three digits. */
export interface Address {
  dusun: string | null;
  rt: string | null;
  rw: string | null;
}

/** The longest dusun name kept. */
const DUSUN_MAX = 60;

/**
 * The address as typed, normalised: spaces collapsed, RT and RW as three digits ("1", "01",
 * "001" and "RT 01" are the same RT 001); `null` when nothing is given.
 */
export function checkAddress(
  input: { dusun?: string | null; rt?: string | null; rw?: string | null } | null | undefined,
  problems: FieldProblem[],
): Address | null {
  if (!input) return null;
  const dusun = normaliseName(input.dusun ?? '') || null;
  if (dusun && (dusun.length > DUSUN_MAX || !/^[\p{L}\p{M}\p{N} .'/-]+$/u.test(dusun)))
    problems.push({ field: 'address.dusun', key: 'address.dusun', params: { max: DUSUN_MAX } });
  const number = (field: 'rt' | 'rw'): string | null => {
    const raw = (input[field] ?? '').trim().replace(/^(rt|rw)\s*\.?\s*/i, '');
    if (raw === '') return null;
    if (!/^\d{1,3}$/.test(raw) || Number(raw) === 0) {
      problems.push({
        field: `address.${field}`,
        key: 'address.number',
        params: { part: field.toUpperCase() },
      });
      return null;
    }
    return raw.padStart(3, '0');
  };
  const rt = number('rt');
  const rw = number('rw');
  return dusun || rt || rw ? { dusun, rt, rw } : null;
}

export interface CheckedCandidate {
  fields: CandidateFields;
  warnings: FieldProblem[];
}

type FieldsInput = Omit<RegistrationInput, 'year' | 'villageCode'>;

/**
 * The fields as far as they are known: a form with some fields missing or mistyped is still
 * checked on the others, so that a person sees every problem in one round.
 */
type PartialFields = Partial<Omit<FieldsInput, 'consent'>> & { consent?: Partial<FieldsInput['consent']> };

/**
 * Every rule of a candidate's registration, all problems at once so that a form can show
 * each beside its field. Returns normalised fields and the warnings that do not block. A rule
 * whose fields are missing is skipped (their absence is the schema's problem to report).
 */
export function checkCandidate(
  input: PartialFields,
  program: ProgramSettings,
  today: CalendarDate = todayInBrebes(),
): { problems: FieldProblem[]; checked?: CheckedCandidate } {
  const problems: FieldProblem[] = [];
  const nik = input.nik === undefined ? undefined : checkNik(input.nik);
  const kk = input.kk === undefined ? undefined : checkKk(input.kk);
  problems.push(...(nik?.problems ?? []), ...(kk?.problems ?? []));

  const fullName = input.fullName === undefined ? undefined : normaliseName(input.fullName);
  if (fullName !== undefined) checkName(fullName, 'fullName', problems);

  const birth = input.birthDate === undefined ? undefined : parseIsoDate(input.birthDate.trim());
  let birthDate: CalendarDate | undefined;
  if (birth === 'format') problems.push({ field: 'birthDate', key: 'date.format' });
  else if (birth === 'invalid') {
    problems.push({
      field: 'birthDate',
      key: 'date.invalid',
      params: { date: input.birthDate?.trim() ?? '' },
    });
  } else if (birth && compareDates(birth, today) >= 0) {
    problems.push({ field: 'birthDate', key: 'date.notPast' });
  } else if (birth && birth.year < 1900) {
    problems.push({ field: 'birthDate', key: 'date.tooOld' });
  } else birthDate = birth;

  const reference = parseIsoDate(program.referenceDate) as CalendarDate;
  const age = birthDate ? ageOn(birthDate, reference) : undefined;
  if (age !== undefined && input.track) {
    const [min, max] = program.ageRanges[input.track];
    if (age < min || age > max) {
      problems.push({
        field: 'birthDate',
        key: 'age.range',
        params: { age, date: program.referenceDate, track: input.track, min, max },
      });
    }
  }
  const minor = age !== undefined && age < ADULT_AGE;

  if (input.outOfSchoolType === 'NEVER_ENROLLED' && input.lastLevel && input.lastLevel !== 'NONE') {
    problems.push({ field: 'lastLevel', key: 'lastLevel.neverEnrolled' });
  }
  if (input.outOfSchoolType === 'NOT_CONTINUED' && input.lastLevel === 'NONE') {
    problems.push({ field: 'lastLevel', key: 'lastLevel.notContinued' });
  }

  const reasonNote = input.reasonNote?.trim() || null;
  if (input.reasonCode === OTHER_REASON && !reasonNote)
    problems.push({ field: 'reasonNote', key: 'reasonNote.required' });

  let phone: string | null = null;
  if (input.phone?.trim()) {
    phone = normalisePhone(input.phone) ?? null;
    if (!phone) problems.push({ field: 'phone', key: 'phone.invalid' });
  }

  const guardianName = input.guardianName ? normaliseName(input.guardianName) || null : null;
  if (guardianName) checkName(guardianName, 'guardianName', problems);
  else if (minor) problems.push({ field: 'guardianName', key: 'guardian.required' });

  const address = checkAddress(input.address, problems);

  const consent = input.consent ?? {};
  const consentName = consent.name === undefined ? undefined : normaliseName(consent.name);
  if (consent.given === false) problems.push({ field: 'consent.given', key: 'consent.given' });
  if (minor && consent.by === 'SELF') problems.push({ field: 'consent.by', key: 'consent.guardian' });
  if (consentName !== undefined) checkName(consentName, 'consent.name', problems);

  const { sex, track, outOfSchoolType, lastLevel, reasonCode } = input;
  if (
    problems.length > 0 ||
    !nik?.facts ||
    !kk ||
    fullName === undefined ||
    !birthDate ||
    !sex ||
    !track ||
    !outOfSchoolType ||
    !lastLevel ||
    reasonCode === undefined ||
    consent.given === undefined ||
    !consent.by ||
    consentName === undefined
  )
    return { problems };
  return {
    problems,
    checked: {
      fields: {
        nik: nik.nik,
        kk: kk.kk,
        fullName,
        birthDate: formatIsoDate(birthDate),
        sex,
        track,
        outOfSchoolType,
        lastLevel,
        reasonCode,
        reasonNote,
        plannedPathway: input.plannedPathway ?? null,
        disability: input.disability ?? null,
        phone,
        guardianName,
        address,
        consent: { given: consent.given, by: consent.by, name: consentName },
      },
      warnings: nikWarnings(nik.facts, birthDate, sex),
    },
  };
}

/**
 * Every problem of a form at once: the schema's (missing or mistyped fields) and, on the
 * fields that passed it, the registration rules'. One problem a field, the schema's first.
 */
export function everyProblem(
  raw: Record<string, unknown>,
  schemaProblems: readonly FieldProblem[],
  program: ProgramSettings,
): FieldProblem[] {
  const bad = new Set(schemaProblems.map((p) => p.field));
  const known: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(registrationFields)) {
    if (key === 'consent') continue;
    if (!bad.has(key) && schema.safeParse(raw[key]).success) known[key] = raw[key];
  }
  const consent: Record<string, unknown> = {};
  const rawConsent = (raw.consent ?? {}) as Record<string, unknown>;
  for (const [key, schema] of Object.entries(registrationFields.consent.shape)) {
    if (!bad.has(`consent.${key}`) && schema.safeParse(rawConsent[key]).success)
      consent[key] = rawConsent[key];
  }
  const { problems } = checkCandidate({ ...(known as PartialFields), consent }, program);
  const all = [...schemaProblems, ...problems.filter((p) => !bad.has(p.field))];
  return all.filter((p, i) => all.findIndex((q) => q.field === p.field) === i);
}

function checkName(name: string, field: string, problems: FieldProblem[]): void {
  if (name.length < 1 || name.length > 100) problems.push({ field, key: 'name.length' });
  else if (!isAcceptableName(name)) problems.push({ field, key: 'name.chars' });
}
