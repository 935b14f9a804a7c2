type Params = Record<string, string | number>;
type Text = (p: Params) => string;

/**
 * The messages of a programme year's settings, schools, APBD places and anonymisation, added
 * to the catalogue by the services that give them (shared/i18n.ts): the functions that never
 * do (imports, the public figures) do not hold them.
 */
export const workMessages = {
  'program.ageRange': [
    'Rentang umur harus [min, max] di antara 0 dan 100 dengan min ≤ max.',
    'An age range must be [min, max] within 0 to 100 with min ≤ max.',
  ],
  'program.referenceDate': [
    'Tanggal acuan harus berada di dalam tahun program.',
    'The reference date must fall inside the programme year.',
  ],
  'program.quotaInUse': [
    (p) =>
      `Kuota desa tidak bisa diturunkan di bawah ${p.used}: sudah ada desa dengan ${p.used} tempat terisi.`,
    (p) => `The village quota cannot go below ${p.used}: a village already holds ${p.used} places.`,
  ],
  'program.ceilingInUse': [
    (p) => `Pagu APBD tidak bisa di bawah ${p.used}: sudah terpakai untuk tempat yang dibagikan.`,
    (p) => `The APBD ceiling cannot go below ${p.used}: places already handed out carry that money.`,
  ],
  'school.required': [
    'Pendaftaran ke sekolah membutuhkan data sekolah: NPSN, nama dan jenjang.',
    'Enrolment needs the school: NPSN, name and level.',
  ],
  'school.notAllowed': [
    'Data sekolah hanya diisi saat status menjadi Terdaftar (ENROLLED).',
    'A school is given only when moving to ENROLLED.',
  ],
  'school.npsn': [
    'NPSN harus 8 angka untuk sekolah (misalnya 20325671), atau huruf P atau K diikuti 7 angka untuk PKBM, SKB atau lembaga kursus (misalnya P9997333).',
    'An NPSN is 8 digits for a school (e.g. 20325671), or P or K and 7 digits for a PKBM, SKB or course provider (e.g. P9997333).',
  ],
  'school.name': ['Nama sekolah harus 1 sampai 200 huruf.', 'The school name must be 1 to 200 characters.'],
  'program.apbdPlacesInUse': [
    (p) => `Jumlah tempat APBD tidak bisa di bawah ${p.used}: sudah sebanyak itu tempat yang dibagikan.`,
    (p) => `APBD places cannot go below ${p.used}: that many places have been handed out.`,
  ],
  'school.sameSchool': [
    'Sekolah baru sama dengan sekolah sekarang.',
    'The new school is the same as the current one.',
  ],
  'school.notEnrolled': [
    'Pindah sekolah hanya untuk peserta berstatus Masuk sekolah atau Aktif belajar.',
    'A school change is only for a learner who is Enrolled or Active.',
  ],
  'school.changeNote': [
    (p) => `Pindah sekolah: dari ${p.from} ke ${p.to}.`,
    (p) => `School change: from ${p.from} to ${p.to}.`,
  ],
  'apbd.notEligible': [
    'Tempat APBD hanya untuk calon yang masih menunggu (daftar tunggu desa) dan belum didaftarkan ke sekolah.',
    'An APBD place is only for a candidate still on the village waitlist and not yet enrolled.',
  ],
  'apbd.noneLeft': [
    'Tempat atau dana APBD tahun ini sudah habis.',
    'No APBD place or money is left this year.',
  ],
  'anonymise.reason': [
    'Tuliskan alasan anonimisasi (3 sampai 500 huruf).',
    'Give the reason for anonymising (3 to 500 characters).',
  ],
} satisfies Record<string, readonly [string | Text, string | Text]>;
