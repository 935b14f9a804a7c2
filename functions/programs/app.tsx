import * as z from 'zod/mini';
import { programsRoutes } from '../../shared/api/routes/programs.js';
import { programInputSchema } from '../../shared/domain/program.js';
import { districts, findDistrict, villages, villagesOf } from '../../shared/domain/regions.js';
import { cohortCarryOverSchema } from '../../shared/domain/workflow.js';
import { DomainError, validationFailed } from '../../shared/errors.js';
import { carryCohort } from '../../shared/services/carry-over.js';
import { programSettings, programYears, saveProgram } from '../../shared/services/programs.js';
import { villageSummary } from '../../shared/services/villages.js';
import { createApp, principalOf } from '../http/app.js';
import { logCarryOverFailure } from '../http/errors.js';
import { jsonBody, queryParam } from '../http/input.js';
import { optionalText, yearParam } from '../http/params.js';
import { webOptions } from '../web/shell.js';
import { carryOverRecordRoutes } from './carry-over-record.js';
import { cohortCarryOverRoutes } from './cohort-carry-over.js';
import { settingsRoutes } from './settings.js';

/**
 * Reference data, villages' places and programme years: the API, and Bappeda's pages of a
 * programme year (settings, the cohort carry-over, and carrying one record over from its
 * page), which share its services.
 */
export const app = createApp(
  programsRoutes,
  {
    listDistricts: (c) => {
      principalOf(c);
      return c.json(districts);
    },
    listVillages: (c) => {
      principalOf(c);
      const district = optionalText('district', c);
      if (district === undefined) return c.json(villages);
      if (!findDistrict(district)) throw validationFailed([{ field: 'district', key: 'district.unknown' }]);
      return c.json(villagesOf(district));
    },
    getVillage: async (c) =>
      c.json(await villageSummary(principalOf(c), c.req.param('code') ?? '', yearParam(c, 'query'))),
    listPrograms: async (c) => {
      principalOf(c);
      return c.json(await programYears());
    },
    getProgram: async (c) => {
      principalOf(c);
      const program = await programSettings(yearParam(c, 'path'));
      if (!program) throw new DomainError('NOT_FOUND');
      return c.json(program);
    },
    putProgram: async (c) => {
      if (principalOf(c).role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
      const year = yearParam(c, 'path');
      return c.json(await saveProgram(principalOf(c), year, await jsonBody(c, programInputSchema)));
    },
    carryCohort: async (c) => {
      const principal = principalOf(c);
      if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
      const year = yearParam(c, 'path');
      const dryRun = queryParam(c, 'dryRun', z.optional(z.enum(['true', 'false']))) === 'true';
      const { fromYear } = await jsonBody(c, cohortCarryOverSchema);
      const report = await carryCohort(
        principal,
        year,
        { fromYear, dryRun, lang: c.get('lang') },
        logCarryOverFailure,
      );
      return c.json({
        summary: report.summary,
        rows: report.rows.map(({ candidateId, status, newId, message }) => ({
          candidateId,
          status,
          newId,
          message,
        })),
      });
    },
    ...settingsRoutes,
    ...cohortCarryOverRoutes,
    ...carryOverRecordRoutes,
  },
  { pages: webOptions },
);
