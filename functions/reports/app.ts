import { z } from 'zod';
import { DomainError } from '../../shared/errors.js';
import { budgetReport, quotaReport } from '../../shared/services/reports.js';
import { createApp, type GkbContext, principalOf } from '../http/app.js';
import { queryParam } from '../http/input.js';
import { yearParam } from '../http/params.js';
import { renderCsv } from './csv.js';
import { budgetTable, quotaTable, type ReportTable } from './table.js';
import { renderXlsx, XLSX_TYPE } from './xlsx.js';

type Format = 'json' | 'csv' | 'xlsx';

/** `?format=` wins (links in a browser); otherwise the Accept header; JSON by default. */
function formatOf(c: GkbContext): Format {
  const asked = queryParam(c, 'format', z.enum(['json', 'csv', 'xlsx']).optional());
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
  const t = table();
  c.header('Content-Disposition', `attachment; filename="${t.fileName}.${format}"`);
  if (format === 'csv') return c.body(renderCsv(t), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  return c.body(new Uint8Array(await renderXlsx(t)), 200, { 'Content-Type': XLSX_TYPE });
}

/** Bappeda's reports, as JSON, CSV or XLSX. */
export const app = createApp('reports', {
  budgetReport: async (c) => {
    const principal = principalOf(c);
    if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
    const by = queryParam(c, 'by', z.enum(['district', 'village']).default('district'));
    const format = formatOf(c);
    const report = await budgetReport(principal, yearParam(c, 'query'), by);
    return respond(c, format, report, () => budgetTable(report));
  },
  quotaReport: async (c) => {
    const principal = principalOf(c);
    if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
    const format = formatOf(c);
    const report = await quotaReport(principal, yearParam(c, 'query'));
    return respond(c, format, report, () => quotaTable(report));
  },
});
