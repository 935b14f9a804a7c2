import { formatIsoDate, readDate, todayInBrebes } from '../../shared/domain/dates.js';
import {
  DROP_OUT_DECISION,
  VISIT_FINDINGS,
  VISIT_KINDS,
  visitSchema,
} from '../../shared/domain/follow-up.js';
import type { FieldProblem } from '../../shared/errors.js';
import { DomainError, validationFailed } from '../../shared/errors.js';
import { inLang, VISIT_KIND_LABELS, VISIT_OUTCOME_LABELS } from '../../shared/labels.js';
import { parseWith } from '../../shared/schema-problems.js';
import { getCandidate, type StoredCandidate } from '../../shared/services/candidates.js';
import { recordVisit } from '../../shared/services/follow-up.js';
import type { GkbContext } from '../http/app.js';
import { addressText, DueText, nameOf } from '../web/follow-up-parts.js';
import { dateText, villageText } from '../web/format.js';
import { ErrorSummary, Field, type Problems } from '../web/forms.js';
import { PageTitle } from '../web/help.js';
import { page, postedForm, problemsOf, tOf, viewer } from '../web/shell.js';
import { actionLabel, statusLabel } from '../web/ui.js';

/** The visit form's fields, as typed (kept when the form comes back with problems). */
type Typed = Partial<Record<'date' | 'kind' | 'outcome' | 'note', string>>;

/** What the page says after a visit was saved (`?selesai=1&saran=`), checked against the record now. */
function Suggestion(props: { c: GkbContext; stored: StoredCandidate }) {
  const t = tOf(props.c);
  const x = props.stored.candidate;
  const suggestion = props.c.req.query('saran');
  if (suggestion === 'MARK_ACTIVE' && x.status === 'ENROLLED')
    return (
      <div class="card">
        <p>
          {t(
            'Peserta ini hadir belajar. Tandai sebagai aktif belajar?',
            'This learner is attending. Mark them as active?',
          )}
        </p>
        <form method="post" action={`/calon/${x.id}/status`}>
          <input type="hidden" name="csrf" value={props.c.get('csrf') ?? ''} />
          <input type="hidden" name="version" value={String(x.version)} />
          <input type="hidden" name="to" value="ACTIVE" />
          <button type="submit">{actionLabel(t, 'ACTIVE')}</button>
        </form>
      </div>
    );
  if (suggestion === DROP_OUT_DECISION && x.flags.includes(DROP_OUT_DECISION))
    return (
      <div class="warn" role="status">
        <p>
          {t(
            'Dua kunjungan berturut-turut peserta ini tidak hadir belajar. Putuskan bersama keluarga dan sekolah: catat "Berhenti hadir (putus lagi)" di halaman calon bila memang berhenti. Status tidak berubah sendiri.',
            'Two visits in a row found this learner not attending. Decide with the family and the school: record "Stopped attending" on the candidate page if they did stop. The status does not change by itself.',
          )}
        </p>
        <a class="button" href={`/calon/${x.id}`}>
          {t('Buka halaman calon', 'Open the candidate page')}
        </a>
      </div>
    );
  return null;
}

