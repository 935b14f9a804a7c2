import * as z from 'zod/mini';
import { todayInBrebes } from '../../shared/domain/dates.js';
import { isProgramYear } from '../../shared/domain/program.js';
import { validationFailed } from '../../shared/errors.js';
import type { GkbContext } from './app.js';
import { queryParam } from './input.js';

/** A programme year from the path or `?year=`; the current year (in Brebes) when absent. */
export function yearParam(c: GkbContext, from: 'path' | 'query'): number {
  return optionalYearParam(c, from) ?? todayInBrebes().year;
}

/** A programme year from the path or `?year=`, checked; undefined when absent (every cohort). */
export function optionalYearParam(c: GkbContext, from: 'path' | 'query' = 'query'): number | undefined {
  const raw = from === 'path' ? c.req.param('year') : c.req.query('year');
  if (raw === undefined || raw === '') return undefined;
  const year = /^\d{4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!isProgramYear(year)) throw validationFailed([{ field: 'year', key: 'year.invalid' }]);
  return year;
}

export const optionalText = (name: string, c: GkbContext) =>
  queryParam(c, name, z.optional(z.string().check(z.maxLength(64)))) || undefined;

/** A template's `?format=`: an Excel workbook unless CSV is asked for. */
export const templateFormat = (c: GkbContext) =>
  queryParam(c, 'format', z._default(z.enum(['csv', 'xlsx']), 'xlsx'));
