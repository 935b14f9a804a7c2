import * as z from 'zod/mini';
import { DomainError } from '../../shared/errors.js';
import { importTemplateFile } from '../../shared/imports/template.js';
import { importSurveyList } from '../../shared/services/imports.js';
import { createApp, principalOf } from '../http/app.js';
import { queryParam } from '../http/input.js';
import { optionalText, yearParam } from '../http/params.js';

/**
 * Survey lists: the row-by-row check and registration of a CSV or XLSX file, and its
 * template. A function of its own, so that the import and spreadsheet code stays out of
 * `candidates`.
 */
export const app = createApp('imports', {
  importSurveyList: async (c) => {
    const principal = principalOf(c);
    if (principal.role !== 'village_official') throw new DomainError('FORBIDDEN');
    const { report } = await importSurveyList(principal, {
      year: yearParam(c, 'query'),
      village: optionalText('village', c),
      dryRun: queryParam(c, 'dryRun', z.optional(z.enum(['true', 'false']))) === 'true',
      source: {
        bytes: new Uint8Array(await c.req.arrayBuffer()),
        contentType: c.req.header('content-type') ?? '',
      },
      lang: c.get('lang'),
      channel: 'api',
    });
    return c.json(report);
  },
  importTemplate: async (c) => {
    if (principalOf(c).role !== 'village_official') throw new DomainError('FORBIDDEN');
    const format = queryParam(c, 'format', z._default(z.enum(['csv', 'xlsx']), 'xlsx'));
    const file = importTemplateFile(format);
    return c.body(file.body, 200, file.headers);
  },
});
