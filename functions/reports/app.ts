import * as z from 'zod/mini';
import { formatIsoDate, todayInBrebes } from '../../shared/domain/dates.js';
import { DomainError } from '../../shared/errors.js';
import { reportFile } from '../../shared/report-formats/file.js';
import {
  budgetTable,
  outcomesTable,
  quotaTable,
  type ReportTable,
} from '../../shared/report-formats/table.js';
import { XLSX_TYPE } from '../../shared/report-formats/xlsx.js';
import { outcomesReport } from '../../shared/services/outcomes.js';
import { budgetReport, quotaReport } from '../../shared/services/reports.js';
import { createApp, type GkbContext, principalOf } from '../http/app.js';
import { queryParam } from '../http/input.js';
import { yearParam } from '../http/params.js';
import { dateText } from '../web/format.js';

type Format = 'json' | 'csv' | 'xlsx';

/** `?format=` wins (links in a browser); otherwise the Accept header; JSON by default. */
function formatOf(c: GkbContext): Format {
  const asked = queryParam(c, 'format', z.optional(z.enum(['json', 'csv', 'xlsx'])));
  if (asked) return asked;
  const accept = c.req.header('accept') ?? '';
  if (accept.includes(XLSX_TYPE)) return 'xlsx';
  if (accept.includes('text/csv')) return 'csv';
  return 'json';
}

async function respond(
  c: GkbContext,
  format: Format,
  json: unknown,
  table: () => ReportTable,
): Promise<Response> {
  if (format === 'json') return c.json(json);
  const file = reportFile(table(), format);
  return c.body(file.body, 200, file.headers);
}

/** Bappeda's reports, as JSON, CSV or XLSX. */
export const app = createApp('reports', {
  budgetReport: async (c) => {
    const principal = principalOf(c);
    if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
    const by = queryParam(c, 'by', z._default(z.enum(['district', 'village']), 'district'));
    const format = formatOf(c);
    const report = await budgetReport(principal, yearParam(c, 'query'), by);
    return respond(c, format, report, () => budgetTable(report));
  },
  outcomesReport: async (c) => {
    const principal = principalOf(c);
    if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
    const by = queryParam(c, 'by', z._default(z.enum(['district', 'village', 'year']), 'district'));
    const format = formatOf(c);
    const report = await outcomesReport(principal, { year: yearParam(c, 'query'), by });
    return respond(c, format, report, () =>
      outcomesTable(report, dateText(formatIsoDate(todayInBrebes()), 'id')),
    );
  },
  quotaReport: async (c) => {
    const principal = principalOf(c);
    if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
    const format = formatOf(c);
    const report = await quotaReport(principal, yearParam(c, 'query'));
    return respond(c, format, report, () => quotaTable(report));
  },
});
