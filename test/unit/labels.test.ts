import { describe, expect, it } from 'vitest';
import { statusLabel, translator } from '../../functions/web/ui.js';
import { LEVELS, OUT_OF_SCHOOL_TYPES, PATHWAYS, STATUSES } from '../../shared/domain/candidate.js';
import {
  LEVEL_LABELS,
  OUT_OF_SCHOOL_LABELS,
  PATHWAY_LABELS,
  REASON_LABELS,
  ROLE_LABELS,
  STATUS_LABELS,
} from '../../shared/labels.js';
import { ROLES } from '../../shared/principal.js';
import { budgetTable } from '../../shared/report-formats/table.js';
import type { BudgetReport } from '../../shared/services/reports.js';

/** One source of the names of statuses, levels, pathways, reasons and roles, in both languages. */
describe('labels', () => {
  it.each([
    ['statuses', STATUSES, STATUS_LABELS],
    ['levels', LEVELS, LEVEL_LABELS],
    ['pathways', PATHWAYS, PATHWAY_LABELS],
    ['out-of-school types', OUT_OF_SCHOOL_TYPES, OUT_OF_SCHOOL_LABELS],
    ['roles', ROLES, ROLE_LABELS],
    ['reasons', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], REASON_LABELS],
  ] as const)('name every one of the %s, in Indonesian and English', (_, codes, labels) => {
    expect(Object.keys(labels).sort()).toEqual(codes.map(String).sort());
    for (const code of codes) {
      const [id, en] = (labels as Record<string, readonly [string, string]>)[String(code)] ?? ['', ''];
      expect(id.trim().length, `${code} (id)`).toBeGreaterThan(0);
      expect(en.trim().length, `${code} (en)`).toBeGreaterThan(0);
    }
  });

  it('calls ENROLLED what the programme calls it, on the page and in the report alike', () => {
    expect(STATUS_LABELS.ENROLLED[0]).toBe('Masuk sekolah');
    expect(statusLabel(translator('id'), 'ENROLLED')).toBe('Masuk sekolah');
    const report = { year: 2026, by: 'district', rows: [], totals: { byStatus: {}, apbdes: {}, apbd: {} } };
    const headers = budgetTable(report as unknown as BudgetReport).columns.map((c) => c.header);
    for (const status of STATUSES) expect(headers).toContain(statusLabel(translator('id'), status));
  });
});
