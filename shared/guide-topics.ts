/**
 * The parts of the guides (functions/guide/content.ts) that a page's "?" can open. A topic is
 * a task of one or more guides, or `masuk` (signing in and out, at the top of every guide).
 * Pages name theirs by this type, so a page cannot point at a part that does not exist.
 */
export const HELP_TOPICS = [
  'masuk',
  'kuota',
  'daftar',
  'calon',
  'ubah',
  'unggah',
  'bawa',
  'cari',
  'kerja',
  'kunjungan',
  'pindah',
  'pendampingan',
  'kertas',
  'anggaran',
  'capaian',
  'pembayaran',
  'ganda',
  'akun',
  'program',
  'angkatan',
  'jejak',
  'riwayat',
] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];

/** The guides, by the address of their page (`/panduan/<slug>`). */
export const GUIDE_SLUGS = ['operator', 'relawan', 'bappeda'] as const;
export type GuideSlug = (typeof GUIDE_SLUGS)[number];
