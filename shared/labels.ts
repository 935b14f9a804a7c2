import type { LEVELS, OUT_OF_SCHOOL_TYPES, PATHWAYS, SEXES, Status } from './domain/candidate.js';
import type { VisitFinding, VisitKind } from './domain/follow-up.js';
import type { Lang } from './i18n.js';
import type { Role } from './principal.js';

/**
 * The names people read for the codes of the domain, in Indonesian and English: one source
 * for the web pages, the reports and the spreadsheets (they used to disagree).
 */
type Labels<K extends string | number> = Record<K, readonly [id: string, en: string]>;

export const STATUS_LABELS: Labels<Status> = {
  IDENTIFIED: ['Terdata', 'Identified'],
  VERIFIED: ['Terverifikasi', 'Verified'],
  ENROLLED: ['Masuk sekolah', 'Enrolled'],
  ACTIVE: ['Aktif belajar', 'Attending'],
  COMPLETED: ['Lulus', 'Completed'],
  DROPPED_OUT: ['Putus lagi', 'Dropped out again'],
  INELIGIBLE: ['Tidak memenuhi syarat', 'Ineligible'],
  WITHDRAWN: ['Mengundurkan diri', 'Withdrawn'],
};

/** The BPS Susenas reasons for being out of school (docs/rules.md). */
export const REASON_LABELS: Labels<number> = {
  1: ['Tidak ada biaya', 'No money'],
  2: ['Tidak suka sekolah / malu', 'Dislikes school or ashamed'],
  3: ['Bekerja', 'Working'],
  4: ['Menikah / mengurus rumah tangga', 'Married or running the household'],
  5: ['Tidak diterima', 'Not accepted'],
  6: ['Sekolah jauh', 'School too far'],
  7: ['Merasa sudah cukup sekolah', 'Feels schooling is enough'],
  8: ['Disabilitas', 'Disability'],
  9: ['Menunggu pengumuman', 'Waiting for an announcement'],
  10: ['Diterima tetapi belum mulai', 'Accepted but not started'],
  11: ['Terlalu muda', 'Too young'],
  12: ['Lainnya', 'Other'],
};

export const OUT_OF_SCHOOL_LABELS: Labels<(typeof OUT_OF_SCHOOL_TYPES)[number]> = {
  DROPPED_OUT: ['Putus sekolah', 'Dropped out'],
  NOT_CONTINUED: ['Lulus tidak melanjutkan', 'Graduated, did not continue'],
  NEVER_ENROLLED: ['Belum pernah sekolah', 'Never enrolled'],
};

/** The highest level completed. */
export const LEVEL_LABELS: Labels<(typeof LEVELS)[number]> = {
  NONE: ['Tidak ada', 'None'],
  SD: ['SD', 'SD (primary)'],
  SMP: ['SMP', 'SMP (lower secondary)'],
  SMA: ['SMA', 'SMA (upper secondary)'],
};

/** Where a learner is enrolled, or plans to be. */
export const PATHWAY_LABELS: Labels<(typeof PATHWAYS)[number]> = {
  SD: ['SD', 'SD'],
  SMP: ['SMP', 'SMP'],
  SMA: ['SMA', 'SMA'],
  SMK: ['SMK', 'SMK'],
  PAKET_A: ['Paket A', 'Paket A'],
  PAKET_B: ['Paket B', 'Paket B'],
  PAKET_C: ['Paket C', 'Paket C'],
  COURSE: ['Kursus (LKP)', 'Course (LKP)'],
};

export const SEX_LABELS: Labels<(typeof SEXES)[number]> = {
  M: ['Laki-laki (L)', 'Male (L)'],
  F: ['Perempuan (P)', 'Female (P)'],
};

export const TRACK_LABELS: Labels<'ATS' | 'DTS'> = {
  ATS: ['Anak (ATS)', 'Child (ATS)'],
  DTS: ['Dewasa (DTS)', 'Adult (DTS)'],
};

export const ROLE_LABELS: Labels<Role> = {
  village_official: ['Operator desa', 'Village official'],
  fmpp_volunteer: ['Relawan FMPP', 'FMPP volunteer'],
  bappeda_staff: ['Staf Bappeda', 'Bappeda staff'],
};

/** A label in the reader's language. */
export const VISIT_KIND_LABELS: Labels<VisitKind> = {
  HOME: ['Kunjungan rumah', 'Home visit'],
  SCHOOL: ['Ke sekolah', 'At the school'],
  PHONE: ['Telepon', 'Phone call'],
};

export const VISIT_OUTCOME_LABELS: Labels<VisitFinding> = {
  ATTENDING: ['Masih belajar (hadir)', 'Attending'],
  NOT_ATTENDING: ['Tidak hadir belajar', 'Not attending'],
  NOT_MET: ['Tidak bertemu', 'Not met'],
};

export const inLang = (label: readonly [string, string], lang: Lang): string => label[lang === 'en' ? 1 : 0];
