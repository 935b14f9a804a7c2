/**
 * Made-up people for the benchmark: valid, distinct NIKs, KKs and names, so that nobody is a
 * duplicate or a look-alike of anyone else. Nothing here is printed.
 */
const letters = (n: number, length: number) => {
  let s = '';
  for (let i = 0; i < length; i++) {
    s += String.fromCharCode(97 + (n % 26));
    n = Math.floor(n / 26);
  }
  return s;
};

/** Person `n` (0 to 9,999 × 336): a girl of Salem born 2010 or 2011, NIK and KK unique to `n`. */
export function person(n: number) {
  const serial = String((n % 9999) + 1).padStart(4, '0');
  const group = Math.floor(n / 9999);
  const day = 1 + (group % 28);
  const month = 1 + (Math.floor(group / 28) % 12);
  const year = 10 + Math.floor(group / 336);
  const dd = String(day).padStart(2, '0');
  const mm = String(month).padStart(2, '0');
  return {
    nik: `332901${day + 40}${mm}${year}${serial}`,
    kk: `3329${String(n).padStart(12, '0')}`,
    fullName: `Warga ${letters(n, 4)} ${letters(Math.floor(n / 7), 3)}`,
    birthDate: `20${year}-${mm}-${dd}`,
    sex: 'F' as const,
    track: 'ATS' as const,
    outOfSchoolType: 'DROPPED_OUT' as const,
    lastLevel: 'SD' as const,
    reasonCode: 1,
    guardianName: 'Tarsih',
    consent: { given: true, by: 'GUARDIAN' as const, name: 'Tarsih' },
  };
}
