import { getProgram, programNotConfigured } from '../../shared/db/programs.js';
import { byStatusOf, readProgramAndCounters, waitlistedIn } from '../../shared/db/villages.js';
import { programInputSchema } from '../../shared/domain/program.js';
import { districts, findDistrict, findVillage, villages, villagesOf } from '../../shared/domain/regions.js';
import { DomainError, validationFailed } from '../../shared/errors.js';
import { canSeeVillage } from '../../shared/principal.js';
import { saveProgram } from '../../shared/services/programs.js';
import { createApp, principalOf } from '../http/app.js';
import { jsonBody } from '../http/input.js';
import { optionalText, yearParam } from '../http/params.js';

/** Reference data, villages' places and programme years. */
export const app = createApp('programs', {
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
  getVillage: async (c) => {
    const principal = principalOf(c);
    const village = findVillage(c.req.param('code') ?? '');
    if (!village || !canSeeVillage(principal, village.code)) throw new DomainError('NOT_FOUND');
    const year = yearParam(c, 'query');
    const { program, aggregate } = await readProgramAndCounters(year, village.code);
    if (!program) throw programNotConfigured(year);
    return c.json({
      ...village,
      year,
      quota: program.villageQuota,
      funded: aggregate?.funded ?? 0,
      waitlisted: aggregate ? waitlistedIn(aggregate) : 0,
      byStatus: byStatusOf(aggregate),
    });
  },
  getProgram: async (c) => {
    principalOf(c);
    const program = await getProgram(yearParam(c, 'path'));
    if (!program) throw new DomainError('NOT_FOUND');
    return c.json(program);
  },
  putProgram: async (c) => {
    if (principalOf(c).role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
    const year = yearParam(c, 'path');
    return c.json(await saveProgram(year, await jsonBody(c, programInputSchema)));
  },
});
