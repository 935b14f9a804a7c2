import * as z from 'zod/mini';
import type { FieldProblem } from '../errors.js';
import { ageOn, type CalendarDate, compareDates, parseIsoDate, todayInBrebes } from './dates.js';
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
  consent: { given: boolean; by: (typeof CONSENT_BY)[number]; name: string };
}

export interface CheckedCandidate {
  fields: CandidateFields;
  warnings: FieldProblem[];
}

type FieldsInput = Omit<RegistrationInput, 'year' | 'villageCode'>;

/**
 * Every rule of a candidate's registration, all problems at once so that a form can show
 * each beside its field. Returns normalised fields and the warnings that do not block.
 */
export function checkCandidate(
  input: FieldsInput,
  program: ProgramSettings,
  today: CalendarDate = todayInBrebes(),
): { problems: FieldProblem[]; checked?: CheckedCandidate } {
  const problems: FieldProblem[] = [];
  const nik = checkNik(input.nik);
  const kk = checkKk(input.kk);
  problems.push(...nik.problems, ...kk.problems);

  const fullName = normaliseName(input.fullName);
  checkName(fullName, 'fullName', problems);

  const birth = parseIsoDate(input.birthDate.trim());
  let birthDate: CalendarDate | undefined;
  if (birth === 'format' || birth === 'invalid') {
    problems.push({ field: 'birthDate', key: birth === 'format' ? 'date.format' : 'date.invalid' });
  } else if (compareDates(birth, today) >= 0) {
    problems.push({ field: 'birthDate', key: 'date.notPast' });
  } else if (birth.year < 1900) {
    problems.push({ field: 'birthDate', key: 'date.tooOld' });
  } else birthDate = birth;

  const reference = parseIsoDate(program.referenceDate) as CalendarDate;
  const age = birthDate ? ageOn(birthDate, reference) : undefined;
  if (age !== undefined) {
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

  if (input.outOfSchoolType === 'NEVER_ENROLLED' && input.lastLevel !== 'NONE') {
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

  const consentName = normaliseName(input.consent.name);
  if (!input.consent.given) problems.push({ field: 'consent.given', key: 'consent.given' });
  if (minor && input.consent.by !== 'GUARDIAN')
    problems.push({ field: 'consent.by', key: 'consent.guardian' });
  checkName(consentName, 'consent.name', problems);

  if (problems.length > 0 || !nik.facts) return { problems };
  return {
    problems,
    checked: {
      fields: {
        nik: nik.nik,
        kk: kk.kk,
        fullName,
        birthDate: input.birthDate.trim(),
        sex: input.sex,
        track: input.track,
        outOfSchoolType: input.outOfSchoolType,
        lastLevel: input.lastLevel,
        reasonCode: input.reasonCode,
        reasonNote,
        plannedPathway: input.plannedPathway ?? null,
        disability: input.disability ?? null,
        phone,
        guardianName,
        consent: { given: input.consent.given, by: input.consent.by, name: consentName },
      },
      warnings: nikWarnings(nik.facts, birthDate, input.sex),
    },
  };
}

function checkName(name: string, field: string, problems: FieldProblem[]): void {
  if (name.length < 1 || name.length > 100) problems.push({ field, key: 'name.length' });
  else if (!isAcceptableName(name)) problems.push({ field, key: 'name.chars' });
}
