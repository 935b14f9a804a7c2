import type { CandidateItem, CohortLink } from '../../shared/db/candidate-item.js';
import type { HistoryEntry } from '../../shared/db/history.js';
import { PATHWAYS } from '../../shared/domain/candidate.js';
import { findVillage } from '../../shared/domain/regions.js';
import { BEFORE_ENROLMENT, ENROLLED_STATUSES } from '../../shared/domain/workflow.js';
import { canSeeFullIdentity, canSeeVillage, type Principal } from '../../shared/principal.js';
import { fieldLabels } from './candidate-form.js';
import { Field, Options, type Problems } from './forms.js';
import { pathwayLabel, statusLabel, type T } from './ui.js';

/**
 * What the candidate page shows of a person across cohorts: the record's earlier records and
 * the records it was carried from or to (links where the viewer may see them), the
 * carry-over form (its village's official, Bappeda) and the school change (volunteers).
 */

/** The person's other records: where this one came from or went, and their earlier ones. */
export function CohortLinks(props: { t: T; viewer: Principal; candidate: CandidateItem }) {
  const { t, viewer, candidate: c } = props;
  const previous = c.previous ?? [];
  if (!c.carriedFrom && !c.carriedTo && previous.length === 0) return null;
  const link = (l: CohortLink, text: string, villageCode = c.villageCode) =>
    canSeeVillage(viewer, villageCode) ? <a href={`/calon/${l.id}`}>{text}</a> : text;
  return (
    <div class="card">
      <h2>{t('Catatan lain orang ini', "This person's other records")}</h2>
      <ul>
        {c.carriedFrom ? (
          <li>
            {link(
              c.carriedFrom,
              t(
                `Dibawa dari catatan ${c.carriedFrom.year}`,
                `Carried over from the ${c.carriedFrom.year} record`,
              ),
            )}
          </li>
        ) : null}
        {c.carriedTo ? (
          <li>
            {link(
              c.carriedTo,
              t(`Dibawa ke catatan ${c.carriedTo.year}`, `Carried over to the ${c.carriedTo.year} record`),
            )}
          </li>
        ) : null}
        {previous.map((r) => (
          <li>
            {link(
              r,
              `${r.year} · ${statusLabel(t, r.status)} · ${t('desa', 'village')} ${findVillage(r.villageCode)?.name ?? r.villageCode}`,
              r.villageCode,
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Whether the viewer may carry the record over (its official or Bappeda, before enrolment). */
export const mayCarryOver = (viewer: Principal, c: CandidateItem): boolean =>
  canSeeFullIdentity(viewer, c.villageCode) && BEFORE_ENROLMENT.includes(c.status) && !c.anonymised;

/** Carry-over into a later configured year: one button per page, the year chosen. */
export function CarryOverForm(props: { t: T; csrf: string; candidate: CandidateItem; years: number[] }) {
  const { t, candidate: c } = props;
  if (props.years.length === 0) return null;
  return (
    <form method="post" action={`/calon/${c.id}/bawa`} class="card">
      <h2>{t('Bawa ke tahun berikutnya', 'Carry over to a later year')}</h2>
      <p class="hint">
        {t(
          `Calon ini belum masuk sekolah pada tahun ${c.year}. Membawanya menutup catatan ini (Mengundurkan diri, tempatnya untuk daftar tunggu desa) dan mendaftarkannya di tahun yang dipilih dengan kuota dan aturan umur tahun itu.`,
          `This candidate never enrolled in ${c.year}. Carrying them over closes this record (Withdrawn, its place going to the village waitlist) and registers them in the chosen year under that year's quota and age rules.`,
        )}
      </p>
      <input type="hidden" name="csrf" value={props.csrf} />
      <input type="hidden" name="version" value={String(c.version)} />
      <Field
        name="year"
        label={t('Tahun tujuan', 'Year')}
        hint={t('Tahun program yang sudah diatur Bappeda.', 'A programme year Bappeda has set up.')}
        problems={{}}
      >
        {(a) => (
          <select {...a}>
            <Options values={props.years.map((y) => [String(y), String(y)] as const)} />
          </select>
        )}
      </Field>
      <button type="submit">{t('Bawa ke tahun ini', 'Carry over')}</button>
    </form>
  );
}

/**
 * A learner moving to another school: the new school as at enrolment (the same fields, which
 * the enrolment form never shows beside it), and a note.
 */
export function SchoolChangeForm(props: {
  t: T;
  csrf: string;
  viewer: Principal;
  candidate: CandidateItem;
  problems: Problems;
  values: Record<string, string>;
}) {
  const { t, candidate: c, problems, values } = props;
  if (props.viewer.role !== 'fmpp_volunteer' || !ENROLLED_STATUSES.includes(c.status)) return null;
  return (
    <details class="card" open={Object.keys(problems).some((k) => k.startsWith('school')) || undefined}>
      <summary>{t('Pindah sekolah', 'Change school')}</summary>
      <form method="post" action={`/calon/${c.id}/sekolah`}>
        <input type="hidden" name="csrf" value={props.csrf} />
        <input type="hidden" name="version" value={String(c.version)} />
        <p class="hint">
          {t(
            'Status, tempat dan dana tidak berubah; sekolah lama dan catatan masuk riwayat.',
            'Status, place and money stay; the old school and the note go into the history.',
          )}
        </p>
        <SchoolFields
          t={t}
          problems={problems}
          values={values}
          level={c.school?.level}
          labels={[t('NPSN sekolah baru', 'New school NPSN'), t('Nama sekolah baru', 'New school name')]}
        />
        <Field
          name="note"
          label={t('Catatan (alasan pindah)', 'Note (why)')}
          hint={t('Boleh dikosongkan. Paling banyak 500 huruf.', 'Optional. At most 500 characters.')}
          problems={problems}
        >
          {(a) => <input type="text" maxlength={500} value={values.note ?? ''} {...a} />}
        </Field>
        <button type="submit">{t('Simpan pindah sekolah', 'Save the school change')}</button>
      </form>
    </details>
  );
}

/**
 * A school's fields, at enrolment and at a school change alike: the NPSN with its rule, the
 * name, the level ("— pilih —" first, or the learner's current level when changing school).
 */
export function SchoolFields(props: {
  t: T;
  problems: Problems;
  values: Record<string, string>;
  level?: string | undefined;
  labels?: [npsn: string, name: string];
}) {
  const { t, problems, values } = props;
  const [npsn, name] = props.labels ?? ['NPSN', t('Nama sekolah', 'School name')];
  return (
    <>
      <Field
        name="school.npsn"
        label={npsn}
        hint={t(
          'Sekolah: 8 angka (papan nama sekolah atau Dapodik). PKBM, SKB atau kursus: P atau K lalu 7 angka, misalnya P9997333.',
          'A school: 8 digits (school sign or Dapodik). A PKBM, SKB or course: P or K and 7 digits, e.g. P9997333.',
        )}
        problems={problems}
      >
        {(a) => <input type="text" autocomplete="off" value={values['school.npsn'] ?? ''} {...a} />}
      </Field>
      <Field
        name="school.name"
        label={name}
        hint={t(
          'Seperti di papan nama, misalnya SMP Negeri 1 Salem.',
          'As on its sign, e.g. SMP Negeri 1 Salem.',
        )}
        problems={problems}
      >
        {(a) => <input type="text" value={values['school.name'] ?? ''} {...a} />}
      </Field>
      <Field
        name="school.level"
        label={t('Jenjang', 'Level')}
        hint={t('Jenjang yang diikuti di sana. Wajib dipilih.', 'The level studied there. Required.')}
        problems={problems}
      >
        {(a) => (
          <select {...a}>
            <Options
              empty={t('— pilih —', '— choose —')}
              selected={values['school.level'] ?? props.level}
              values={PATHWAYS.map((p) => [p, pathwayLabel(t, p)])}
            />
          </select>
        )}
      </Field>
    </>
  );
}

/** A history entry's text after the status: a school change names both schools, a correction its fields. */
export function historyDetail(t: T, h: HistoryEntry): string {
  const note = h.note ? ` (${h.note})` : '';
  if (h.corrected) {
    const labels = fieldLabels(t);
    return `${t('Koreksi data', 'Correction')}: ${h.corrected.map((f) => labels[f] ?? f).join(', ')}`;
  }
  if (h.previousSchool && h.school)
    return `${t('Pindah sekolah', 'School change')}: ${h.previousSchool.name} → ${h.school.name}${note}`;
  return note;
}
