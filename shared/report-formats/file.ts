import { renderCsv } from './csv.js';
import type { ReportTable } from './table.js';
import { renderXlsx, XLSX_TYPE } from './xlsx.js';

/** A report table as a downloadable file. */
export function reportFile(table: ReportTable, format: 'csv' | 'xlsx') {
  return {
    body: format === 'csv' ? new TextEncoder().encode(renderCsv(table)) : renderXlsx(table),
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE,
      'Content-Disposition': `attachment; filename="${table.fileName}.${format}"`,
    },
  };
}
