import * as z from 'zod/mini';
import { importsRoutes } from '../../shared/api/routes/imports.js';
import { DomainError } from '../../shared/errors.js';
import { failedRowsFile } from '../../shared/imports/failed-rows.js';
import { importTemplateFile } from '../../shared/imports/template.js';
import { importDraftOf, importSurveyList } from '../../shared/services/imports.js';
import { programYears } from '../../shared/services/programs.js';
import { createApp, principalOf } from '../http/app.js';
import { queryParam } from '../http/input.js';
import { optionalText, templateFormat, yearParam } from '../http/params.js';
import { page, pageYear, postedForm, tOf, viewer, webOptions } from '../web/shell.js';
import { importCheck, importCommit, UploadForm } from './pages.js';

/**
 * Survey lists: the row-by-row check and registration of a CSV or XLSX file, and its
 * template, by the API and by the web's upload pages. A function of its own, so that the
 * import and spreadsheet code stays out of `candidates`, `web` and `bappeda`.
 */
export const app = createApp(
  importsRoutes,
  {
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
      const file = importTemplateFile(templateFormat(c));
      return c.body(file.body, 200, file.headers);
    },
    importPage: async (c) => {
      if (viewer(c).role !== 'village_official') throw new DomainError('FORBIDDEN');
      const t = tOf(c);
      const [year, years] = await Promise.all([pageYear(c), programYears()]);
      return page(
        c,
        t('Unggah daftar', 'Upload a list'),
        <UploadForm t={t} csrf={c.get('csrf') ?? ''} years={years.map((y) => y.year)} year={year} />,
      );
    },
    importCheck: async (c) => {
      const p = viewer(c);
      if (p.role !== 'village_official') throw new DomainError('FORBIDDEN');
      const t = tOf(c);
      const years = (await programYears()).map((y) => y.year);
      const checked = await importCheck(c, t, c.get('csrf') ?? '', p, years);
      return page(c, t('Hasil pemeriksaan', 'Check result'), checked.body, checked.status);
    },
    importCommit: async (c) => {
      const p = viewer(c);
      if (p.role !== 'village_official') throw new DomainError('FORBIDDEN');
      const t = tOf(c);
      return page(
        c,
        t('Hasil pendaftaran', 'Registration result'),
        await importCommit(c, t, await postedForm(c), p),
      );
    },
    importFailedRows: async (c) => {
      // As the registration: the official who uploaded the list, while its draft is kept.
      const p = viewer(c);
      if (p.role !== 'village_official') throw new DomainError('FORBIDDEN');
      const draft = await importDraftOf(p, c.req.query('draft') ?? '');
      if (!draft) throw new DomainError('NOT_FOUND');
      const file = failedRowsFile(draft.rows, c.get('lang'));
      return c.body(file.body, 200, file.headers);
    },
    importTemplateDownload: async (c) => {
      if (viewer(c).role !== 'village_official') throw new DomainError('FORBIDDEN');
      const file = importTemplateFile(c.req.query('format') === 'csv' ? 'csv' : 'xlsx');
      return c.body(file.body, 200, file.headers);
    },
  },
  { pages: webOptions },
);
