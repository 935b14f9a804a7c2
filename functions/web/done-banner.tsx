import type { Principal } from '../../shared/principal.js';
import { getCandidate, type StoredCandidate } from '../../shared/services/candidates.js';
import type { GkbContext } from '../http/app.js';
import { tOf } from './shell.js';
import { rupiah, statusLabel } from './ui.js';

/** A banner on a page: an alert, a notice, or what an action just did (`saved` clears its draft). */
export interface PageMessage {
  kind: 'alert' | 'notice' | 'done';
  text: string;
  /** The form whose draft on the phone is saved now (its action). */
  saved?: string;
}

/**
 * After every action the candidate page says what happened (the action redirects here with
 * `?selesai=`, or `?baru=1` / `?dibawa=1`): the status now, who took a released place
 * (`naik`, an id: no name ever goes into an address), the school, the money.
 */
export async function doneBanner(
  c: GkbContext,
  p: Principal,
  stored: StoredCandidate,
): Promise<PageMessage | undefined> {
  const t = tOf(c);
  const x = stored.candidate;
  const place =
    x.villageFunding === 'FUNDED'
      ? t('Ia mendapat tempat desa.', 'They hold a village place.')
      : x.villageFunding === 'WAITLISTED'
        ? t(
            `Kuota desa penuh: ia masuk daftar tunggu no. ${stored.waitlistPosition}.`,
            `The village quota is full: waitlist no. ${stored.waitlistPosition}.`,
          )
        : '';
  if (c.req.query('baru') === '1')
    return { kind: 'done', saved: '/calon/baru', text: `${t('Tersimpan.', 'Saved.')} ${place}` };
  if (c.req.query('dibawa') === '1' && x.carriedFrom)
    return {
      kind: 'done',
      text: `${t(`Dibawa dari tahun ${x.carriedFrom.year}.`, `Carried over from ${x.carriedFrom.year}.`)} ${place}`,
    };
  switch (c.req.query('selesai')) {
    case 'koreksi':
      return {
        kind: 'done',
        saved: `/calon/${x.id}/ubah`,
        text: t(
          'Koreksi tersimpan; yang diubah tercatat di riwayat.',
          'Correction saved; the history lists what changed.',
        ),
      };
    case 'status': {
      const promotedId = c.req.query('naik');
      const promoted = promotedId
        ? (await getCandidate(p, promotedId).catch(() => undefined))?.candidate
        : undefined;
      const who =
        promoted && !promoted.anonymised
          ? t(
              ` Tempat desanya sekarang milik ${promoted.fullName} (dari daftar tunggu).`,
              ` Its village place now belongs to ${promoted.fullName} (from the waitlist).`,
            )
          : '';
      return {
        kind: 'done',
        text: `${t(`Tersimpan: status sekarang «${statusLabel(t, x.status)}».`, `Saved: the status is now "${statusLabel(t, x.status)}".`)}${who}`,
      };
    }
    case 'sekolah':
      return {
        kind: 'done',
        text: t(
          `Pindah sekolah tersimpan: sekarang di ${x.school?.name ?? ''}.`,
          `School change saved: now at ${x.school?.name ?? ''}.`,
        ),
      };
    case 'apbd':
      return {
        kind: 'done',
        text: t(
          `Tempat APBD diberikan (${rupiah(x.apbd?.amount ?? 0)}).`,
          `APBD place given (${rupiah(x.apbd?.amount ?? 0)}).`,
        ),
      };
    case 'bayar':
      return {
        kind: 'done',
        text: t(
          `Pembayaran tercatat. Sudah dibayar: APBDes ${rupiah(x.disbursed.APBDES)}, APBD ${rupiah(x.disbursed.APBD)}.`,
          `Payment recorded. Paid so far: APBDes ${rupiah(x.disbursed.APBDES)}, APBD ${rupiah(x.disbursed.APBD)}.`,
        ),
      };
    case 'batal-bayar':
      return {
        kind: 'done',
        text: t(
          `Pembayaran dibatalkan. Sudah dibayar sekarang: APBDes ${rupiah(x.disbursed.APBDES)}, APBD ${rupiah(x.disbursed.APBD)}.`,
          `Payment voided. Paid so far now: APBDes ${rupiah(x.disbursed.APBDES)}, APBD ${rupiah(x.disbursed.APBD)}.`,
        ),
      };
    case 'anonim':
      return {
        kind: 'done',
        text: t('Data pribadi orang ini sudah dianonimkan.', "This person's personal data is anonymised."),
      };
    default:
      return undefined;
  }
}
