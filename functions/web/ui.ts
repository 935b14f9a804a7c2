import type { Status } from '../../shared/domain/candidate.js';
import type { Lang } from '../../shared/i18n.js';
import type { Role } from '../../shared/principal.js';

/** `t('Indonesian', 'English')`: page text in the visitor's language. */
export const translator =
  (lang: Lang) =>
  (id: string, en: string): string =>
    lang === 'en' ? en : id;
export type T = ReturnType<typeof translator>;

export const statusLabel = (t: T, s: Status): string =>
  ({
    IDENTIFIED: t('Terdata', 'Identified'),
    VERIFIED: t('Terverifikasi', 'Verified'),
    ENROLLED: t('Terdaftar di sekolah', 'Enrolled'),
    ACTIVE: t('Aktif belajar', 'Attending'),
    COMPLETED: t('Lulus', 'Completed'),
    DROPPED_OUT: t('Putus lagi', 'Dropped out again'),
    INELIGIBLE: t('Tidak memenuhi syarat', 'Ineligible'),
    WITHDRAWN: t('Mengundurkan diri', 'Withdrawn'),
  })[s];

/** The button that moves a candidate to a status. */
export const actionLabel = (t: T, s: Status): string =>
  ({
    IDENTIFIED: '',
    VERIFIED: t('Sudah dikunjungi: mau kembali sekolah', 'Visited: wants to return to school'),
    ENROLLED: t('Daftarkan ke sekolah', 'Enrol at a school'),
    ACTIVE: t('Hadir: aktif belajar', 'Attending: active'),
    COMPLETED: t('Lulus', 'Completed'),
    DROPPED_OUT: t('Berhenti hadir (putus lagi)', 'Stopped attending (dropped out)'),
    INELIGIBLE: t('Tidak memenuhi syarat', 'Not eligible'),
    WITHDRAWN: t('Mengundurkan diri / pindah', 'Withdrew or moved away'),
  })[s];

export const roleLabel = (t: T, r: Role): string =>
  ({
    village_official: t('Operator desa', 'Village official'),
    fmpp_volunteer: t('Relawan FMPP', 'FMPP volunteer'),
    bappeda_staff: t('Staf Bappeda', 'Bappeda staff'),
  })[r];

export const sexLabel = (t: T, s: 'M' | 'F') =>
  s === 'M' ? t('Laki-laki (L)', 'Male (L)') : t('Perempuan (P)', 'Female (P)');

export const rupiah = (n: number) => `Rp ${n.toLocaleString('id-ID')}`;

export const reasonLabels = (t: T): Record<number, string> => ({
  1: t('Tidak ada biaya', 'No money'),
  2: t('Tidak suka sekolah / malu', 'Dislikes school or ashamed'),
  3: t('Bekerja', 'Working'),
  4: t('Menikah / mengurus rumah tangga', 'Married or running the household'),
  5: t('Tidak diterima', 'Not accepted'),
  6: t('Sekolah jauh', 'School too far'),
  7: t('Merasa sudah cukup sekolah', 'Feels schooling is enough'),
  8: t('Disabilitas', 'Disability'),
  9: t('Menunggu pengumuman', 'Waiting for an announcement'),
  10: t('Diterima tetapi belum mulai', 'Accepted but not started'),
  11: t('Terlalu muda', 'Too young'),
  12: t('Lainnya (tulis catatan)', 'Other (write a note)'),
});
