import * as z from 'zod/mini';
import { reportsRoutes } from '../../shared/api/routes/reports.js';
import { FUNDING_SOURCES } from '../../shared/domain/budget.js';
import { formatIsoDate, todayInBrebes } from '../../shared/domain/dates.js';
import { DomainError } from '../../shared/errors.js';
import { reportFile } from '../../shared/report-formats/file.js';
import {
  budgetTable,
  outcomesTable,
  quotaTable,
  type ReportTable,
  recipientsTable,
} from '../../shared/report-formats/table.js';
import { XLSX_TYPE } from '../../shared/report-formats/xlsx.js';
import { auditTrail } from '../../shared/services/audit.js';
import { outcomesReport } from '../../shared/services/outcomes.js';
import { recipientList } from '../../shared/services/recipients.js';
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
export const app = createApp(reportsRoutes, {
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
  recipientsReport: async (c) => {
    const principal = principalOf(c);
    if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
    const source = queryParam(c, 'source', z._default(z.enum(FUNDING_SOURCES), 'APBD'));
    const format = formatOf(c);
    const list = await recipientList(principal, yearParam(c, 'query'), source);
    return respond(c, format, list, () =>
      recipientsTable(list, dateText(formatIsoDate(todayInBrebes()), 'id')),
    );
  },
  auditTrail: async (c) => {
    const limit = queryParam(
      c,
      'limit',
      z._default(z.pipe(z.coerce.number(), z.int().check(z.minimum(1), z.maximum(200))), 100),
    );
    const cursor = queryParam(c, 'cursor', z.optional(z.string().check(z.maxLength(200))));
    return c.json(await auditTrail(principalOf(c), yearParam(c, 'query'), limit, cursor));
  },
  quotaReport: async (c) => {
    const principal = principalOf(c);
    if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
    const format = formatOf(c);
    const report = await quotaReport(principal, yearParam(c, 'query'));
    return respond(c, format, report, () => quotaTable(report));
  },
});
