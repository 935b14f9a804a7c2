import type { accountMessages } from './accounts/messages.js';
import { MONTH_NAMES } from './domain/dates.js';
import type { importMessages } from './imports/messages.js';
import type { paymentSheetMessages } from './imports/payment-sheet-messages.js';
import type { carryOverMessages } from './services/carry-over-messages.js';
import type { findingMessages } from './services/finding-messages.js';
import type { visitMessages } from './services/visit-messages.js';
import type { workMessages } from './services/work-messages.js';

/**
 * Every text the system shows, in Indonesian (default) and English. Errors and warnings
 * carry a key and parameters, never rendered text, so the language is chosen per request.
 * Parameters never hold a NIK, KK, name or phone; a NIK warning names the birth date or sex it disagrees with, which whoever sees the record sees anyway. The survey-list checks'
 * messages live with them (shared/imports/messages.ts, payment-sheet-messages.ts) and join this catalogue when that code
 * loads, so that functions without imports do not carry them.
 */
export type Lang = 'id' | 'en';
type Params = Record<string, string | number>;
type Text = (p: Params) => string;
type Entry = readonly [string | Text, string | Text];

const catalogue = {
  // top-level error messages, one per error code
  'error.VALIDATION_FAILED': [
    'Data belum benar. Periksa kolom yang ditandai.',
    'Some fields need attention.',
  ],
  'error.UNAUTHENTICATED': [
    'Anda belum masuk atau sesi sudah berakhir. Silakan masuk lagi.',
    'You are not signed in or your session has expired. Please sign in again.',
  ],
  'error.FORBIDDEN': ['Peran Anda tidak boleh melakukan ini.', 'Your role may not do this.'],
  'error.NOT_FOUND': ['Data tidak ditemukan.', 'Not found.'],
  'error.DUPLICATE_NIK': [
    (p) => `NIK ini sudah terdaftar pada tahun program ${p.year}. Satu orang hanya boleh didaftarkan sekali.`,
    (p) =>
      `This NIK is already registered in programme year ${p.year}. A person may be registered only once.`,
  ],
  'error.INVALID_TRANSITION': ['Perubahan status ini tidak diizinkan.', 'This status change is not allowed.'],
  'error.NOT_FUNDED': ['Calon belum mendapat tempat yang didanai.', 'The candidate holds no funded place.'],
  'error.CEILING_EXCEEDED': [
    'Batas kuota atau anggaran terlampaui.',
    'A quota or budget limit would be exceeded.',
  ],
  'error.ALREADY_IN_PROGRAMME': [
    'Orang ini masih ikut program pada tahun lain.',
    'This person is still in the programme in another year.',
  ],
  'error.ALREADY_VOIDED': ['Pembayaran ini sudah dibatalkan sebelumnya.', 'This payment was voided before.'],
  'error.PROGRAM_NOT_CONFIGURED': [
    (p) => `Tahun program ${p.year} belum diatur oleh Bappeda.`,
    (p) => `Programme year ${p.year} has not been configured by Bappeda.`,
  ],
  'error.IDEMPOTENCY_KEY_REUSED': [
    'Idempotency-Key ini sudah dipakai untuk data yang berbeda.',
    'This Idempotency-Key was already used with a different body.',
  ],
  'error.VERSION_MISMATCH': [
    'Data ini sudah diubah orang lain. Muat ulang lalu coba lagi.',
    'Someone else changed this record. Reload and try again.',
  ],
  'error.PRECONDITION_REQUIRED': [
    'Header If-Match wajib dikirim untuk mengubah data ini.',
    'The If-Match header is required to change this record.',
  ],
  'error.RATE_LIMITED': ['Terlalu banyak permintaan. Tunggu sebentar.', 'Too many requests. Please wait.'],
  'error.RETRY_LATER': [
    'Sistem sedang sibuk. Coba lagi sebentar lagi.',
    'The system is busy. Please try again shortly.',
  ],

  // field problems
  'field.required': ['Wajib diisi.', 'Required.'],
  'field.unknown': ['Kolom ini tidak dikenal.', 'Unknown field.'],
  'field.string': ['Harus berupa teks.', 'Must be text.'],
  'field.integer': ['Harus berupa bilangan bulat.', 'Must be a whole number.'],
  'field.boolean': ['Harus true atau false.', 'Must be true or false.'],
  'field.object': ['Harus berupa objek.', 'Must be an object.'],
  'field.oneOf': [(p) => `Harus salah satu dari: ${p.values}.`, (p) => `Must be one of: ${p.values}.`],
  'field.min': [(p) => `Paling kecil ${p.min}.`, (p) => `At least ${p.min}.`],
  'field.max': [(p) => `Paling besar ${p.max}.`, (p) => `At most ${p.max}.`],
  'field.tooLong': [(p) => `Paling banyak ${p.max} karakter.`, (p) => `At most ${p.max} characters.`],
  'body.json': ['Isi permintaan bukan JSON yang sah.', 'The request body is not valid JSON.'],
  'body.object': ['Isi permintaan harus berupa objek JSON.', 'The request body must be a JSON object.'],
  'body.tooLarge': [
    (p) => `Isi permintaan terlalu besar (paling banyak ${p.max} KB).`,
    (p) => `The request body is too large (at most ${p.max} KB).`,
  ],
  'body.form': [
    'Isi formulir tidak terbaca. Muat ulang halaman lalu kirim lagi.',
    'The form could not be read. Reload the page and send it again.',
  ],
  'query.invalid': [
    'Nilai ini tidak sesuai aturannya. Bila halaman dibuka lewat tautan, buka lagi dari menu.',
    'This value does not follow its rule. If the page was opened from a link, open it again from the menu.',
  ],
  'query.unknown': [
    'Parameter ini tidak dikenal di alamat ini; lihat /docs untuk parameter yang bisa dipakai.',
    'This parameter is not known here; see /docs for the parameters this route takes.',
  ],
  'query.cursor': [
    'Cursor tidak sah. Mulai lagi dari halaman pertama.',
    'Invalid cursor. Start again from the first page.',
  ],

  'nik.digits': ['NIK hanya boleh berisi angka.', 'A NIK may contain digits only.'],
  'nik.length': [
    (p) => `NIK harus 16 angka, yang diisi ${p.count} angka.`,
    (p) => `A NIK has 16 digits; ${p.count} were given.`,
  ],
  'nik.province': [
    'Dua angka pertama NIK bukan kode provinsi yang ada.',
    'The first two digits of the NIK are not a province code.',
  ],
  'nik.day': [
    'Angka ke-7 dan ke-8 NIK (tanggal lahir) harus 01–31, atau 41–71 untuk perempuan.',
    'Digits 7–8 of the NIK (birth day) must be 01–31, or 41–71 for women.',
  ],
  'nik.month': [
    'Angka ke-9 dan ke-10 NIK (bulan lahir) harus 01–12.',
    'Digits 9–10 of the NIK (birth month) must be 01–12.',
  ],
  'nik.date': [
    'Tanggal lahir di dalam NIK (angka ke-7 sampai ke-12) tidak ada di kalender.',
    'The birth date in the NIK (digits 7–12) does not exist.',
  ],
  'nik.serial': [
    'Empat angka terakhir NIK tidak boleh 0000.',
    'The last four digits of the NIK cannot be 0000.',
  ],
  // Both values named (`declared` as entered, `encoded` in the NIK); warnings stored before they were
  // named have no parameters and keep the old wording.
  'nik.warn.birthDate': [
    (p) =>
      p.declared === undefined
        ? 'Tanggal lahir di NIK berbeda dengan tanggal lahir yang diisi. Periksa KTP/KK; data tetap disimpan.'
        : `Tanggal lahir ${p.declared} tidak sama dengan NIK (${p.encoded}). Periksa KTP/KK; data tetap disimpan.`,
    (p) =>
      p.declared === undefined
        ? 'The birth date in the NIK differs from the declared one. Check the ID card; the record is kept.'
        : `Date of birth ${p.declared} does not match the NIK (${p.encoded}). Check the ID card; the record is kept.`,
  ],
  'nik.warn.sex': [
    (p) =>
      p.declared === undefined
        ? 'Jenis kelamin di NIK berbeda dengan yang diisi. Periksa KTP/KK; data tetap disimpan.'
        : `Jenis kelamin ${p.declared === 'F' ? 'Perempuan' : 'Laki-laki'} tidak sama dengan NIK (${p.encoded === 'F' ? 'perempuan' : 'laki-laki'}). Periksa KTP/KK; data tetap disimpan.`,
    (p) =>
      p.declared === undefined
        ? 'The sex encoded in the NIK differs from the declared one. Check the ID card; the record is kept.'
        : `Sex entered as ${p.declared === 'F' ? 'female' : 'male'} does not match the NIK (${p.encoded === 'F' ? 'female' : 'male'}). Check the ID card; the record is kept.`,
  ],
  'nik.warn.district': [
    'Enam angka pertama NIK bukan kode kecamatan yang dikenal (mungkin sudah pindah). Data tetap disimpan.',
    'The first six digits of the NIK are not a known kecamatan code (the person may have moved). The record is kept.',
  ],
  'kk.digits': ['No KK hanya boleh berisi angka.', 'A KK number may contain digits only.'],
  'kk.length': [
    (p) => `No KK harus 16 angka, yang diisi ${p.count} angka.`,
    (p) => `A KK number has 16 digits; ${p.count} were given.`,
  ],
  'name.length': ['Nama harus 1 sampai 100 huruf.', 'The name must be 1 to 100 characters.'],
  'name.chars': [
    "Nama hanya boleh berisi huruf, spasi, titik (.), petik (') dan tanda hubung (-).",
    "A name may contain letters, spaces, full stops (.), apostrophes (') and hyphens (-) only.",
  ],
  'date.format': [
    'Tulis tanggal sebagai TTTT-BB-HH, misalnya 2010-07-05.',
    'Write the date as YYYY-MM-DD, e.g. 2010-07-05.',
  ],
  'date.invalid': [
    (p) => `Tanggal ${spelled(p.date, 0)}tidak ada di kalender; periksa tanggal dan bulannya.`,
    (p) => `The date ${spelled(p.date, 1)}does not exist; check the day and the month.`,
  ],
  'date.formatLoose': [
    'Tulis tanggal lahir seperti 05-07-2010, 5/7/2010 atau 5 Juli 2010.',
    'Write the date of birth like 05-07-2010, 5/7/2010 or 5 July 2010.',
  ],
  'date.notPast': ['Tanggal lahir harus sebelum hari ini.', 'The birth date must be before today.'],
  'date.tooOld': ['Tanggal lahir tidak boleh sebelum tahun 1900.', 'The birth date cannot be before 1900.'],
  'age.range': [
    (p) => `Umur ${p.age} tahun pada ${p.date}; jalur ${p.track} untuk umur ${p.min}–${p.max} tahun.`,
    (p) => `Aged ${p.age} on ${p.date}; the ${p.track} track is for ages ${p.min}–${p.max}.`,
  ],
  'guardian.required': [
    'Nama wali wajib diisi untuk calon yang berumur di bawah 18 tahun.',
    'A guardian name is required for a candidate under 18.',
  ],
  'consent.given': [
    'Data hanya boleh dicatat dengan persetujuan: centang kotak persetujuan.',
    'Data may be recorded only with consent: tick the consent box (given: true).',
  ],
  'consent.guardian': [
    'Untuk calon di bawah 18 tahun, persetujuan diberikan oleh wali: pilih "Wali".',
    'For a candidate under 18, consent is given by the guardian (GUARDIAN).',
  ],
  'reasonNote.required': [
    'Alasan 12 (lainnya) perlu catatan yang menjelaskan alasannya.',
    'Reason 12 (other) needs a note explaining the reason.',
  ],
  'lastLevel.neverEnrolled': [
    'Calon yang belum pernah sekolah tidak punya pendidikan terakhir: pilih "Tidak ada".',
    'A person who never enrolled has no last level: choose NONE.',
  ],
  'lastLevel.notContinued': [
    'Lulus tidak melanjutkan berarti sudah lulus satu jenjang: pilih SD, SMP atau SMA.',
    'Graduated and not continued means a level was completed: choose SD, SMP or SMA.',
  ],
  'address.dusun': [
    (p) => `Nama dusun paling panjang ${p.max} huruf, dengan huruf, angka, spasi, titik atau tanda hubung.`,
    (p) => `A dusun name has at most ${p.max} characters: letters, digits, spaces, dots or hyphens.`,
  ],
  'address.number': [
    (p) => `${p.part} ditulis dengan angka 1 sampai 999, misalnya 3 atau 003.`,
    (p) => `The ${p.part} is a number from 1 to 999, e.g. 3 or 003.`,
  ],
  'phone.invalid': [
    'Nomor HP tidak sah. Tulis nomor seluler Indonesia, misalnya 0812 3456 7890.',
    'Invalid phone. Write an Indonesian mobile number, e.g. 0812 3456 7890.',
  ],
  'village.unknown': [
    'Kode desa ini tidak ada di Kabupaten Brebes.',
    'This village code does not exist in Brebes.',
  ],
  'district.unknown': [
    'Kode kecamatan ini tidak ada di Kabupaten Brebes.',
    'This kecamatan code does not exist in Brebes.',
  ],
  'year.invalid': [
    'Tahun program harus antara 2020 dan 2100.',
    'The programme year must be between 2020 and 2100.',
  ],
  'candidate.anonymised': [
    'Data pribadi calon ini sudah dianonimkan; datanya tidak bisa diubah lagi.',
    "This candidate's personal data has been anonymised; it can no longer be changed.",
  ],
  'disbursement.overCommitment': [
    (p) => `Pembayaran melebihi komitmen: sisa yang bisa dibayar dari sumber ini ${p.left}.`,
    (p) => `The payment exceeds the commitment: what is left to pay from this source is ${p.left}.`,
  ],
  'disbursement.noCommitment': [
    (p) =>
      `Belum ada komitmen ${p.source === 'APBD' ? 'APBD' : 'APBDes'} untuk calon ini: pembayaran dari sumber ini baru bisa dicatat setelah ia masuk sekolah dengan tempat dari sumber itu.`,
    (p) =>
      `Nothing is committed to this candidate from ${p.source === 'APBD' ? 'APBD' : 'APBDes'}: payments from this source can be recorded once they are enrolled with a place from it.`,
  ],
  'disbursement.duplicateReference': [
    'Nomor referensi ini sudah dicatat untuk calon ini dari sumber yang sama.',
    'This reference is already recorded for this candidate from the same source.',
  ],
  'disbursement.reference': [
    'Referensi 1 sampai 64 karakter: huruf, angka, spasi, titik, garis miring, tanda hubung.',
    'A reference has 1 to 64 characters: letters, digits, spaces, dots, slashes, hyphens.',
  ],
  'disbursement.voidReason': [
    'Tuliskan alasan pembatalan (3 sampai 500 huruf), misalnya: jumlah salah ketik.',
    'Give the reason for voiding (3 to 500 characters), for example: the amount was mistyped.',
  ],
  'disbursement.paidAt': [
    'Tanggal bayar harus di antara awal tahun program dan hari ini.',
    'The payment date must lie between the start of the programme year and today.',
  ],
  'patch.notEditable': [
    'Data hanya bisa dikoreksi selama status Terdata atau Terverifikasi.',
    'A record can be corrected only while Identified or Verified.',
  ],
  'money.format': [
    'Tulis jumlah rupiah dengan angka, misalnya 1500000, 1.500.000 atau Rp 1.500.000.',
    'Write the amount in rupiah, e.g. 1500000, 1.500.000 or Rp 1.500.000.',
  ],
  'money.fraction': [
    'Jumlah harus rupiah utuh, tanpa sen (misalnya 1.500.000 atau 1.500.000,00).',
    'The amount must be whole rupiah, without cents (e.g. 1.500.000 or 1.500.000,00).',
  ],
  'candidate.previouslyInProgramme': [
    (p) =>
      `Orang ini pernah ikut program (tahun ${p.years}); semua catatannya sudah selesai, jadi boleh didaftarkan lagi. Lihat catatan sebelumnya di halaman calon.`,
    (p) =>
      `This person was in the programme before (${p.years}); all those records are closed, so they may be registered again. See the earlier records on the candidate page.`,
  ],
  'candidate.alreadyInProgramme': [
    (p) =>
      `Orang ini masih ikut program: catatan tahun ${p.year}, status ${p.statusId}, desa ${p.village}. Ikuti dia di catatan itu; bila belum didaftarkan ke sekolah, bawa catatan itu ke tahun ini (tombol "Bawa ke tahun …" di halaman calon).`,
    (p) =>
      `This person is still in the programme: the ${p.year} record, status ${p.statusEn}, village ${p.village}. Follow them there; if they are not enrolled yet, carry that record over to this year (the "Carry over" button on the candidate page).`,
  ],
  'candidate.alreadyInProgrammeAnonymised': [
    'Orang ini masih ikut program dalam catatan yang sudah dianonimkan; ia tidak bisa didaftarkan lagi.',
    'This person is still in the programme in a record that was anonymised; they cannot be registered again.',
  ],
  'request.method': ['Metode HTTP ini tidak bisa dipakai.', 'This HTTP method cannot be used.'],
} satisfies Record<string, Entry>;

