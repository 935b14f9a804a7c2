import type { LEVELS, OUT_OF_SCHOOL_TYPES, PATHWAYS, Status } from '../../shared/domain/candidate.js';
import type { Lang } from '../../shared/i18n.js';
import {
  LEVEL_LABELS,
  OUT_OF_SCHOOL_LABELS,
  PATHWAY_LABELS,
  REASON_LABELS,
  ROLE_LABELS,
  SEX_LABELS,
  STATUS_LABELS,
  TRACK_LABELS,
} from '../../shared/labels.js';
import type { Role } from '../../shared/principal.js';

/** `t('Indonesian', 'English')`: page text in the visitor's language. */
export const translator =
  (lang: Lang) =>
  (id: string, en: string): string =>
    lang === 'en' ? en : id;
export type T = ReturnType<typeof translator>;

/** `t` applied to a label of shared/labels.ts. */
const said = (t: T, label: readonly [string, string]) => t(label[0], label[1]);

export const statusLabel = (t: T, s: Status): string => said(t, STATUS_LABELS[s]);

/** The button that moves a candidate to a status. */
export const actionLabel = (t: T, s: Status): string =>
  ({
    IDENTIFIED: '',
    VERIFIED: t('Sudah dikunjungi: mau kembali sekolah', 'Visited: wants to return to school'),
    ENROLLED: t('Catat masuk sekolah', 'Record enrolment at a school'),
    ACTIVE: t('Hadir: aktif belajar', 'Attending: active'),
    COMPLETED: t('Lulus', 'Completed'),
    DROPPED_OUT: t('Berhenti hadir (putus lagi)', 'Stopped attending (dropped out)'),
    INELIGIBLE: t('Tidak memenuhi syarat', 'Not eligible'),
    WITHDRAWN: t('Mengundurkan diri / pindah', 'Withdrew or moved away'),
  })[s];

export const roleLabel = (t: T, r: Role): string => said(t, ROLE_LABELS[r]);

export const trackLabel = (t: T, track: 'ATS' | 'DTS') => said(t, TRACK_LABELS[track]);

export const sexLabel = (t: T, s: 'M' | 'F') => said(t, SEX_LABELS[s]);

export const levelLabel = (t: T, l: (typeof LEVELS)[number]) => said(t, LEVEL_LABELS[l]);

export const pathwayLabel = (t: T, p: (typeof PATHWAYS)[number]) => said(t, PATHWAY_LABELS[p]);

export const outOfSchoolLabel = (t: T, o: (typeof OUT_OF_SCHOOL_TYPES)[number]) =>
  said(t, OUT_OF_SCHOOL_LABELS[o]);

export const rupiah = (n: number) => `Rp ${n.toLocaleString('id-ID')}`;

/** Every reason code with its label; 12 asks for a note. */
export const reasonLabels = (t: T): Record<number, string> =>
  Object.fromEntries(
    Object.entries(REASON_LABELS).map(([code, label]) => [
      code,
      code === '12' ? t(`${label[0]} (tulis catatan)`, `${label[1]} (write a note)`) : said(t, label),
    ]),
  );
