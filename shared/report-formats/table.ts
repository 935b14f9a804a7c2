import { PATHWAYS, STATUSES } from '../domain/candidate.js';
import { REASON_CODES } from '../domain/outcomes.js';
import { inLang, PATHWAY_LABELS, REASON_LABELS, STATUS_LABELS } from '../labels.js';
import type { OutcomeFigures, OutcomeReport } from '../services/outcomes.js';
import type { RecipientList } from '../services/recipients.js';
import type { BudgetReport, BudgetRow, QuotaRow } from '../services/reports.js';

/** A report as a spreadsheet sees it: typed columns, rows and (optionally) a totals row. */
export interface ReportTable {
  title: string;
  fileName: string;
  columns: { header: string; kind: 'text' | 'count' | 'money'; explain?: string }[];
  rows: (string | number)[][];
  totals?: (string | number)[];
  /**
   * A workbook to hand on: the title and the day it was made above the header, and a second
   * sheet explaining each column (from `explain`). CSV files stay a plain table.
   */
  handOn?: { made: string };
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

/** The outcome figures' columns, each explained in Indonesian for the workbook's second sheet. */
const outcomeColumns: ReportTable['columns'] = [
  {
    header: 'Terdaftar',
    kind: 'count',
    explain: 'Orang yang didaftarkan pada tahun program ini (semua status).',
  },
  { header: 'Anak (ATS)', kind: 'count', explain: 'Terdaftar di jalur anak tidak sekolah, umur 7–18.' },
  { header: 'Dewasa (DTS)', kind: 'count', explain: 'Terdaftar di jalur dewasa tidak sekolah, umur 12–55.' },
  { header: 'Laki-laki', kind: 'count', explain: 'Terdaftar, laki-laki.' },
  { header: 'Perempuan', kind: 'count', explain: 'Terdaftar, perempuan.' },
  ...STATUSES.map((s) => ({
    header: inLang(STATUS_LABELS[s], 'id'),
    kind: 'count' as const,
    explain: `Status sekarang: ${inLang(STATUS_LABELS[s], 'id')}.`,
  })),
  {
    header: 'Pernah masuk sekolah',
    kind: 'count',
    explain: 'Pernah dicatat masuk sekolah, PKBM atau kursus, apa pun statusnya sekarang.',
  },
  {
    header: 'Masuk lagi setelah putus',
    kind: 'count',
    explain: 'Dicatat masuk sekolah lagi setelah putus lagi.',
  },
  ...PATHWAYS.map((p) => ({
    header: `Jalur ${inLang(PATHWAY_LABELS[p], 'id')}`,
    kind: 'count' as const,
    explain: `Pernah masuk sekolah; sekolah terakhirnya ${inLang(PATHWAY_LABELS[p], 'id')}.`,
  })),
  ...REASON_CODES.map((n) => ({
    header: `Alasan ${n}`,
    kind: 'count' as const,
    explain: `Alasan tidak sekolah ${n}: ${inLang(REASON_LABELS[n] ?? ['', ''], 'id')}.`,
  })),
];

const outcomeCells = (f: OutcomeFigures) => [
  f.registered,
  f.byTrack.ATS,
  f.byTrack.DTS,
  f.bySex.M,
  f.bySex.F,
  ...STATUSES.map((s) => f.byStatus[s]),
  f.everEnrolled,
  f.reEnrolled,
  ...PATHWAYS.map((p) => f.byPathway[p]),
  ...REASON_CODES.map((n) => f.byReason[String(n)] ?? 0),
];

/** The outcome report as a table: a row per kecamatan, village or cohort, and the totals. */
export function outcomesTable(report: OutcomeReport, made: string): ReportTable {
  const group = { district: 'kecamatan', village: 'desa', year: 'tahun' }[report.by];
  const lead: ReportTable['columns'] = [
    {
      header: report.by === 'year' ? 'Tahun program' : `Kode ${group}`,
      kind: 'text',
      explain: report.by === 'year' ? 'Tahun program (angkatan).' : `Kode ${group} menurut Kemendagri.`,
    },
    {
      header: report.by === 'year' ? 'Angkatan' : group[0]?.toUpperCase() + group.slice(1),
      kind: 'text',
      explain: 'Nama.',
    },
  ];
  const cohort = report.year === null ? 'semua tahun' : String(report.year);
  return {
    title: `Capaian GKB ${cohort} per ${group}`,
    fileName: `capaian-gkb-${report.year ?? 'semua-tahun'}-${group}`,
    columns: [...lead, ...outcomeColumns],
    rows: report.rows.map((r) => [String(r.code), r.name, ...outcomeCells(r)]),
    totals: ['TOTAL', '', ...outcomeCells(report.totals)],
    handOn: { made },
  };
}

/** A recipient list as a workbook to hand on (the decree annex, the bank): one row a person. */
export function recipientsTable(list: RecipientList, made: string): ReportTable {
  const source = list.source === 'APBD' ? 'APBD' : 'APBDes';
  return {
    title: `Penerima bantuan GKB ${list.year} dari ${source}`,
    fileName: `penerima-gkb-${list.year}-${list.source.toLowerCase()}`,
    columns: [
      { header: 'No', kind: 'count', explain: 'Nomor urut.' },
      { header: 'Nama', kind: 'text', explain: 'Nama lengkap penerima (kosong bila dianonimkan).' },
      { header: 'NIK', kind: 'text', explain: 'NIK disamarkan: hanya 4 angka terakhir.' },
      { header: 'Kecamatan', kind: 'text', explain: 'Kecamatan tempat penerima didaftarkan.' },
      { header: 'Desa', kind: 'text', explain: 'Desa tempat penerima didaftarkan.' },
      { header: 'Status', kind: 'text', explain: 'Status penerima dalam program.' },
      { header: 'Sekolah', kind: 'text', explain: 'Sekolah atau lembaga tempat belajar.' },
      { header: 'Jenjang', kind: 'text', explain: 'Jenjang sekolah atau kursus.' },
      {
        header: `Dialokasikan ${source} (Rp)`,
        kind: 'money',
        explain: 'Dana yang dialokasikan sejak masuk sekolah.',
      },
      {
        header: `Dicairkan ${source} (Rp)`,
        kind: 'money',
        explain: 'Dana yang sudah dibayarkan (pembayaran yang dibatalkan tidak dihitung).',
      },
    ],
    rows: list.rows.map((r, i) => [
      i + 1,
      r.fullName ?? '(dianonimkan)',
      r.nikMasked,
      r.district,
      r.village,
      inLang(STATUS_LABELS[r.status], 'id'),
      r.school ?? '',
      r.level ? inLang(PATHWAY_LABELS[r.level as keyof typeof PATHWAY_LABELS], 'id') : '',
      r.committed,
      r.disbursed,
    ]),
    totals: [
      'TOTAL',
      `${list.totals.people} orang`,
      '',
      '',
      '',
      '',
      '',
      '',
      list.totals.committed,
      list.totals.disbursed,
    ],
    handOn: { made },
  };
}
