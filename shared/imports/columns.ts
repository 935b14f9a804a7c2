import type { Message } from '../i18n.js';

/** A column of the survey list: its header, the field it fills, and the codes it accepts. */
export interface ImportColumn {
  header: string;
  field: string;
  required: boolean;
  codes?: Record<string, string | boolean>;
  example: string;
  explain: string;
}

/** The columns of a survey list (docs/api.md, "Importing a survey list"), in template order. */
export const IMPORT_COLUMNS: ImportColumn[] = [
  {
    header: 'NIK',
    field: 'nik',
    required: true,
    example: '3329014507100001',
    explain: '16 angka; format kolom sebagai Teks di Excel',
  },
  {
    header: 'No KK',
    field: 'kk',
    required: true,
    example: '3329010101100001',
    explain: '16 angka; format kolom sebagai Teks di Excel',
  },
  {
    header: 'Nama Lengkap',
    field: 'fullName',
    required: true,
    example: 'Siti Aminah',
    explain: 'huruf, spasi, titik, petik, tanda hubung; 1–100 huruf',
  },
  {
    header: 'Tanggal Lahir',
    field: 'birthDate',
    required: true,
    example: '2010-07-05',
    explain: 'TTTT-BB-HH atau HH-BB-TTTT',
  },
  {
    header: 'Jenis Kelamin',
    field: 'sex',
    required: true,
    codes: { L: 'M', P: 'F' },
    example: 'P',
    explain: 'L atau P',
  },
  {
    header: 'Jalur',
    field: 'track',
    required: true,
    codes: { ATS: 'ATS', DTS: 'DTS' },
    example: 'ATS',
    explain: 'ATS (umur 7–18) atau DTS (12–55)',
  },
  {
    header: 'Status Sekolah',
    field: 'outOfSchoolType',
    required: true,
    codes: {
      PUTUS_SEKOLAH: 'DROPPED_OUT',
      LULUS_TIDAK_MELANJUTKAN: 'NOT_CONTINUED',
      BELUM_PERNAH_SEKOLAH: 'NEVER_ENROLLED',
    },
    example: 'PUTUS_SEKOLAH',
    explain: 'PUTUS_SEKOLAH, LULUS_TIDAK_MELANJUTKAN atau BELUM_PERNAH_SEKOLAH',
  },
  {
    header: 'Pendidikan Terakhir',
    field: 'lastLevel',
    required: true,
    codes: { TIDAK_ADA: 'NONE', SD: 'SD', SMP: 'SMP', SMA: 'SMA' },
    example: 'SD',
    explain: 'TIDAK_ADA, SD, SMP atau SMA (jenjang yang sudah tamat)',
  },
  {
    header: 'Kode Alasan',
    field: 'reasonCode',
    required: true,
    example: '1',
    explain: '1–12 (daftar alasan BPS Susenas); 12 = lainnya, isi Catatan Alasan',
  },
  {
    header: 'Catatan Alasan',
    field: 'reasonNote',
    required: false,
    example: '',
    explain: 'wajib untuk kode alasan 12',
  },
  {
    header: 'Nama Wali',
    field: 'guardianName',
    required: false,
    example: 'Tarsih',
    explain: 'wajib untuk umur di bawah 18 tahun',
  },
  {
    header: 'No HP',
    field: 'phone',
    required: false,
    example: '081234567890',
    explain: 'boleh kosong; nomor seluler Indonesia',
  },
  {
    header: 'Disabilitas',
    field: 'disability',
    required: false,
    codes: { YA: true, TIDAK: false },
    example: 'Tidak',
    explain: 'Ya atau Tidak (kosong = Tidak)',
  },
  {
    header: 'Persetujuan Oleh',
    field: 'consent.by',
    required: true,
    codes: { SENDIRI: 'SELF', WALI: 'GUARDIAN' },
    example: 'WALI',
    explain: 'SENDIRI atau WALI (di bawah 18 tahun: WALI)',
  },
  {
    header: 'Nama Pemberi Persetujuan',
    field: 'consent.name',
    required: true,
    example: 'Tarsih',
    explain: 'nama yang menyetujui pendaftaran',
  },
  {
    header: 'Dusun',
    field: 'address.dusun',
    required: false,
    example: 'Krajan',
    explain: 'boleh kosong; dusun tempat rumahnya, agar relawan menemukannya',
  },
  {
    header: 'RT',
    field: 'address.rt',
    required: false,
    example: '003',
    explain: 'boleh kosong; angka 1–999',
  },
  {
    header: 'RW',
    field: 'address.rw',
    required: false,
    example: '001',
    explain: 'boleh kosong; angka 1–999',
  },
];

/** The column a field's problem belongs to (`consent.given` is given by "Persetujuan Oleh"). */
export function columnOfField(field: string): string {
  const target = field === 'consent.given' ? 'consent.by' : field;
  return IMPORT_COLUMNS.find((c) => c.field === target)?.header ?? '';
}

export type RowStatus = 'OK' | 'WARNING' | 'ERROR' | 'DUPLICATE' | 'POSSIBLE_DUPLICATE';

export interface RowMessage extends Message {
  column: string;
}
