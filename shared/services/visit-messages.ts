type Params = Record<string, string | number>;
type Text = (p: Params) => string;

/**
 * The messages of recording a visit, added to the catalogue when the follow-up service loads
 * (shared/i18n.ts): functions without that service do not carry them.
 */
export const visitMessages = {
  'visit.closed': [
    'Calon ini sudah tidak dalam pendampingan (selesai, tidak memenuhi syarat, mengundurkan diri atau dianonimkan): kunjungan tidak dicatat.',
    'This record is no longer followed up (completed, ineligible, withdrawn or anonymised): the visit is not recorded.',
  ],
  'visit.future': [
    'Tanggal kunjungan tidak boleh sesudah hari ini.',
    'The visit date cannot be after today.',
  ],
  'visit.beforeRegistration': [
    (p: Params) => `Tanggal kunjungan tidak boleh sebelum calon didaftarkan (${p.date}).`,
    (p: Params) => `The visit date cannot be before the candidate was registered (${p.date}).`,
  ],
} satisfies Record<`visit.${string}`, readonly [string | Text, string | Text]>;