/** The visit form of a record, or (after saving) what was saved and what it suggests. */
async function showVisitPage(
  c: GkbContext,
  stored: StoredCandidate,
  typed: Typed,
  problems: Problems,
  status = 200,
) {
  const t = tOf(c);
  const lang = c.get('lang');
  const x = stored.candidate;
  const today = todayInBrebes();
  const saved = c.req.query('selesai') === '1';
  const labels = {
    date: t('Tanggal kunjungan', 'Date of the visit'),
    kind: t('Jenis kunjungan', 'Kind of visit'),
    outcome: t('Yang ditemukan', 'What you found'),
    note: t('Catatan', 'Note'),
  };
  const hints = {
    kind: t('Pilih satu. Wajib.', 'Choose one. Required.'),
    outcome: t(
      'Pilih satu: yang Anda lihat hari itu. Wajib.',
      'Choose one: what you saw that day. Required.',
    ),
  };
  const radios = <K extends string>(
    name: 'kind' | 'outcome',
    values: readonly K[],
    label: (k: K) => string,
  ) => (
    <fieldset id={`f-${name}`} class={problems[name] ? 'field-error' : ''}>
      <legend>
        {labels[name]}
        <span class="hint">{hints[name]}</span>
      </legend>
      {problems[name] ? <p class="error">{problems[name]}</p> : null}
      {values.map((v) => (
        <label>
          <input type="radio" name={name} value={v} checked={typed[name] === v} required />
          {label(v)}
        </label>
      ))}
    </fieldset>
  );
  return page(
    c,
    t('Catat kunjungan', 'Record a visit'),
    <>
      <PageTitle help="kunjungan">{t('Catat kunjungan', 'Record a visit')}</PageTitle>
      {saved ? (
        <p class="done" role="status" data-saved={`/calon/${x.id}/kunjungan`}>
          {t('Kunjungan tercatat.', 'Visit recorded.')}{' '}
          <DueText t={t} lang={lang} candidate={x} today={today} />
        </p>
      ) : null}
      <div class="card">
        <p>
          <a href={`/calon/${x.id}`}>
            <strong>{nameOf(t, x)}</strong>
          </a>
          <br />
          {villageText(x.villageCode)}
          {x.address ? ` · ${addressText(t, x.address)}` : ''}
          <br />
          {statusLabel(t, x.status)} · {t('Tahun program', 'Programme year')} {x.year}
          <br />
          {saved ? null : <DueText t={t} lang={lang} candidate={x} today={today} />}
        </p>
      </div>
      {saved ? (
        <>
          <Suggestion c={c} stored={stored} />
          <p>
            <a class="button" href="/kerja">
              {t('Kembali ke daftar kerja', 'Back to the worklist')}
            </a>
          </p>
        </>
      ) : (
        <form method="post" action={`/calon/${x.id}/kunjungan`} novalidate data-draft>
          <input type="hidden" name="csrf" value={c.get('csrf') ?? ''} />
          <ErrorSummary
            title={t('Periksa lagi isian berikut:', 'Please check these fields:')}
            problems={problems}
            labels={labels}
          />
          {radios('kind', VISIT_KINDS, (k) => inLang(VISIT_KIND_LABELS[k], lang))}
          {radios('outcome', VISIT_FINDINGS, (k) => inLang(VISIT_OUTCOME_LABELS[k], lang))}
          <Field
            name="date"
            label={labels.date}
            hint={t(
              `Kosongkan bila hari ini (${dateText(formatIsoDate(today), lang)}). Boleh ditulis 3/12/2026 atau 3 Desember 2026; tidak boleh sesudah hari ini atau sebelum calon didaftarkan.`,
              'Leave empty for today. Write it as 3/12/2026 or 3 December 2026; not after today, not before the registration.',
            )}
            problems={problems}
          >
            {(attrs) => (
              <input type="text" inputmode="numeric" autocomplete="off" value={typed.date ?? ''} {...attrs} />
            )}
          </Field>
          <Field
            name="note"
            label={labels.note}
            hint={t(
              'Tidak wajib. Misalnya: sudah dua minggu membantu orang tua di sawah. Jangan tulis NIK atau nomor HP.',
              'Optional. For example: helping the parents in the fields for two weeks. Do not write a NIK or a phone number.',
            )}
            problems={problems}
          >
            {(attrs) => (
              <textarea rows={3} maxlength={500} {...attrs}>
                {typed.note ?? ''}
              </textarea>
            )}
          </Field>
          <button type="submit">{t('Simpan kunjungan', 'Save the visit')}</button>
        </form>
      )}
    </>,
    status,
  );
}

export async function visitPage(c: GkbContext) {
  const p = viewer(c);
  if (p.role !== 'fmpp_volunteer') throw new DomainError('FORBIDDEN');
  return showVisitPage(c, await getCandidate(p, c.req.param('id') ?? ''), {}, {});
}

/** Saves a visit from the form; its date as people write it ("3/12/2026", "3 Desember 2026"). */
export async function visitSave(c: GkbContext) {
  const p = viewer(c);
  const id = c.req.param('id') ?? '';
  if (p.role !== 'fmpp_volunteer') throw new DomainError('FORBIDDEN');
  const values = await postedForm(c);
  const typed: Typed = { date: values.date, kind: values.kind, outcome: values.outcome, note: values.note };
  const problems: FieldProblem[] = [];
  let date: string | null = null;
  const dateTyped = (values.date ?? '').trim();
  if (dateTyped) {
    const read = readDate(dateTyped);
    if (read === 'format') problems.push({ field: 'date', key: 'date.format' });
    else if ('invalid' in read)
      problems.push({ field: 'date', key: 'date.invalid', params: { date: read.invalid } });
    else date = read.iso;
  }
  const input = parseWith(visitSchema, {
    date,
    kind: values.kind || undefined,
    outcome: values.outcome || undefined,
    note: values.note || null,
  });
  try {
    if (problems.length > 0 || !input.data) throw validationFailed([...problems, ...input.problems]);
    const { suggestion } = await recordVisit(p, id, input.data);
    const saran = suggestion ? `&saran=${suggestion}` : '';
    return c.redirect(`/calon/${id}/kunjungan?selesai=1${saran}`, 303);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'VALIDATION_FAILED') throw error;
    const stored = await getCandidate(p, id);
    return showVisitPage(c, stored, typed, problemsOf(error, c.get('lang')) ?? {}, 400);
  }
}
