import type { Child } from 'hono/jsx';
import { LEVELS, OUT_OF_SCHOOL_TYPES, PATHWAYS } from '../../shared/domain/candidate.js';
import { readDate } from '../../shared/domain/dates.js';
import type { FieldProblem } from '../../shared/errors.js';
import { ErrorSummary, Field, Options, type Problems } from './forms.js';
import { levelLabel, outOfSchoolLabel, pathwayLabel, reasonLabels, type T } from './ui.js';

/** The form's values as strings, as typed (so nothing is lost when it comes back with errors). */
export type CandidateFormValues = Record<string, string>;

export function fieldLabels(t: T): Record<string, string> {
  return {
    year: t('Tahun program', 'Programme year'),
    nik: 'NIK',
    kk: t('No KK', 'KK number'),
    fullName: t('Nama lengkap', 'Full name'),
    birthDate: t('Tanggal lahir', 'Date of birth'),
    sex: t('Jenis kelamin', 'Sex'),
    track: t('Jalur', 'Track'),
    outOfSchoolType: t('Status sekolah', 'School status'),
    lastLevel: t('Pendidikan terakhir', 'Last level completed'),
    reasonCode: t('Alasan tidak sekolah', 'Reason out of school'),
    reasonNote: t('Catatan alasan', 'Reason note'),
    plannedPathway: t('Rencana jalur pendidikan', 'Planned pathway'),
    disability: t('Disabilitas', 'Disability'),
    phone: t('No HP', 'Phone'),
    guardianName: t('Nama wali', 'Guardian name'),
    'address.dusun': t('Dusun', 'Dusun (hamlet)'),
    'address.rt': 'RT',
    'address.rw': 'RW',
    'consent.given': t('Persetujuan', 'Consent'),
    'consent.by': t('Persetujuan oleh', 'Consent by'),
    'consent.name': t('Nama pemberi persetujuan', 'Name of the person consenting'),
    body: t('Formulir', 'Form'),
  };
}

/**
 * A date of birth as people write it ("05-07-2010", "5/7/2010", "5 Juli 2010") as the API's
 * `YYYY-MM-DD`; a day the calendar lacks as its would-be ISO text (so the rule names that
 * day); anything else as typed (its problem is then the form's wording, see `formProblems`).
 */
function birthDateOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const read = readDate(text);
  if (read === 'format') return text;
  return 'iso' in read ? read.iso : read.invalid;
}

/** The API's wording of a problem turned into the form's (dates are typed freely here). */
export const formProblem = (p: FieldProblem): FieldProblem =>
  p.field === 'birthDate' && p.key === 'date.format' ? { field: p.field, key: 'date.formatLoose' } : p;

/**
 * The form's strings turned into the API's registration fields, to be checked by the same
 * schema: an empty required field is missing (so it reads "required", not a format error).
 */
export function candidateInput(v: CandidateFormValues): Record<string, unknown> {
  const given = (key: string) => (v[key]?.trim() ? v[key] : undefined);
  const optional = (key: string) => given(key) ?? null;
  return {
    nik: given('nik'),
    kk: given('kk'),
    fullName: given('fullName'),
    birthDate: birthDateOf(given('birthDate')),
    sex: given('sex'),
    track: given('track'),
    outOfSchoolType: given('outOfSchoolType'),
    lastLevel: given('lastLevel'),
    reasonCode: given('reasonCode') === undefined ? undefined : Number(v.reasonCode),
    reasonNote: optional('reasonNote'),
    plannedPathway: optional('plannedPathway'),
    disability: v.disability === 'on',
    phone: optional('phone'),
    guardianName: optional('guardianName'),
    address:
      given('address.dusun') || given('address.rt') || given('address.rw')
        ? { dusun: optional('address.dusun'), rt: optional('address.rt'), rw: optional('address.rw') }
        : null,
    consent: { given: v['consent.given'] === 'on', by: given('consent.by'), name: given('consent.name') },
  };
}

