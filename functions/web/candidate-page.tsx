import type { CandidateItem, PaymentRecord } from '../../shared/db/candidate-item.js';
import type { HistoryEntry } from '../../shared/db/history.js';
import { committedTo, RESERVED_STATUSES } from '../../shared/domain/budget.js';
import { EDITABLE_STATUSES, STATUSES, type Status } from '../../shared/domain/candidate.js';
import { todayInBrebes } from '../../shared/domain/dates.js';
import { DROP_OUT_DECISION, type Visit } from '../../shared/domain/follow-up.js';
import { maskIdNumber } from '../../shared/domain/nik.js';
import { isOpen, transitionVerdict } from '../../shared/domain/workflow.js';
import { type Lang, render } from '../../shared/i18n.js';
import { inLang, VISIT_KIND_LABELS, VISIT_OUTCOME_LABELS } from '../../shared/labels.js';
import { canSeeFullIdentity, type Principal } from '../../shared/principal.js';
import type { StoredCandidate } from '../../shared/services/candidates.js';
import type { LookAlike } from '../../shared/services/consequences.js';
import { CarryOverForm, CohortLinks, historyDetail, SchoolChangeForm, SchoolFields } from './cohort-parts.js';
import type { PageMessage } from './done-banner.js';
import { addressText, DueText } from './follow-up-parts.js';
import { dateText, timeText, villageText } from './format.js';
import { Field, Options, type Problems } from './forms.js';
import { Empty, PageTitle } from './help.js';
import {
  actionLabel,
  pathwayLabel,
  reasonLabels,
  roleLabel,
  rupiah,
  sexLabel,
  statusLabel,
  type T,
  trackLabel,
} from './ui.js';

export function fundingText(t: T, s: StoredCandidate): string {
  const c = s.candidate;
  if (c.apbd) return t(`Didanai APBD (${rupiah(c.apbd.amount)})`, `APBD funded (${rupiah(c.apbd.amount)})`);
  if (c.villageFunding === 'FUNDED') return t('Tempat desa (APBDes)', 'Village place (APBDes)');
  if (c.villageFunding === 'WAITLISTED')
    return t(`Daftar tunggu no. ${s.waitlistPosition}`, `Waitlist no. ${s.waitlistPosition}`);
  return t('Tidak ada tempat', 'No place');
}

/** Moves that end something: red, after the others, each with its confirmation step. */
const ENDING: readonly Status[] = ['DROPPED_OUT', 'INELIGIBLE', 'WITHDRAWN'];

