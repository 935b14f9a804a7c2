import { DomainError } from '../../shared/errors.js';
import type { Principal } from '../../shared/principal.js';
import type { StoredCandidate } from '../../shared/services/candidates.js';
import { carryOverRecord } from '../../shared/services/carry-over.js';
import type { OperationHandler } from '../http/app.js';
import { type Confirmation, candidateAction } from '../web/candidate-actions.js';
import { leavingLines, personName } from '../web/confirmations.js';
import { tOf, versionOf } from '../web/shell.js';
import { statusLabel, type T } from '../web/ui.js';

/** The confirmation of carrying a record over: this year's record closes, next year's opens. */
export const carryOverConfirmation = (t: T) => ({
  needed: () => true,
  refuse: {
    role: (p: Principal) => {
      if (p.role === 'fmpp_volunteer') throw new DomainError('FORBIDDEN');
    },
  },
  step: async (v: Record<string, string>, stored: StoredCandidate): Promise<Confirmation> => {
    const c = stored.candidate;
    const year = v.year ?? '';
    return {
      title: t(`Bawa ke tahun ${year}: ${personName(t, c)}`, `Carry over to ${year}: ${personName(t, c)}`),
      consequences: [
        t(
          `Catatan tahun ${c.year} ditutup dengan status «${statusLabel(t, 'WITHDRAWN')}», dengan catatan pindah ke tahun ${year}.`,
          `The ${c.year} record closes as "${statusLabel(t, 'WITHDRAWN')}", with a note naming ${year}.`,
        ),
        ...(await leavingLines(t, c, 'WITHDRAWN')),
        t(
          `Ia didata di tahun ${year} dengan kuota, daftar tunggu dan aturan umur tahun itu.`,
          `They are registered in ${year} under that year's quota, waitlist and age rules.`,
        ),
      ],
      submit: t(`Ya, bawa ke tahun ${year}`, `Yes, carry over to ${year}`),
      destructive: false,
      hidden: ['version', 'year'],
    };
  },
});

/**
 * Carrying one record over to a later year from its page (its official, Bappeda), beside the
 * cohort carry-over whose service it shares.
 */
export const carryOverRecordRoutes = {
  carryOverSubmit: (c) =>
    candidateAction(
      c,
      (v, p) =>
        carryOverRecord(p, c.req.param('id') ?? '', /^\d{4}$/.test(v.year ?? '') ? Number(v.year) : 0, {
          ifMatch: versionOf(v),
        }),
      (carried) => `/calon/${carried.candidate.id}?dibawa=1`,
      carryOverConfirmation(tOf(c)),
    ),
} satisfies Record<string, OperationHandler>;
