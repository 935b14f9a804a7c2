/**
 * The messages of search and duplicate review, added to the catalogue when those services
 * load (shared/i18n.ts): only the functions that search or review hold them.
 */
export const findingMessages = {
  'duplicate.nothingToReview': [
    'Data ini tidak (lagi) ditandai mirip data lain; tidak ada yang perlu diputuskan.',
    'This record is not (or no longer) flagged as looking like another; there is nothing to decide.',
  ],
  'duplicate.notLater': [
    '"Orang yang sama" diputuskan pada data yang didaftarkan belakangan: data itu yang dibatalkan, yang lebih dulu tetap.',
    '"Same person" is decided on the record registered later: that one is withdrawn, the earlier one stays.',
  ],
  'duplicate.cannotWithdraw': [
    'Data ini sudah masuk sekolah atau sudah selesai, jadi tidak bisa dibatalkan sebagai data ganda. Hubungi relawan FMPP.',
    'This record is already enrolled or closed, so it cannot be withdrawn as a duplicate. Contact the FMPP volunteer.',
  ],
  'search.query': [
    'Cari dengan kata dari nama (misalnya "siti am"), 4 angka terakhir NIK, atau NIK lengkap 16 angka; paling panjang 100 huruf.',
    'Search by words of the name (e.g. "siti am"), the last 4 NIK digits, or the whole 16-digit NIK; at most 100 characters.',
  ],
  'search.withDue': [
    'Pencarian tidak bisa digabung dengan daftar jatuh tempo kunjungan; pilih salah satu.',
    'A search cannot be combined with the due-visit list; choose one.',
  ],
} satisfies Record<`search.${string}` | `duplicate.${string}`, readonly [string, string]>;