/** One candidate: the record, what may happen next (for this viewer only), and the history. */
export function CandidatePage(props: {
  t: T;
  lang: Lang;
  viewer: Principal;
  csrf: string;
  stored: StoredCandidate;
  history: HistoryEntry[];
  payments: PaymentRecord[];
  visits: Visit[];
  lookAlikes: LookAlike[];
  message?: PageMessage | undefined;
  problems: Problems;
  /** Values typed into this page's forms before they came back with problems. */
  values: Record<string, string>;
  /** The configured years after the record's, when the viewer may carry it over into one. */
  carryOverYears: number[];
}) {
  const { t, lang, viewer, stored, csrf, problems, values } = props;
  const c = stored.candidate;
  const full = canSeeFullIdentity(viewer, c.villageCode);
  const gone = t('(dianonimkan)', '(anonymised)');
  const next = STATUSES.filter((to) => transitionVerdict(viewer.role, c.status, to) === 'allowed');
  const funded = c.villageFunding === 'FUNDED' || Boolean(c.apbd);
  const version = <input type="hidden" name="version" value={String(c.version)} />;
  const token = <input type="hidden" name="csrf" value={csrf} />;
  const move = (to: Status) => (
    <form method="post" action={`/calon/${c.id}/status`} class="inline">
      {token}
      {version}
      <input type="hidden" name="to" value={to} />
      <button type="submit" class={ENDING.includes(to) ? 'danger' : ''}>
        {actionLabel(t, to)}
      </button>
    </form>
  );
  return (
    <>
      <PageTitle help="calon">{c.anonymised ? gone : c.fullName}</PageTitle>
      {c.anonymised ? (
        <p class="notice" role="status">
          {t(
            `Data pribadi calon ini dianonimkan pada ${dateText(c.anonymised.at, lang)}: ${c.anonymised.reason}`,
            `This candidate's personal data was anonymised on ${dateText(c.anonymised.at, lang)}: ${c.anonymised.reason}`,
          )}
        </p>
      ) : null}
      {props.message ? (
        <div
          class={props.message.kind}
          role={props.message.kind === 'alert' ? 'alert' : 'status'}
          data-saved={props.message.saved}
        >
          {props.message.text}
        </div>
      ) : null}
      {props.lookAlikes.length > 0 ? (
        <div class="warn">
          <strong class="badge">{t('Mungkin ganda', 'Possible duplicate')}</strong>{' '}
          {t(
            'Mirip dengan (nama dan tanggal lahir, atau KK dan tanggal lahir sama):',
            'Looks like (same name and birth date, or same KK and birth date):',
          )}
          <ul>
            {props.lookAlikes.map((o) => (
              <li>
                <a href={`/calon/${o.id}`}>
                  {o.fullName ?? gone} · {villageText(o.villageCode)} · {o.year} · {statusLabel(t, o.status)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {c.warnings.length > 0 ? (
        <div class="warn">
          <strong>{t('Perlu dicek:', 'Please check:')}</strong>
          <ul>
            {c.warnings.map((w) => (
              <li>{render(w, lang)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="card">
        <dl>
          <dt>{t('Tahun program', 'Programme year')}</dt>
          <dd>{c.year}</dd>
          <dt>{t('Status', 'Status')}</dt>
          <dd>
            <strong>{statusLabel(t, c.status)}</strong>
          </dd>
          <dt>{t('Pendanaan', 'Funding')}</dt>
          <dd>{fundingText(t, stored)}</dd>
          <dt>NIK</dt>
          <dd>{c.anonymised ? gone : full ? c.nik : maskIdNumber(c.nik)}</dd>
          <dt>{t('No KK', 'KK number')}</dt>
          <dd>{c.anonymised ? gone : full ? c.kk : maskIdNumber(c.kk)}</dd>
          <dt>{t('Tanggal lahir', 'Date of birth')}</dt>
          <dd>{c.anonymised ? gone : dateText(c.birthDate, lang)}</dd>
          <dt>{t('Jenis kelamin', 'Sex')}</dt>
          <dd>{sexLabel(t, c.sex)}</dd>
          <dt>{t('Jalur', 'Track')}</dt>
          <dd>{trackLabel(t, c.track)}</dd>
          <dt>{t('Alasan', 'Reason')}</dt>
          <dd>
            {reasonLabels(t)[c.reasonCode]}
            {c.reasonNote ? `: ${c.reasonNote}` : ''}
          </dd>
          <dt>{t('Desa', 'Village')}</dt>
          <dd>{villageText(c.villageCode)}</dd>
          {c.address && !c.anonymised ? (
            <>
              <dt>{t('Alamat', 'Address')}</dt>
              <dd>{addressText(t, c.address)}</dd>
            </>
          ) : null}
          {c.guardianName ? (
            <>
              <dt>{t('Wali', 'Guardian')}</dt>
              <dd>{c.guardianName}</dd>
            </>
          ) : null}
          {c.phone ? (
            <>
              <dt>{t('No HP', 'Phone')}</dt>
              <dd>{c.phone}</dd>
            </>
          ) : null}
          {c.school ? (
            <>
              <dt>{t('Sekolah', 'School')}</dt>
              <dd>
                {c.school.name} ({pathwayLabel(t, c.school.level)}, NPSN {c.school.npsn})
              </dd>
            </>
          ) : null}
        </dl>
      </div>

      {viewer.role === 'village_official' && EDITABLE_STATUSES.includes(c.status) && !c.anonymised ? (
        <p>
          <a class="button" href={`/calon/${c.id}/ubah`}>
            {t('Koreksi data', 'Correct the record')}
          </a>
        </p>
      ) : null}

      {next.length > 0 ? (
        <section class="card" aria-labelledby="next-step">
          <h2 id="next-step">{t('Langkah berikutnya', 'Next step')}</h2>
          {next.includes('ENROLLED') ? (
            funded ? (
              <form method="post" action={`/calon/${c.id}/status`}>
                {token}
                {version}
                <input type="hidden" name="to" value="ENROLLED" />
                <fieldset>
                  <legend>{t('Sekolah atau PKBM tujuan', 'School or PKBM')}</legend>
                  <SchoolFields t={t} problems={problems} values={values} />
                  <button type="submit">{actionLabel(t, 'ENROLLED')}</button>
                </fieldset>
              </form>
            ) : (
              <p class="notice">
                {t(
                  'Belum bisa dicatat masuk sekolah: calon ini belum mendapat tempat yang didanai (masih daftar tunggu).',
                  'Cannot be enrolled yet: this candidate holds no funded place (still on the waitlist).',
                )}
              </p>
            )
          ) : null}
          <div class="actions">
            {next.filter((to) => to !== 'ENROLLED' && !ENDING.includes(to)).map(move)}
          </div>
          {next.some((to) => ENDING.includes(to)) ? (
            <div class="actions ending">
              <p class="hint">
                {t(
                  'Menutup atau menghentikan: Anda akan diminta memastikan dan menulis alasannya.',
                  'Closing or stopping: you will be asked to confirm and give the reason.',
                )}
              </p>
              {next.filter((to) => ENDING.includes(to)).map(move)}
            </div>
          ) : null}
        </section>
      ) : null}

      <CohortLinks t={t} viewer={viewer} candidate={c} />
      <CarryOverForm t={t} csrf={csrf} candidate={c} years={props.carryOverYears} />
      <SchoolChangeForm t={t} csrf={csrf} viewer={viewer} candidate={c} problems={problems} values={values} />

      {viewer.role === 'bappeda_staff' ? (
        <>
          <BappedaActions t={t} stored={stored} csrf={csrf} problems={problems} values={values} />
          <PersonalDataActions t={t} stored={stored} csrf={csrf} problems={problems} values={values} />
        </>
      ) : null}

      <Visits t={t} lang={lang} viewer={viewer} candidate={c} visits={props.visits} />

      {props.payments.length > 0 || funded ? (
        <Payments
          t={t}
          lang={lang}
          payments={props.payments}
          candidate={c}
          csrf={viewer.role === 'bappeda_staff' ? csrf : undefined}
        />
      ) : null}

      <h2>{t('Riwayat', 'History')}</h2>
      <ol>
        {props.history.map((h) => (
          <li>
            {timeText(h.at, lang)} · {roleLabel(t, h.actor.role)}:{' '}
            {h.corrected ? null : (
              <>
                {h.from ? `${statusLabel(t, h.from)} → ` : ''}
                {statusLabel(t, h.to)}
              </>
            )}
            {historyDetail(t, h)}
          </li>
        ))}
      </ol>
    </>
  );
}

/**
 * Follow-up: when the next visit is due, a flag for a drop-out decision, the button to
 * record a visit (the kecamatan's volunteer, an open record) and the visits, newest first.
 */
function Visits(props: { t: T; lang: Lang; viewer: Principal; candidate: CandidateItem; visits: Visit[] }) {
  const { t, lang, candidate: c } = props;
  const open = isOpen(c.status) && !c.anonymised;
  if (!open && props.visits.length === 0) return null;
  return (
    <section class="card" aria-labelledby="visits">
      <h2 id="visits">{t('Pendampingan', 'Follow-up')}</h2>
      <p>
        <DueText t={t} lang={lang} candidate={c} today={todayInBrebes()} />
      </p>
      {c.flags.includes(DROP_OUT_DECISION) ? (
        <p class="warn">
          {t(
            'Dua kunjungan berturut-turut tidak hadir belajar: putuskan apakah ia berhenti (putus lagi). Status tidak berubah sendiri.',
            'Two visits in a row found them not attending: decide whether they stopped. The status does not change by itself.',
          )}
        </p>
      ) : null}
      {open && props.viewer.role === 'fmpp_volunteer' ? (
        <p>
          <a class="button" href={`/calon/${c.id}/kunjungan`}>
            {t('Catat kunjungan', 'Record a visit')}
          </a>
        </p>
      ) : null}
      {props.visits.length === 0 ? (
        <Empty
          why={t('Belum ada kunjungan tercatat.', 'No visit recorded yet.')}
          next={
            open
              ? t(
                  'Relawan FMPP kecamatan mencatatnya setelah berkunjung.',
                  "The kecamatan's FMPP volunteer records it after a visit.",
                )
              : undefined
          }
        />
      ) : (
        <ul class="plain">
          {props.visits.map((v) => (
            <li>
              {dateText(v.date, lang)} · {inLang(VISIT_KIND_LABELS[v.kind], lang)} ·{' '}
              <strong>{inLang(VISIT_OUTCOME_LABELS[v.outcome], lang)}</strong>
              {v.note ? ` · ${v.note}` : ''} · {roleLabel(t, v.actor.role)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The payments made to the person: date, amount, source, reference; a voided one struck
 * through with when and why. Given a `csrf` (Bappeda), each payment still standing can be
 * voided (after a confirmation step asking why).
 */
function Payments(props: {
  t: T;
  lang: Lang;
  payments: PaymentRecord[];
  candidate: CandidateItem;
  csrf: string | undefined;
}) {
  const { t, lang, candidate: c, csrf } = props;
  return (
    <section aria-labelledby="payments">
      <h2 id="payments">{t('Pembayaran', 'Payments')}</h2>
      {props.payments.length === 0 ? (
        <Empty
          why={t('Belum ada pembayaran untuk calon ini.', 'No payment to this person yet.')}
          next={t(
            'Bappeda mencatatnya setelah calon masuk sekolah, di halaman ini atau dengan lembar pembayaran.',
            'Bappeda records them once enrolled, on this page or with a payment sheet.',
          )}
        />
      ) : null}
      <ul class="plain">
        {[...props.payments]
          .sort((a, b) => a.paidAt.localeCompare(b.paidAt))
          .map((d) => {
            const text = (
              <>
                {dateText(d.paidAt, lang)} · <strong>{rupiah(d.amount)}</strong> (
                {d.source === 'APBD' ? 'APBD' : 'APBDes'}) · {t('ref.', 'ref.')} {d.reference}
              </>
            );
            return d.voided ? (
              <li>
                <s>{text}</s> ·{' '}
                <strong>
                  {t('Dibatalkan', 'Voided')} {dateText(d.voided.at.slice(0, 10), lang)}
                </strong>
                : {d.voided.reason}
              </li>
            ) : (
              <li>
                {text}
                {csrf ? (
                  <form method="post" action={`/calon/${c.id}/pembayaran/${d.id}/batal`}>
                    <input type="hidden" name="csrf" value={csrf} />
                    <input type="hidden" name="version" value={String(c.version)} />
                    <button type="submit" class="danger">
                      {t('Batalkan pembayaran ini…', 'Void this payment…')}
                    </button>
                  </form>
                ) : null}
              </li>
            );
          })}
      </ul>
    </section>
  );
}

/** What each card of actions on the candidate page is given. */
interface ActionProps {
  t: T;
  stored: StoredCandidate;
  csrf: string;
  problems: Problems;
  /** What was typed before the form came back with problems. */
  values: Record<string, string>;
}

/** Bappeda's UU PDP tools: the subject-access download and anonymisation on request. */
function PersonalDataActions(props: ActionProps) {
  const { t, stored, csrf } = props;
  const c = stored.candidate;
  return (
    <div class="card">
      <h2>{t('Data pribadi (UU PDP)', 'Personal data (UU PDP)')}</h2>
      <p>
        <a href={`/calon/${c.id}/ekspor`} download>
          {t('Unduh semua data orang ini (JSON)', "Download all of this person's data (JSON)")}
        </a>
      </p>
      {c.anonymised ? null : (
        <form method="post" action={`/calon/${c.id}/anonimkan`}>
          <input type="hidden" name="csrf" value={csrf} />
          <input type="hidden" name="version" value={String(c.version)} />
          <p class="hint">
            {t(
              'Atas permintaan orang ini: NIK, KK, nama, tanggal lahir, telepon dan wali dihapus untuk selamanya. Anda akan diminta memastikan dan menulis alasannya.',
              "On the person's request: NIK, KK, name, birth date, phone and guardian are removed for good. You will be asked to confirm and give the reason.",
            )}
          </p>
          <button type="submit" class="danger">
            {t('Anonimkan…', 'Anonymise…')}
          </button>
        </form>
      )}
    </div>
  );
}

function BappedaActions(props: ActionProps) {
  const { t, stored, csrf, problems, values } = props;
  const c = stored.candidate;
  const canAssign = RESERVED_STATUSES.includes(c.status) && c.villageFunding === 'WAITLISTED' && !c.apbd;
  const sources = (['APBDES', 'APBD'] as const).filter((s) => committedTo(c, s) > c.disbursed[s]);
  return (
    <div class="card">
      <h2>{t('Anggaran', 'Budget')}</h2>
      <p>
        {t('Sudah dibayar', 'Paid so far')}: APBDes {rupiah(c.disbursed.APBDES)}, APBD{' '}
        {rupiah(c.disbursed.APBD)}
      </p>
      {canAssign ? (
        <form method="post" action={`/calon/${c.id}/apbd`}>
          <input type="hidden" name="csrf" value={csrf} />
          <input type="hidden" name="version" value={String(c.version)} />
          <button type="submit">{t('Beri tempat APBD…', 'Give an APBD place…')}</button>
        </form>
      ) : null}
      {sources.length > 0 ? (
        <form method="post" action={`/calon/${c.id}/pembayaran`}>
          <input type="hidden" name="csrf" value={csrf} />
          <input type="hidden" name="version" value={String(c.version)} />
          <Field
            name="source"
            label={t('Sumber dana', 'Source')}
            hint={t(
              'Sisa yang masih bisa dibayar ada di tiap pilihan.',
              'Each choice shows what is left to pay.',
            )}
            problems={problems}
          >
            {(a) => (
              <select {...a}>
                <Options
                  empty={t('— pilih —', '— choose —')}
                  selected={values.source}
                  values={sources.map((s) => [
                    s,
                    `${s} (${t('sisa', 'left')} ${rupiah(committedTo(c, s) - c.disbursed[s])})`,
                  ])}
                />
              </select>
            )}
          </Field>
          <Field
            name="amount"
            label={t('Jumlah (Rp)', 'Amount (Rp)')}
            hint={t(
              'Rupiah utuh, boleh ditulis 1.500.000 atau Rp 1.500.000.',
              'Whole rupiah, e.g. 1.500.000 or Rp 1.500.000.',
            )}
            problems={problems}
          >
            {(a) => <input type="text" inputmode="numeric" value={values.amount ?? ''} {...a} />}
          </Field>
          <Field
            name="paidAt"
            label={t('Tanggal bayar', 'Payment date')}
            hint={t(`Antara 1 Januari ${c.year} dan hari ini.`, `Between 1 January ${c.year} and today.`)}
            problems={problems}
          >
            {(a) => <input type="date" value={values.paidAt ?? ''} {...a} />}
          </Field>
          <Field
            name="reference"
            label={t('Referensi (mis. no. SP2D)', 'Reference (e.g. SP2D number)')}
            hint={t(
              '1–64 huruf, angka, spasi, titik, garis miring (/) atau tanda hubung (-).',
              '1–64 letters, digits, spaces, dots, slashes (/) or hyphens (-).',
            )}
            problems={problems}
          >
            {(a) => <input type="text" value={values.reference ?? ''} {...a} />}
          </Field>
          <button type="submit">{t('Catat pembayaran', 'Record payment')}</button>
        </form>
      ) : null}
    </div>
  );
}
