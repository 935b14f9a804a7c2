import { STATUSES } from '../domain/candidate.js';
import { inLang, STATUS_LABELS } from '../labels.js';
import type { BudgetReport, BudgetRow, QuotaRow } from '../services/reports.js';

/** A report as a spreadsheet sees it: typed columns, rows and (optionally) a totals row. */
export interface ReportTable {
  title: string;
  fileName: string;
  columns: { header: string; kind: 'text' | 'count' | 'money' }[];
  rows: (string | number)[][];
  totals?: (string | number)[];
}

const budgetColumns: ReportTable['columns'] = [
  { header: 'Jumlah calon', kind: 'count' },
  { header: 'Tempat desa terisi', kind: 'count' },
  { header: 'Daftar tunggu', kind: 'count' },
  ...STATUSES.map((s) => ({ header: inLang(STATUS_LABELS[s], 'id'), kind: 'count' as const })),
  { header: 'APBDes dicadangkan (Rp)', kind: 'money' },
  { header: 'APBDes dialokasikan (Rp)', kind: 'money' },
  { header: 'APBDes dicairkan (Rp)', kind: 'money' },
  { header: 'Tempat APBD', kind: 'count' },
  { header: 'APBD dicadangkan (Rp)', kind: 'money' },
  { header: 'APBD dialokasikan (Rp)', kind: 'money' },
  { header: 'APBD dicairkan (Rp)', kind: 'money' },
];

const budgetCells = (r: Omit<BudgetRow, 'code' | 'name' | 'apbd'> & { apbd: BudgetRow['apbd'] }) => [
  r.registered,
  r.funded,
  r.waitlisted,
  ...STATUSES.map((s) => r.byStatus[s]),
  r.apbdes.reserved,
  r.apbdes.committed,
  r.apbdes.disbursed,
  r.apbd.places,
  r.apbd.reserved,
  r.apbd.committed,
  r.apbd.disbursed,
];

export function budgetTable(report: BudgetReport): ReportTable {
  const byVillage = report.by === 'village';
  const lead: ReportTable['columns'] = [
    { header: byVillage ? 'Kode desa' : 'Kode kecamatan', kind: 'text' },
    { header: byVillage ? 'Desa' : 'Kecamatan', kind: 'text' },
    ...(byVillage ? [{ header: 'Kode kecamatan', kind: 'text' as const }] : []),
  ];
  const { totals } = report;
  return {
    title: `Anggaran GKB ${report.year} per ${byVillage ? 'desa' : 'kecamatan'}`,
    fileName: `anggaran-gkb-${report.year}-${byVillage ? 'desa' : 'kecamatan'}`,
    columns: [...lead, ...budgetColumns],
    rows: report.rows.map((r) => [
      r.code,
      r.name,
      ...(byVillage ? [r.districtCode ?? ''] : []),
      ...budgetCells(r),
    ]),
    totals: [
      'TOTAL',
      '',
      ...(byVillage ? [''] : []),
      ...budgetCells({ ...totals, apbd: { ...totals.apbd, places: totals.apbd.placesUsed } }),
    ],
  };
}

export function quotaTable(report: {
  year: number;
  villages: QuotaRow[];
  totalShortfall: number;
}): ReportTable {
  return {
    title: `Desa di bawah kuota GKB ${report.year}`,
    fileName: `kuota-gkb-${report.year}`,
    columns: [
      { header: 'Kode kecamatan', kind: 'text' },
      { header: 'Kecamatan', kind: 'text' },
      { header: 'Kode desa', kind: 'text' },
      { header: 'Desa', kind: 'text' },
      { header: 'Kuota', kind: 'count' },
      { header: 'Tempat desa terisi', kind: 'count' },
      { header: 'Daftar tunggu', kind: 'count' },
      { header: 'Kekurangan', kind: 'count' },
    ],
    rows: report.villages.map((v) => [
      v.districtCode,
      v.districtName,
      v.code,
      v.name,
      v.quota,
      v.funded,
      v.waitlisted,
      v.shortfall,
    ]),
    totals: ['TOTAL', '', '', '', '', '', '', report.totalShortfall],
  };
}
