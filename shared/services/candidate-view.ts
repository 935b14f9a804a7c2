import { now } from '../clock.js';
import type { CandidateItem } from '../db/candidate-item.js';
import { todayInBrebes } from '../domain/dates.js';
import { followUpOf } from '../domain/follow-up.js';
import { maskIdNumber } from '../domain/nik.js';
import { type Lang, type MessageKey, render } from '../i18n.js';
import { canSeeFullIdentity, type Principal } from '../principal.js';

/** The code of a warning, for clients to act on (the message is for people). */
const WARNING_CODES: Partial<Record<MessageKey, string>> = {
  'nik.warn.birthDate': 'NIK_BIRTH_DATE_DIFFERS',
  'nik.warn.sex': 'NIK_SEX_DIFFERS',
  'nik.warn.district': 'NIK_DISTRICT_UNKNOWN',
  'candidate.previouslyInProgramme': 'PREVIOUSLY_IN_PROGRAMME',
};
const warningCode = (key: MessageKey) => WARNING_CODES[key] ?? key;

/** The candidate as lists show it: no full NIK or KK, no contact details. */
export function candidateSummary(c: CandidateItem, waitlistPosition: number | null, lang: Lang) {
  return {
    id: c.id,
    year: c.year,
    villageCode: c.villageCode,
    districtCode: c.districtCode,
    // An anonymised candidate has no NIK left to mask.
    nikMasked: c.anonymised ? null : maskIdNumber(c.nik),
    fullName: c.fullName,
    birthDate: c.birthDate,
    sex: c.sex,
    track: c.track,
    status: c.status,
    funding: {
      village: c.villageFunding,
      waitlistPosition: c.villageFunding === 'WAITLISTED' ? waitlistPosition : null,
      apbd: c.apbd ? { amount: c.apbd.amount, place: c.apbd.place, disbursed: c.disbursed.APBD } : null,
      apbdes:
        c.villageFunding === 'FUNDED'
          ? { amount: c.villageAmount ?? 0, disbursed: c.disbursed.APBDES }
          : null,
    },
    school: c.school,
    version: c.version,
    warnings: c.warnings.map((w) => ({ field: w.field, code: warningCode(w.key), message: render(w, lang) })),
    flags: c.flags,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    anonymisedAt: c.anonymised?.at ?? null,
    previous: c.previous ?? [],
    carriedFrom: c.carriedFrom ?? null,
    carriedTo: c.carriedTo ?? null,
    // Where the house is: shown wherever the record is, never masked (not an identity number).
    address: c.anonymised ? null : (c.address ?? null),
    followUp: followUpOf(c, todayInBrebes(now())),
  };
}

/**
 * One candidate's own record: every registration field, and with `identity: 'full'` the full
 * NIK/KK for those allowed (the caller records that showing first: personal-data.ts).
 */
export function candidateRecord(
  c: CandidateItem,
  waitlistPosition: number | null,
  viewer: Principal,
  lang: Lang,
  identity: 'full' | 'masked',
) {
  const full = identity === 'full' && canSeeFullIdentity(viewer, c.villageCode);
  return {
    ...candidateSummary(c, waitlistPosition, lang),
    ...(c.anonymised
      ? { kkMasked: null, anonymisationReason: c.anonymised.reason }
      : full
        ? { nik: c.nik, kk: c.kk }
        : { kkMasked: maskIdNumber(c.kk) }),
    outOfSchoolType: c.outOfSchoolType,
    lastLevel: c.lastLevel,
    reasonCode: c.reasonCode,
    reasonNote: c.reasonNote,
    plannedPathway: c.plannedPathway,
    disability: c.disability,
    phone: c.phone,
    guardianName: c.guardianName,
    consent: c.consent,
  };
}
