import { transitionSchema } from '../../shared/domain/workflow.js';
import { validationFailed } from '../../shared/errors.js';
import { parseWith } from '../../shared/schema-problems.js';
import { getCandidate } from '../../shared/services/candidates.js';
import { transitionCandidate } from '../../shared/services/transitions.js';
import type { OperationHandler } from '../http/app.js';
import { candidateAction, showCandidate } from './candidate-actions.js';
import { tOf, versionOf, viewer } from './shell.js';

/** A candidate's page and the moves along the workflow made from it. */
export const candidateRoutes = {
  candidatePage: async (c) => {
    const p = viewer(c);
    const stored = await getCandidate(p, c.req.param('id') ?? '');
    const t = tOf(c);
    const fresh = c.req.query('baru') === '1';
    return showCandidate(c, stored, {
      ...(fresh
        ? {
            message: {
              kind: 'notice' as const,
              text:
                stored.candidate.villageFunding === 'FUNDED'
                  ? t('Tersimpan. Calon mendapat tempat desa.', 'Saved. The candidate holds a village place.')
                  : t(
                      `Tersimpan. Kuota desa penuh: daftar tunggu no. ${stored.waitlistPosition}.`,
                      `Saved. The village quota is full: waitlist no. ${stored.waitlistPosition}.`,
                    ),
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
} satisfies Record<string, OperationHandler>;
