import { MONTH_NAMES } from '../domain/dates.js';
import { importFileMessages } from './file-messages.js';

/**
 * The messages of the survey-list checks, in Indonesian and English, beside the code that
 * gives them: they join shared/i18n.ts's catalogue when `registerImportMessages` runs (every
 * module that can give one calls it), so that functions without imports do not carry them.
 */
type Text = (p: Record<string, string | number>) => string;

/** A month's name in the reader's language (Februari, February); undefined for no month 1–12. */
const monthName = (lang: 0 | 1, month: unknown): string | undefined => MONTH_NAMES[Number(month) - 1]?.[lang];

export const importMessages = {
  ...importFileMessages,
  'import.oneOf': [(p) => `Isi salah satu: ${p.values}.`, (p) => `Write one of: ${p.values}.`],
  'import.date': [
    'Tulis tanggal sebagai TTTT-BB-HH atau HH-BB-TTTT.',
    'Write the date as YYYY-MM-DD or DD-MM-YYYY.',
  ],
  'import.dateNotReal': [
    (p) => {
      const month = monthName(0, p.month);
      return month
        ? `${p.day} ${month} ${p.year} tidak ada di kalender. Periksa tanggalnya.`
        : `Bulan ${p.month} tidak ada. Tulis tanggal sebagai HH-BB-TTTT (hari dulu, lalu bulan), misalnya 05-07-2010.`;
    },
    (p) => {
      const month = monthName(1, p.month);
      return month
        ? `${p.day} ${month} ${p.year} does not exist. Check the date.`
        : `There is no month ${p.month}. Write the date as DD-MM-YYYY (day first, then month), e.g. 05-07-2010.`;
    },
  ],
  'import.excelNumber': [
    (p) =>
      `Excel mengubah ${p.column} ini menjadi angka (misalnya 3,32901E+15), sehingga angka terakhirnya hilang. Format kolom sebagai Teks lalu ketik ulang ${p.column} lengkap 16 angka, atau pakai templat Excel yang kolom ${p.column}-nya sudah berformat Teks.`,
    (p) =>
      `Excel changed this ${p.column} into a number (like 3.32901E+15), so its last digits are lost. Format the column as Text and type the ${p.column} again, all 16 digits, or use the Excel template, whose ${p.column} column is already Text.`,
  ],
  'import.duplicateRegistered': [
    'NIK ini sudah terdaftar pada tahun program ini; baris ini tidak didaftarkan.',
    'This NIK is already registered this programme year; the row is not registered.',
  ],
  'import.duplicateRow': [
    (p) => `NIK ini sama dengan baris ${p.row}; baris ini tidak didaftarkan.`,
    (p) => `This NIK repeats row ${p.row}; the row is not registered.`,
  ],
  'import.possibleRegistered': [
    'Mirip calon yang sudah terdaftar (nama dan tanggal lahir, atau KK dan tanggal lahir sama, NIK berbeda). Tetap didaftarkan dan ditandai untuk diperiksa.',
    'Looks like a registered candidate (same name and birth date, or same KK and birth date, another NIK). Registered and flagged for review.',
  ],
  'import.possibleRow': [
    (p) =>
      `Mirip baris ${p.row} (nama dan tanggal lahir, atau KK dan tanggal lahir sama, NIK berbeda). Tetap didaftarkan dan ditandai untuk diperiksa.`,
    (p) =>
      `Looks like row ${p.row} (same name and birth date, or same KK and birth date, another NIK). Registered and flagged for review.`,
  ],
  'import.notRegistered': [
    'Belum didaftarkan: sistem sedang sibuk. Kirim ulang berkas yang sama; baris yang sudah terdaftar tidak akan terdaftar dua kali.',
    'Not registered: the system is busy. Send the same file again; rows already registered will not be registered twice.',
  ],
  'import.duplicateElsewhere': [
    'NIK ini sudah terdaftar di desa lain pada tahun program ini; baris ini tidak didaftarkan.',
    'This NIK is already registered in another village this programme year; the row is not registered.',
  ],
  'import.rateLimited': [
    (p) =>
      `Batas pemeriksaan daftar tercapai: paling banyak ${p.max} baris per jam untuk setiap akun. Coba lagi dalam ${p.minutes} menit.`,
    (p) =>
      `The import limit is reached: at most ${p.max} rows an hour for each account. Try again in ${p.minutes} minutes.`,
  ],
  'import.draftTooLarge': [
    'Daftar ini terlalu besar untuk disimpan sementara di web. Bagi menjadi beberapa berkas yang lebih kecil lalu unggah satu per satu.',
    'This list is too large to keep while you confirm it. Split it into smaller files and upload them one by one.',
  ],
  'import.alreadyInProgramme': [
    'NIK ini masih ikut program pada tahun lain; baris ini tidak didaftarkan. Ikuti orangnya di catatan itu, atau bawa catatannya ke tahun ini.',
    'This NIK is still in the programme in another year; the row is not registered. Follow the person there, or carry that record over to this year.',
  ],
  'import.previouslyInProgramme': [
    'Orang ini pernah ikut program pada tahun sebelumnya (semua catatannya selesai); tetap didaftarkan.',
    'This person was in the programme in an earlier year (all records closed); registered all the same.',
  ],
} satisfies Record<`import.${string}`, readonly [string | Text, string | Text]>;
