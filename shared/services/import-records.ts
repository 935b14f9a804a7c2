import { type ImportRecord, listImports } from '../db/import-log.js';
import { DomainError } from '../errors.js';
import type { Principal } from '../principal.js';

/**
 * A year's imports, newest first, for Bappeda (apart from services/imports.ts, so that the
 * pages showing them do not carry the import code).
 */
export async function importRecords(principal: Principal, year: number): Promise<ImportRecord[]> {
  if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
  return (await listImports(year, 200)).items;
}
