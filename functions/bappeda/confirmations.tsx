import { DomainError } from '../../shared/errors.js';
import type { Principal } from '../../shared/principal.js';
import { apbdPlacePreview, listDisbursements } from '../../shared/services/budget.js';
import type { StoredCandidate } from '../../shared/services/candidates.js';
import { lookAlikesOf } from '../../shared/services/consequences.js';
import type { Confirmation } from '../web/candidate-actions.js';
import { villageText } from '../web/format.js';
import { rupiah, statusLabel, type T } from '../web/ui.js';

/**
 * Bappeda's actions that cannot be taken back, each with its confirmation step: an APBD place
 * (with a warning when the person may be registered twice) and anonymisation.
 */

/** Only Bappeda staff give APBD places and anonymise: anyone else is refused before any read. */
const bappedaOnly = {
  role: (p: Principal) => {
    if (p.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
  },
};

const nameOf = (t: T, s: StoredCandidate) =>
  s.candidate.anonymised ? t('(dianonimkan)', '(anonymised)') : s.candidate.fullName;

export const apbdConfirmation = (t: T, p: Principal) => ({
  needed: () => true,
  refuse: bappedaOnly,
  step: async (_: Record<string, string>, stored: StoredCandidate): Promise<Confirmation> => {
    const c = stored.candidate;
    const [preview, lookAlikes] = await Promise.all([apbdPlacePreview(c.year), lookAlikesOf(p, c)]);
    return {
      title: t(`Beri tempat APBD: ${nameOf(t, stored)}`, `Give an APBD place: ${nameOf(t, stored)}`),
      consequences: [
        ...(lookAlikes.length > 0
          ? [
              <strong class="error">
                {t(
                  'Perhatian: orang ini ditandai mungkin ganda. Pastikan ia bukan orang yang sama dengan: ',
                  'Warning: this person is flagged as a possible duplicate. Make sure they are not the same as: ',
                )}
                {lookAlikes.map((o, i) => (
                  <>
                    {i > 0 ? '; ' : ''}
                    <a href={`/calon/${o.id}`}>
                      {o.fullName ?? '—'} ({villageText(o.villageCode)}, {o.year}, {statusLabel(t, o.status)})
                    </a>
                  </>
                ))}
              </strong>,
            ]
          : []),
        preview
          ? t(
              `Ia mendapat tempat APBD ${c.year} sebesar ${rupiah(preview.amount)}. Sisa APBD setelah ini: ${rupiah(preview.moneyLeft)} untuk ${preview.placesLeft} orang.`,
              `They take an APBD ${c.year} place of ${rupiah(preview.amount)}. APBD left after this: ${rupiah(preview.moneyLeft)} for ${preview.placesLeft} people.`,
            )
          : t('Tempat APBD tahun ini sudah habis.', "This year's APBD places are used up."),
        t(
          `Ia keluar dari daftar tunggu desa (no. ${stored.waitlistPosition ?? '-'}); yang di belakangnya naik satu nomor.`,
          `They leave the village waitlist (no. ${stored.waitlistPosition ?? '-'}); those behind move up one place.`,
        ),
      ],
      submit: t('Ya, beri tempat APBD', 'Yes, give the APBD place'),
      destructive: false,
      hidden: ['version'],
    };
  },
});

export const anonymiseConfirmation = (t: T) => ({
  needed: () => true,
  refuse: bappedaOnly,
  requiredNote: () => 'reason',
  step: async (_: Record<string, string>, stored: StoredCandidate): Promise<Confirmation> => ({
    title: t(`Anonimkan: ${nameOf(t, stored)}`, `Anonymise: ${nameOf(t, stored)}`),
    consequences: [
      t(
        'NIK, KK, nama, tanggal lahir, telepon dan wali orang ini dihapus untuk selamanya.',
        "This person's NIK, KK, name, birth date, phone and guardian are removed for good.",
      ),
      t(
        'Status, tempat, jumlah dan uang yang sudah dibayarkan tetap tercatat.',
        'Status, place, counts and money paid stay recorded.',
      ),
      t('Langkah ini tidak bisa dibatalkan.', 'This step cannot be undone.'),
    ],
    submit: t('Ya, anonimkan', 'Yes, anonymise'),
    destructive: true,
    hidden: ['version'],
    note: {
      label: t('Alasan anonimisasi (wajib, masuk riwayat)', 'Reason for anonymising (required, kept)'),
      hint: t('Misalnya: permintaan yang bersangkutan tanggal …', 'For example: the person asked on …'),
    },
  }),
});

/** Voiding a payment: which one, what the paid total becomes, that the payment stays on record. */
export const voidConfirmation = (t: T, p: Principal, disbursementId: string) => ({
  needed: () => true,
  refuse: bappedaOnly,
  requiredNote: () => 'reason',
  step: async (_: Record<string, string>, stored: StoredCandidate): Promise<Confirmation> => {
    const c = stored.candidate;
    const payment = (await listDisbursements(p, c.id)).find((d) => d.id === disbursementId);
    if (!payment) throw new DomainError('NOT_FOUND');
    if (payment.voided) throw new DomainError('ALREADY_VOIDED');
    const source = payment.source === 'APBD' ? 'APBD' : 'APBDes';
    const after = c.disbursed[payment.source] - payment.amount;
    return {
      title: t(
        `Batalkan pembayaran ${rupiah(payment.amount)} (ref. ${payment.reference})`,
        `Void the payment of ${rupiah(payment.amount)} (ref. ${payment.reference})`,
      ),
      consequences: [
        t(
          `Yang sudah dibayar dari ${source} kepada ${nameOf(t, stored)} turun dari ${rupiah(c.disbursed[payment.source])} menjadi ${rupiah(after)}.`,
          `What ${nameOf(t, stored)} has been paid from ${source} drops from ${rupiah(c.disbursed[payment.source])} to ${rupiah(after)}.`,
        ),
        t(
          'Pembayaran ini tetap tercatat, dengan tanda dibatalkan dan alasannya. Nomor referensinya boleh dipakai lagi untuk pembayaran yang benar.',
          'The payment stays on record, marked voided with the reason. Its reference may be used again for the right payment.',
        ),
      ],
      submit: t('Ya, batalkan pembayaran', 'Yes, void the payment'),
      destructive: true,
      hidden: ['version'],
      note: {
        label: t('Alasan pembatalan (wajib, tercatat)', 'Reason for voiding (required, kept)'),
        hint: t(
          'Misalnya: jumlah salah ketik, seharusnya 1.500.000',
          'For example: amount mistyped, should be 1,500,000',
        ),
      },
    };
  },
});
