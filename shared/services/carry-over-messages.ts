type Params = Record<string, string | number>;
type Text = (p: Params) => string;

/**
 * The messages of carrying records over, added to the catalogue when the carry-over service
 * loads (shared/i18n.ts): only the functions that carry records over hold them.
 */
export const carryOverMessages = {
  'carryOver.notCarriable': [
    'Hanya catatan berstatus Terdata atau Terverifikasi (belum masuk sekolah) yang bisa dibawa ke tahun lain.',
    'Only a record still Identified or Verified (never enrolled) can be carried over to another year.',
  ],
  'carryOver.yearNotLater': [
    (p: Params) => `Tahun tujuan harus sesudah ${p.year}.`,
    (p: Params) => `The new year must come after ${p.year}.`,
  ],
  'carryOver.fromYearNotEarlier': [
    (p: Params) => `Tahun asal harus sebelum ${p.year}.`,
    (p: Params) => `The year to carry from must come before ${p.year}.`,
  ],
  'carryOver.noteTo': [
    (p: Params) => `Dibawa ke tahun ${p.year}.`,
    (p: Params) => `Carried over to ${p.year}.`,
  ],
  'carryOver.noteFrom': [
    (p: Params) => `Dibawa dari tahun ${p.year}.`,
    (p: Params) => `Carried over from ${p.year}.`,
  ],
  'carryOver.funded': ['Dibawa; mendapat tempat desa.', 'Carried over; holds a village place.'],
  'carryOver.waitlisted': [
    (p: Params) => `Dibawa; masuk daftar tunggu desa (urutan ${p.position}).`,
    (p: Params) => `Carried over; on the village waitlist (position ${p.position}).`,
  ],
  'carryOver.wouldFund': [
    'Akan dibawa dan mendapat tempat desa.',
    'Would be carried over into a village place.',
  ],
  'carryOver.wouldWait': [
    (p: Params) => `Akan dibawa dan masuk daftar tunggu desa (urutan ${p.position}).`,
    (p: Params) => `Would be carried over onto the village waitlist (position ${p.position}).`,
  ],
  'carryOver.anonymised': [
    'Catatan ini sudah dianonimkan; tidak bisa dibawa.',
    'This record was anonymised; it cannot be carried over.',
  ],
  'carryOver.alreadyInYear': [
    (p: Params) => `NIK ini sudah pernah didaftarkan pada tahun ${p.year}; tidak bisa dibawa.`,
    (p: Params) => `This NIK was already registered in ${p.year}; it cannot be carried over.`,
  ],
  'carryOver.openElsewhere': [
    (p: Params) => `Orang ini punya catatan lain yang masih berjalan (tahun ${p.year}); tidak dibawa.`,
    (p: Params) => `This person has another open record (${p.year}); not carried over.`,
  ],
  'carryOver.changed': [
    'Catatan ini berubah selama proses; jalankan lagi.',
    'This record changed meanwhile; run it again.',
  ],
  'carryOver.notTried': [
    'Belum diproses (waktu habis atau gangguan sebelumnya); jalankan lagi untuk melanjutkan.',
    'Not processed yet (time ran out, or an earlier failure); run again to continue.',
  ],
  'carryOver.failed': [
    'Gagal karena gangguan sistem; catatan tidak berubah. Jalankan lagi nanti.',
    'Failed for a system problem; the record is unchanged. Run again later.',
  ],
} satisfies Record<`carryOver.${string}`, readonly [string | Text, string | Text]>;