/** `2012-02-31` as "31 Februari 2012 " (a trailing space), or nothing when it is no such text. */
function spelled(iso: string | number | undefined, lang: 0 | 1): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso ?? ''));
  const month = m ? MONTH_NAMES[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month[lang]} ${m[1]} ` : '';
}

export type MessageKey =
  | keyof typeof catalogue
  | keyof typeof importMessages
  | keyof typeof paymentSheetMessages
  | keyof typeof visitMessages
  | keyof typeof carryOverMessages
  | keyof typeof findingMessages
  | keyof typeof workMessages
  | keyof typeof accountMessages;

/** Messages of a part only some functions carry, added when its code loads. */
const added = new Map<string, Entry>();
export function addMessages(messages: Record<string, Entry>): void {
  for (const [key, entry] of Object.entries(messages)) added.set(key, entry);
}
export interface Message {
  key: MessageKey;
  params?: Params;
}

export function render(message: Message, lang: Lang): string {
  const entry: Entry | undefined =
    message.key in catalogue ? catalogue[message.key as keyof typeof catalogue] : added.get(message.key);
  if (!entry) throw new Error(`the message ${message.key} is not loaded in this function`);
  const text = entry[lang === 'en' ? 1 : 0];
  return typeof text === 'function' ? text(message.params ?? {}) : text;
}

/** Indonesian unless the caller's Accept-Language prefers English (weights respected). */
export function langFrom(acceptLanguage: string | undefined | null): Lang {
  let best: { lang: Lang; q: number } = { lang: 'id', q: 0 };
  for (const part of acceptLanguage?.split(',') ?? []) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const q = Number(
      params
        .find((p) => p.trim().startsWith('q='))
        ?.trim()
        .slice(2) ?? 1,
    );
    const lang = tag.startsWith('en') ? 'en' : tag.startsWith('id') ? 'id' : undefined;
    if (lang && q > best.q) best = { lang, q };
  }
  return best.lang;
}
