import { visitsRoutes } from '../../shared/api/routes/visits.js';
import { todayInBrebes } from '../../shared/domain/dates.js';
import { followUpOf, visitSchema } from '../../shared/domain/follow-up.js';
import { schoolChangeSchema } from '../../shared/domain/workflow.js';
import { DomainError, validationFailed } from '../../shared/errors.js';
import { parseWith } from '../../shared/schema-problems.js';
import { candidateVisits, followUpReport, recordVisit } from '../../shared/services/follow-up.js';
import { changeSchool } from '../../shared/services/transitions.js';
import { createApp, principalOf } from '../http/app.js';
import { jsonBody } from '../http/input.js';
import { optionalText, yearParam } from '../http/params.js';
import { candidateAction } from '../web/candidate-actions.js';
import { listRoutes } from '../web/candidate-list.js';
import { versionOf, webOptions } from '../web/shell.js';
import { duplicateSubmit, duplicatesPage } from './duplicates-page.js';
import { followUpPage } from './follow-up-page.js';
import { visitPage, visitSave } from './visit-page.js';
import { worklistPage } from './worklist-page.js';
import { worklistPrintPage } from './worklist-print.js';

/**
 * Follow-up (pendampingan): visits, the follow-up report, and the volunteers' pages for them
 * (the worklist in due order, the visit form, the report, a learner's school change), and the
 * candidates list with its search, apart from `web` and `candidates` so that neither carries
 * this code.
 */
export const app = createApp(
  visitsRoutes,
  {
    recordVisit: async (c) => {
      const principal = principalOf(c);
      if (principal.role !== 'fmpp_volunteer') throw new DomainError('FORBIDDEN');
      const input = await jsonBody(c, visitSchema);
      const id = c.req.param('id') ?? '';
      const { visit, stored, suggestion } = await recordVisit(principal, id, input);
      c.header('ETag', `"${stored.candidate.version}"`);
      c.header('Location', `/candidates/${id}/visits`);
      return c.json({ ...visit, suggestion, followUp: followUpOf(stored.candidate, todayInBrebes()) }, 201);
    },
    candidateVisits: async (c) => c.json(await candidateVisits(principalOf(c), c.req.param('id') ?? '')),
    followUpReport: async (c) => {
      const principal = principalOf(c);
      const district = optionalText('district', c);
      return c.json(
        await followUpReport(principal, { year: yearParam(c, 'query'), ...(district ? { district } : {}) }),
      );
    },
    visitPage,
    visitSave,
    schoolChangeSubmit: (c) =>
      candidateAction(
        c,
        async (v, p) => {
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
        },
        (_, id) => `/calon/${id}?selesai=sekolah`,
      ),
    worklistPage,
    worklistPrintPage,
    ...listRoutes,
    duplicatesPage,
    duplicateSubmit,
    followUpPage,
  },
  { pages: webOptions },
);
