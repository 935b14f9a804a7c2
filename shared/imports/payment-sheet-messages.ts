/**
 * The messages of the payment-sheet checks, in Indonesian and English, beside the code that
 * gives them: they join shared/i18n.ts's catalogue when that code loads (as the survey list's
 * do), so that only the `imports` function carries them. None names a person: a NIK is
 * named by its last four digits.
 */
type Text = (p: Record<string, string | number>) => string;

export const paymentSheetMessages = {
  'paymentSheet.noCandidate': [
    'Isi ID Calon atau NIK orang yang dibayar.',
    'Fill in the ID Calon or the NIK of the person paid.',
  ],
  'paymentSheet.id': [
    'ID Calon terdiri dari 26 huruf dan angka, seperti di alamat halaman calon (…/calon/01J…).',
    'An ID Calon has 26 letters and digits, as in the address of the candidate page (…/calon/01J…).',
  ],
  'paymentSheet.idNotFound': [
    (p) => `Tidak ada calon dengan ID ini pada tahun program ${p.year}.`,
    (p) => `No candidate has this ID in programme year ${p.year}.`,
  ],
  'paymentSheet.otherYear': [
    (p) =>
      `Calon ini tercatat pada tahun program ${p.year}; pembayarannya masuk lembar tahun ${p.year}, bukan tahun ini.`,
    (p) =>
      `This candidate belongs to programme year ${p.year}; their payments go into a sheet of ${p.year}, not of this year.`,
  ],
  'paymentSheet.nikNotFound': [
    (p) => `Tidak ada calon dengan NIK berakhiran ${p.last4} pada tahun program ${p.year}.`,
    (p) => `No candidate with the NIK ending in ${p.last4} in programme year ${p.year}.`,
  ],
  'paymentSheet.idAndNik': [
    'ID Calon dan NIK di baris ini menunjuk dua calon yang berbeda. Isi salah satu saja, atau perbaiki yang salah.',
    'The ID Calon and the NIK of this row point at two different candidates. Fill in one of them, or correct the wrong one.',
  ],
  'paymentSheet.amount': [
    'Jumlah harus rupiah utuh lebih dari 0, misalnya 1500000 atau 1.500.000.',
    'The amount must be whole rupiah above 0, e.g. 1500000 or 1.500.000.',
  ],
  'paymentSheet.duplicateRecorded': [
    'Referensi ini sudah tercatat untuk calon ini; baris ini tidak dicatat lagi.',
    'This reference is already recorded for this candidate; the row is not recorded again.',
  ],
  'paymentSheet.duplicateRow': [
    (p) => `Calon dan referensi sama dengan baris ${p.row}; baris ini tidak dicatat.`,
    (p) => `Same candidate and reference as row ${p.row}; the row is not recorded.`,
  ],
  'paymentSheet.notRecorded': [
    'Belum dicatat: sistem sedang sibuk atau waktunya habis. Kirim ulang berkas yang sama; pembayaran yang sudah tercatat tidak akan tercatat dua kali.',
    'Not recorded: the system is busy or ran out of time. Send the same file again; payments already recorded will not be recorded twice.',
  ],
} satisfies Record<`paymentSheet.${string}`, readonly [string | Text, string | Text]>;
