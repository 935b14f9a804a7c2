import type { RegistrationInput } from '../../shared/domain/candidate.js';

/** Valid registration bodies for tests: distinct NIKs for one village and year. */
export const VILLAGE = '33.29.01.2001'; // Banjaran, Salem
export const OTHER_VILLAGE_SAME_DISTRICT = '33.29.01.2002'; // Bentar, Salem
export const DISTRICT = '33.29.01';
export const OTHER_VILLAGE = '33.29.02.2001'; // Bantarkawung
export const OTHER_DISTRICT = '33.29.02';

/**
 * A girl born 5 July 2010 (age 15 on 1 July 2026: ATS), NIK serial `serial`.
 * NIK 332901 450710 SSSS: Salem, day 05 + 40, July, 2010.
 */
export function candidateFields(serial = 1): Omit<RegistrationInput, 'year' | 'villageCode'> {
  const s = String(serial).padStart(4, '0');
  return {
    nik: `332901450710${s}`,
    kk: `332901010110${s}`,
    fullName: 'Siti Aminah',
    birthDate: '2010-07-05',
    sex: 'F',
    track: 'ATS',
    outOfSchoolType: 'DROPPED_OUT',
    lastLevel: 'SD',
    reasonCode: 1,
    guardianName: 'Tarsih',
    consent: { given: true, by: 'GUARDIAN', name: 'Tarsih' },
  };
}

/** A registration body: the fields above for the test village in 2026, with overrides (even invalid ones). */
export function registration(serial: number, overrides: Record<string, unknown> = {}) {
  return { year: 2026, villageCode: VILLAGE, ...candidateFields(serial), ...overrides };
}
