/**
 * What makes two registrations look like one person despite different NIKs: the same
 * normalised name and birth date, or the same KK and birth date. Names are compared without
 * case, accents, punctuation or extra spaces ("Siti  Aminah", "SITI AMINAH", "Siti-Aminah").
 */
export function normaliseForComparison(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.'-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The two fingerprints of a person (to be keyed-hashed before they are stored). */
export const personFingerprints = (p: {
  fullName: string;
  kk: string;
  birthDate: string;
}): [string, string] => [
  `name:${normaliseForComparison(p.fullName)}|${p.birthDate}`,
  `kk:${p.kk}|${p.birthDate}`,
];
