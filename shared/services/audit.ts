import { type AuditEntry, listAudit } from '../db/audit.js';
import { keys } from '../db/table.js';
import { DomainError, validationFailed } from '../errors.js';
import type { Principal } from '../principal.js';

/**
 * `GET /audit?year=` (Bappeda): what was done in a programme year, newest first, a page at a
 * time: settings, APBD places, payments and voids, payment sheets and survey lists, duplicate
 * decisions and account changes, each with who and when. One Query of the year's entries.
 */
export async function auditTrail(
  principal: Principal,
  year: number,
  limit: number,
  cursor?: string,
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
  const page = await listAudit(year, limit, cursor ? decodeAuditCursor(cursor, year) : undefined);
  return {
    items: page.items,
    nextCursor: page.lastKey ? Buffer.from(String(page.lastKey.sk)).toString('base64url') : null,
  };
}

/** An audit cursor: the sort key of the last entry shown (`<time>#<id>`) of this year's entries. */
function decodeAuditCursor(cursor: string, year: number): Record<string, string> {
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[0-9A-HJKMNP-TV-Z]{26}$/.test(sk))
    throw validationFailed([{ field: 'cursor', key: 'query.cursor' }]);
  return { pk: keys.audit(year, '', '').pk, sk };
}