export function CandidateForm(props: {
  t: T;
  action: string;
  csrf: string;
  values: CandidateFormValues;
  problems: Problems;
  submit: string;
  hidden?: Record<string, string>;
  /** The programme years to register into (registration only), newest first. */
  years?: number[];
  /** Shown above the form: where the person already is, and what to do. */
  notice?: Child;
  /** Shown above the button: what saving will do. */
  preview?: Child;
}) {
  const { t, values: v, problems } = props;
  const labels = fieldLabels(t);
  const text = (
    name: string,
    attrs: Record<string, string | boolean>,
    type = 'text',
    extra: Record<string, string> = {},
  ) => <input type={type} value={v[name] ?? ''} {...attrs} {...extra} />;
  return (
    <form method="post" action={props.action} novalidate data-draft>
      <ErrorSummary
        title={t('Ada data yang perlu diperbaiki:', 'Some fields need fixing:')}
        problems={problems}
        labels={labels}
      />
      {props.notice}
      <input type="hidden" name="csrf" value={props.csrf} />
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      {props.years ? (
        <Field
          name="year"
          label={labels.year ?? ''}
          hint={t(
            'Catatan orang ini masuk ke tahun program ini.',
            "The person's record belongs to this programme year.",
          )}
          problems={problems}
        >
          {(a) => (
            <select {...a}>
              <Options
                selected={v.year}
                values={props.years?.map((y) => [String(y), String(y)] as const) ?? []}
              />
            </select>
          )}
        </Field>
      ) : null}
      <Field
        name="nik"
        label={labels.nik ?? ''}
        hint={t(
          '16 angka, lihat KTP atau KK. Boleh diberi spasi.',
          '16 digits from the ID card or family card. Spaces are fine.',
        )}
        problems={problems}
      >
        {(a) => text('nik', a, 'text', { inputmode: 'numeric', autocomplete: 'off' })}
      </Field>
      <Field
        name="kk"
        label={labels.kk ?? ''}
        hint={t('16 angka dari Kartu Keluarga.', '16 digits from the family card.')}
        problems={problems}
      >
        {(a) => text('kk', a, 'text', { inputmode: 'numeric', autocomplete: 'off' })}
      </Field>
      <Field
        name="fullName"
        label={labels.fullName ?? ''}
        hint={t(
          'Seperti di KK. Huruf, spasi, titik, petik dan tanda hubung.',
          'As on the family card. Letters, spaces, dots, apostrophes, hyphens.',
        )}
        problems={problems}
      >
        {(a) => text('fullName', a, 'text', { autocomplete: 'off' })}
      </Field>
      <Field
        name="birthDate"
        label={labels.birthDate ?? ''}
        hint={t(
          'Misalnya 05-07-2010 atau 5 Juli 2010. ATS: umur 7–18, DTS: umur 12–55 pada 1 Juli tahun program.',
          'For example 05-07-2010 or 5 July 2010. ATS: aged 7–18, DTS: 12–55 on 1 July of the programme year.',
        )}
        problems={problems}
      >
        {(a) => text('birthDate', a, 'text', { autocomplete: 'off' })}
      </Field>
      <Field
        name="sex"
        label={labels.sex ?? ''}
        hint={t('Seperti di KK. Wajib dipilih.', 'As on the family card. Required.')}
        problems={problems}
      >
        {(a) => (
          <select {...a}>
            <Options
              empty={t('— pilih —', '— choose —')}
              selected={v.sex}
              values={[
                ['F', t('Perempuan (P)', 'Female (P)')],
                ['M', t('Laki-laki (L)', 'Male (L)')],
              ]}
            />
          </select>
        )}
      </Field>
      <Field
        name="track"
        label={labels.track ?? ''}
        hint={t('Menurut umur pada 1 Juli tahun program.', 'By age on 1 July of the programme year.')}
        problems={problems}
      >
        {(a) => (
          <select {...a}>
            <Options
              empty={t('— pilih —', '— choose —')}
              selected={v.track}
              values={[
                ['ATS', t('ATS: anak tidak sekolah (7–18)', 'ATS: out-of-school child (7–18)')],
                ['DTS', t('DTS: dewasa tidak sekolah (12–55)', 'DTS: out-of-school adult (12–55)')],
              ]}
            />
          </select>
        )}
      </Field>
      <Field
        name="outOfSchoolType"
        label={labels.outOfSchoolType ?? ''}
        hint={t('Pilih satu. Wajib dipilih.', 'Choose one. Required.')}
        problems={problems}
      >
        {(a) => (
          <select {...a}>
            <Options
              empty={t('— pilih —', '— choose —')}
              selected={v.outOfSchoolType}
              values={OUT_OF_SCHOOL_TYPES.map((o) => [o, outOfSchoolLabel(t, o)])}
            />
          </select>
        )}
      </Field>
      <Field
        name="lastLevel"
        label={labels.lastLevel ?? ''}
        hint={t('Jenjang tertinggi yang sudah tamat.', 'Highest level completed.')}
        problems={problems}
      >
        {(a) => (
          <select {...a}>
            <Options
              empty={t('— pilih —', '— choose —')}
              selected={v.lastLevel}
              values={LEVELS.map((l) => [l, levelLabel(t, l)])}
            />
          </select>
        )}
      </Field>
      <Field
        name="reasonCode"
        label={labels.reasonCode ?? ''}
        hint={t('Alasan utama. Alasan 12 perlu catatan.', 'The main reason. Reason 12 needs a note.')}
        problems={problems}
      >
        {(a) => (
          <select {...a}>
            <Options
              empty={t('— pilih —', '— choose —')}
              selected={v.reasonCode}
              values={Object.entries(reasonLabels(t)).map(([k, l]) => [k, `${k}. ${l}`])}
            />
          </select>
        )}
      </Field>
      <Field
        name="reasonNote"
        label={labels.reasonNote ?? ''}
        hint={t('Wajib untuk alasan 12 (lainnya).', 'Required for reason 12 (other).')}
        problems={problems}
      >
        {(a) => (
          <textarea rows={2} {...a}>
            {v.reasonNote ?? ''}
          </textarea>
        )}
      </Field>
      <Field
        name="plannedPathway"
        label={labels.plannedPathway ?? ''}
        hint={t('Boleh dikosongkan.', 'Optional.')}
        problems={problems}
      >
        {(a) => (
          <select {...a}>
            <Options
              empty={t('— belum ada —', '— none yet —')}
              selected={v.plannedPathway}
              values={PATHWAYS.map((p) => [p, pathwayLabel(t, p)])}
            />
          </select>
        )}
      </Field>
      <Field
        name="phone"
        label={labels.phone ?? ''}
        hint={t('Boleh dikosongkan. Contoh: 0812 3456 7890.', 'Optional. For example 0812 3456 7890.')}
        problems={problems}
      >
        {(a) => text('phone', a, 'tel', { autocomplete: 'off' })}
      </Field>
      <div>
        <label>
          <input type="checkbox" name="disability" checked={v.disability === 'on'} />{' '}
          <span>
            {t('Berkebutuhan khusus (disabilitas)', 'Has a disability')}
            <span class="hint">{t('Centang bila ya.', 'Tick if so.')}</span>
          </span>
        </label>
      </div>
      <Field
        name="guardianName"
        label={labels.guardianName ?? ''}
        hint={t('Wajib jika umur di bawah 18 tahun.', 'Required when under 18.')}
        problems={problems}
      >
        {(a) => text('guardianName', a, 'text', { autocomplete: 'off' })}
      </Field>
      <fieldset>
        <legend>{t('Alamat di desa (tidak wajib)', 'Address in the village (optional)')}</legend>
        <p class="hint">
          {t(
            'Agar relawan FMPP menemukan rumahnya. RT dan RW cukup angkanya, misalnya 3 atau 003.',
            'So that the FMPP volunteer finds the house. RT and RW as numbers, e.g. 3 or 003.',
          )}
        </p>
        {(['address.dusun', 'address.rt', 'address.rw'] as const).map((name) => (
          <Field
            name={name}
            label={labels[name] ?? ''}
            hint={
              name === 'address.dusun'
                ? t('Boleh dikosongkan. Paling panjang 60 huruf.', 'Optional. At most 60 characters.')
                : t('Boleh dikosongkan. Angka 1–999.', 'Optional. A number 1–999.')
            }
            problems={problems}
          >
            {(a) =>
              text(name, a, 'text', {
                autocomplete: 'off',
                ...(name === 'address.dusun' ? {} : { inputmode: 'numeric', maxlength: '6' }),
              })
            }
          </Field>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('Persetujuan', 'Consent')}</legend>
        <Field
          name="consent.by"
          label={labels['consent.by'] ?? ''}
          hint={t('Di bawah 18 tahun: wali.', 'Under 18: the guardian.')}
          problems={problems}
        >
          {(a) => (
            <select {...a}>
              <Options
                empty={t('— pilih —', '— choose —')}
                selected={v['consent.by']}
                values={[
                  ['GUARDIAN', t('Wali', 'Guardian')],
                  ['SELF', t('Yang bersangkutan', 'The person themself')],
                ]}
              />
            </select>
          )}
        </Field>
        <Field
          name="consent.name"
          label={labels['consent.name'] ?? ''}
          hint={t('Nama yang memberi persetujuan.', 'The name of who gave consent.')}
          problems={problems}
        >
          {(a) => text('consent.name', a, 'text', { autocomplete: 'off' })}
        </Field>
        <div class={problems['consent.given'] ? 'field-error' : ''}>
          <label>
            <input
              type="checkbox"
              id="f-consent-given"
              name="consent.given"
              checked={v['consent.given'] === 'on'}
            />{' '}
            <span>
              {t(
                'Sudah menyetujui data ini dicatat untuk program GKB',
                'Has agreed that this data is recorded for GKB',
              )}
              <span class="hint">{t('Wajib dicentang.', 'Must be ticked.')}</span>
            </span>
          </label>
          {problems['consent.given'] ? <p class="error">{problems['consent.given']}</p> : null}
        </div>
      </fieldset>
      {props.preview}
      <button type="submit">{props.submit}</button>
    </form>
  );
}
