import { transitionSchema } from '../../shared/domain/workflow.js';
import { validationFailed } from '../../shared/errors.js';
import { parseWith } from '../../shared/schema-problems.js';
import { getCandidate } from '../../shared/services/candidates.js';
import { transitionCandidate } from '../../shared/services/transitions.js';
import type { OperationHandler } from '../http/app.js';
import { candidateAction, showCandidate } from './candidate-actions.js';
import { transitionConfirmation } from './confirmations.js';
import { doneBanner } from './done-banner.js';
import { tOf, versionOf, viewer } from './shell.js';

/** A candidate's page and the moves along the workflow made from it. */
export const candidateRoutes = {
  candidatePage: async (c) => {
    const p = viewer(c);
    const stored = await getCandidate(p, c.req.param('id') ?? '');
    const done = await doneBanner(c, p, stored);
    return showCandidate(c, stored, done ? { message: done } : {});
  },
  transitionSubmit: (c) =>
    candidateAction(
      c,
      async (v, p) => {
        const input = parseWith(transitionSchema, {
          to: v.to,
          note: v.note || null,
          school:
            v.to === 'ENROLLED'
              ? { npsn: v['school.npsn'] ?? '', name: v['school.name'] ?? '', level: v['school.level'] ?? '' }
              : null,
        });
        if (!input.data) throw validationFailed(input.problems);
        return transitionCandidate(p, c.req.param('id') ?? '', versionOf(v), input.data);
      },
      (moved, id) => `/calon/${id}?selesai=status${moved.promotedId ? `&naik=${moved.promotedId}` : ''}`,
      transitionConfirmation(tOf(c)),
    ),
} satisfies Record<string, OperationHandler>;
