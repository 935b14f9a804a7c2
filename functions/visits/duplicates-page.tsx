import type { CandidateItem } from '../../shared/db/candidate-item.js';
import { maskIdNumber } from '../../shared/domain/nik.js';
import { DomainError } from '../../shared/errors.js';
import type { Principal } from '../../shared/principal.js';
import { openDuplicates, reviewDuplicate } from '../../shared/services/duplicates.js';
import type { GkbContext } from '../http/app.js';
import { candidateAction } from '../web/candidate-actions.js';
import { dateText, villageText } from '../web/format.js';
import { Empty, PageTitle } from '../web/help.js';
import { page, tOf, versionOf, viewer } from '../web/shell.js';
import { statusLabel, type T } from '../web/ui.js';

/** One record of a pair, as the reviewer compares it: numbers masked, nothing else personal beyond the name. */
function Side(props: { t: T; c: CandidateItem; lang: 'id' | 'en'; heading: string }) {
  const { t, c } = props;
  return (
    <div class="card">
      <h3>{props.heading}</h3>
      <dl>
        <dt>{t('Nama', 'Name')}</dt>
        <dd>
          <a href={`/calon/${c.id}`}>{c.fullName}</a>
        </dd>
        <dt>NIK</dt>
        <dd>{maskIdNumber(c.nik)}</dd>
        <dt>{t('No KK', 'Family card')}</dt>
        <dd>{maskIdNumber(c.kk)}</dd>
        <dt>{t('Tanggal lahir', 'Birth date')}</dt>
        <dd>{dateText(c.birthDate, props.lang)}</dd>
        <dt>{t('Desa', 'Village')}</dt>
        <dd>
          {villageText(c.villageCode)} · {c.year}
        </dd>
        <dt>{t('Status', 'Status')}</dt>
        <dd>{statusLabel(t, c.status)}</dd>
      </dl>
    </div>
  );
}

/** `/ganda`: Bappeda's list of possible duplicates still open, each pair side by side with the two decisions. */
export async function duplicatesPage(c: GkbContext) {
  const t = tOf(c);
  const lang = c.get('lang');
  const groups = await openDuplicates(viewer(c));
  const done = c.req.query('selesai');
  return page(
    c,
    t('Kemungkinan data ganda', 'Possible duplicates'),
    <>
      <PageTitle help="ganda">{t('Kemungkinan data ganda', 'Possible duplicates')}</PageTitle>
      {done ? (
        <p role="status" class="done">
          {done === 'SAME_PERSON'
            ? t(
                'Tersimpan: data yang belakangan dibatalkan (mengundurkan diri) dan tempatnya dilepas.',
                'Saved: the later record is withdrawn and its place released.',
              )
            : t(
                'Tersimpan: keduanya orang berbeda; tanda ganda dihapus.',
                'Saved: two different people; the flag is cleared.',
              )}
        </p>
      ) : null}
      <p class="hint">
        {t(
          'Data yang nama dan tanggal lahirnya sama, atau KK dan tanggal lahirnya sama, dengan data lain di tahun program yang sama. Bandingkan lalu putuskan: "Orang berbeda" menghapus tandanya; "Orang yang sama" membatalkan data yang didaftarkan belakangan dan melepas tempatnya, data yang lebih dulu tetap.',
          'Records with the same name and birth date, or the same family card and birth date, as another record of the same programme year. Compare, then decide: "Different people" clears the flag; "Same person" withdraws the record registered later and releases its place; the earlier one stays.',
        )}
      </p>
      {groups.length === 0 ? (
        <Empty
          why={t(
            'Tidak ada kemungkinan data ganda yang perlu diputuskan. Data baru yang mirip data lain akan muncul di sini.',
            'No possible duplicates to decide. New records that look like another appear here.',
          )}
          next={<a href="/calon">{t('Lihat daftar calon', 'See the candidate list')}</a>}
        />
      ) : null}
      {groups.map((g) => (
        <section class="card" aria-labelledby={`ganda-${g.later.id}`}>
          <h2 id={`ganda-${g.later.id}`}>
            {g.later.fullName} · {villageText(g.later.villageCode)}
          </h2>
          <div class="pair">
            <Side t={t} c={g.later} lang={lang} heading={t('Didaftarkan belakangan', 'Registered later')} />
            {g.earlier.map((e) => (
              <Side
                t={t}
                c={e}
                lang={lang}
                heading={t('Mirip dengan (lebih dulu)', 'Looks like (earlier)')}
              />
            ))}
          </div>
          <form method="post" action={`/calon/${g.later.id}/ganda`}>
            <input type="hidden" name="csrf" value={c.get('csrf') ?? ''} />
            <input type="hidden" name="version" value={String(g.later.version)} />
            <label for={`note-${g.later.id}`}>
              {t('Catatan (masuk riwayat)', 'Note (kept in the history)')}
              <span class="hint">
                {t('Misalnya: dicek dengan KK di desa.', 'For example: checked against the family card.')}
              </span>
            </label>
            <input type="text" id={`note-${g.later.id}`} name="note" maxlength={500} />
            <button type="submit" name="decision" value="DIFFERENT_PERSON">
              {t('Orang berbeda', 'Different people')}
            </button>
            <button type="submit" name="decision" value="SAME_PERSON" class="danger">
              {t('Orang yang sama…', 'Same person…')}
            </button>
          </form>
        </section>
      ))}
    </>,
  );
}

const bappedaOnly = (p: Principal) => {
  if (p.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
};

/** `POST /calon/{id}/ganda`: the decision; "same person" first asks, saying what it does. */
export const duplicateSubmit = (c: GkbContext) => {
  const t = tOf(c);
  return candidateAction(
    c,
    (v, p) =>
      reviewDuplicate(p, c.req.param('id') ?? '', versionOf(v), {
        decision: v.decision === 'SAME_PERSON' ? 'SAME_PERSON' : 'DIFFERENT_PERSON',
        note: v.note ?? null,
      }),
    (r) => `/ganda?selesai=${r.candidate.status === 'WITHDRAWN' ? 'SAME_PERSON' : 'DIFFERENT_PERSON'}`,
    {
      needed: (v) => v.decision === 'SAME_PERSON',
      refuse: { role: bappedaOnly },
      step: async (_, stored) => ({
        title: t(
          `Orang yang sama: ${stored.candidate.fullName}`,
          `Same person: ${stored.candidate.fullName}`,
        ),
        consequences: [
          t(
            'Data ini (yang didaftarkan belakangan) dibatalkan dengan status Mengundurkan diri, dan tempatnya dilepas untuk daftar tunggu desa.',
            'This record (registered later) is withdrawn and its place released to the village waitlist.',
          ),
          t('Data yang lebih dulu tetap seperti sekarang.', 'The earlier record stays as it is.'),
          t('Langkah ini tidak bisa dibatalkan.', 'This step cannot be undone.'),
        ],
        submit: t('Ya, orang yang sama', 'Yes, the same person'),
        destructive: true,
        hidden: ['version', 'decision', 'note'],
      }),
    },
  );
};
