import { schoolChangeSchema, transitionSchema } from '../../shared/domain/workflow.js';
import { validationFailed } from '../../shared/errors.js';
import { parseWith } from '../../shared/schema-problems.js';
import { getCandidate } from '../../shared/services/candidates.js';
import { carryOverRecord } from '../../shared/services/carry-over.js';
import { changeSchool, transitionCandidate } from '../../shared/services/transitions.js';
import type { OperationHandler } from '../http/app.js';
import { candidateAction, showCandidate } from './candidate-actions.js';
import { tOf, versionOf, viewer } from './shell.js';

/** A candidate's page and the moves along the workflow made from it. */
export const candidateRoutes = {
  candidatePage: async (c) => {
    const p = viewer(c);
    const stored = await getCandidate(p, c.req.param('id') ?? '');
    const t = tOf(c);
    // Just registered (`?baru=1`) or carried over (`?dibawa=1`): where the person stands.
    const fresh = c.req.query('baru') === '1';
    const carried = c.req.query('dibawa') === '1' && stored.candidate.carriedFrom;
    const place =
      stored.candidate.villageFunding === 'FUNDED'
        ? t('Calon mendapat tempat desa.', 'The candidate holds a village place.')
        : t(
            `Kuota desa penuh: daftar tunggu no. ${stored.waitlistPosition}.`,
            `The village quota is full: waitlist no. ${stored.waitlistPosition}.`,
          );
    return showCandidate(c, stored, {
      ...(fresh || carried
        ? {
            message: {
              kind: 'notice' as const,
              text: carried
                ? `${t(`Dibawa dari tahun ${carried.year}.`, `Carried over from ${carried.year}.`)} ${place}`
                : `${t('Tersimpan.', 'Saved.')} ${place}`,
            },
          }
        : {}),
    });
  },
  transitionSubmit: (c) =>
    candidateAction(c, async (v, p) => {
      const input = parseWith(transitionSchema, {
        to: v.to,
        note: v.note || null,
        school:
          v.to === 'ENROLLED'
            ? { npsn: v['school.npsn'] ?? '', name: v['school.name'] ?? '', level: v['school.level'] ?? '' }
            : null,
      });
      if (!input.data) throw validationFailed(input.problems);
      await transitionCandidate(p, c.req.param('id') ?? '', versionOf(v), input.data);
    }),
  carryOverSubmit: (c) =>
    candidateAction(
      c,
      (v, p) =>
        carryOverRecord(p, c.req.param('id') ?? '', /^\d{4}$/.test(v.year ?? '') ? Number(v.year) : 0, {
          ifMatch: versionOf(v),
        }),
      (carried) => `/calon/${carried.candidate.id}?dibawa=1`,
    ),
  schoolChangeSubmit: (c) =>
    candidateAction(c, async (v, p) => {
      const input = parseWith(schoolChangeSchema, {
        school: {
          npsn: v['school.npsn'] ?? '',
          name: v['school.name'] ?? '',
          level: v['school.level'] ?? '',
        },
        note: v.note || null,
      });
      if (!input.data) throw validationFailed(input.problems);
      await changeSchool(p, c.req.param('id') ?? '', versionOf(v), input.data);
    }),
} satisfies Record<string, OperationHandler>;
