import type { CandidateItem } from '../../shared/db/candidate-item.js';
import type { Status } from '../../shared/domain/candidate.js';
import { CLOSED_STATUSES, RELEASING_STATUSES, transitionVerdict } from '../../shared/domain/workflow.js';
import { DomainError } from '../../shared/errors.js';
import type { Principal } from '../../shared/principal.js';
import type { StoredCandidate } from '../../shared/services/candidates.js';
import { placeConsequence } from '../../shared/services/consequences.js';
import type { Confirmation } from './candidate-actions.js';
import { placeText } from './confirm.js';
import { actionLabel, rupiah, statusLabel, type T } from './ui.js';

/** Moves that end something, or cannot be undone: each asks first. */
const CONFIRMED: readonly Status[] = ['COMPLETED', 'DROPPED_OUT', 'INELIGIBLE', 'WITHDRAWN'];
/** Moves whose reason the history must keep. */
export const NOTE_REQUIRED: readonly Status[] = ['DROPPED_OUT', 'INELIGIBLE', 'WITHDRAWN'];

export const personName = (t: T, c: CandidateItem) =>
  c.anonymised ? t('(dianonimkan)', '(anonymised)') : c.fullName;

/** What leaving (or finishing) does, beyond the status: the place, the APBD money, finality. */
export async function leavingLines(t: T, c: CandidateItem, to: Status): Promise<string[]> {
  const lines: string[] = [];
  const place = placeText(t, await placeConsequence(c, to));
  if (place) lines.push(place);
  if (c.apbd && RELEASING_STATUSES.includes(to))
    lines.push(
      t(
        `Tempat APBD-nya (${rupiah(c.apbd.amount)}) kembali ke anggaran APBD.`,
        `Its APBD place (${rupiah(c.apbd.amount)}) goes back to the APBD budget.`,
      ),
    );
  if (to === 'DROPPED_OUT')
    lines.push(
      t(
        'Tempat dan uang yang sudah dibayarkan tetap tercatat. Bila ia kembali sekolah, relawan dapat mencatatnya lagi.',
        'The place and the money paid stay recorded. If they go back to school, a volunteer can record it again.',
      ),
    );
  if (CLOSED_STATUSES.includes(to))
    lines.push(t('Langkah ini tidak bisa dibatalkan.', 'This step cannot be undone.'));
  return lines;
}

/** The confirmation of a move along the workflow (only for the moves that need one). */
export const transitionConfirmation = (t: T) => ({
  needed: (v: Record<string, string>) => CONFIRMED.includes(v.to as Status),
  refuse: {
    record: (p: Principal, stored: StoredCandidate, v: Record<string, string>) => {
      const verdict = transitionVerdict(p.role, stored.candidate.status, v.to as Status);
      if (verdict === 'forbidden') throw new DomainError('FORBIDDEN');
      if (verdict === 'invalid') throw new DomainError('INVALID_TRANSITION');
    },
  },
  requiredNote: (v: Record<string, string>) => (NOTE_REQUIRED.includes(v.to as Status) ? 'note' : undefined),
  step: async (v: Record<string, string>, stored: StoredCandidate): Promise<Confirmation> => {
    const c = stored.candidate;
    const to = v.to as Status;
    return {
      title: `${actionLabel(t, to)}: ${personName(t, c)}`,
      consequences: [
        t(
          `Status ${personName(t, c)} berubah dari «${statusLabel(t, c.status)}» menjadi «${statusLabel(t, to)}».`,
          `${personName(t, c)}'s status changes from "${statusLabel(t, c.status)}" to "${statusLabel(t, to)}".`,
        ),
        ...(await leavingLines(t, c, to)),
      ],
      submit: t(`Ya, ${actionLabel(t, to).toLowerCase()}`, `Yes: ${actionLabel(t, to).toLowerCase()}`),
      destructive: NOTE_REQUIRED.includes(to),
      hidden: ['version', 'to'],
      ...(NOTE_REQUIRED.includes(to)
        ? {
            note: {
              label: t('Alasan (wajib, masuk riwayat)', 'Reason (required, kept in the history)'),
              hint: t(
                'Misalnya: pindah ke Jakarta ikut orang tua; umur di luar syarat.',
                'For example: moved to Jakarta with the parents; age outside the rules.',
              ),
            },
          }
        : {}),
    };
  },
});
