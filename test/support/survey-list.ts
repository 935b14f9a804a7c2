import { IMPORT_COLUMNS } from '../../shared/imports/columns.js';
import { registration } from './candidates.js';

/** A name no other serial below 17,576 has: "Warga" and three letters from the serial. */
const nameOf = (serial: number) =>
  `Warga ${[2, 1, 0].map((p) => String.fromCharCode(65 + (Math.floor(serial / 26 ** p) % 26))).join('')}`;

/**
 * One row of a village's survey list (the import template's columns), for the person of
 * `registration(serial)`: a girl of Salem aged 15, under a name of her own; any cell can be
 * overridden (`{ 'Catatan Alasan': '…' }`).
 */
export function surveyRow(serial: number, overrides: Record<string, string> = {}): Record<string, string> {
  const r = registration(serial);
  return {
    NIK: r.nik,
    'No KK': r.kk,
    'Nama Lengkap': nameOf(serial),
    'Tanggal Lahir': r.birthDate,
    'Jenis Kelamin': 'P',
    Jalur: 'ATS',
    'Status Sekolah': 'PUTUS_SEKOLAH',
    'Pendidikan Terakhir': 'SD',
    'Kode Alasan': '1',
    'Nama Wali': 'Tarsih',
    Disabilitas: 'Tidak',
    'Persetujuan Oleh': 'WALI',
    'Nama Pemberi Persetujuan': 'Tarsih',
    ...overrides,
  };
}

/** The rows as a CSV file with the template's header, as a spreadsheet saves it (quotes where needed). */
export function surveyCsv(rows: Record<string, string>[], separator: ',' | ';' = ','): string {
  const cell = (text: string) => (/[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const line = (cells: string[]) => cells.map(cell).join(separator);
  return [
    line(IMPORT_COLUMNS.map((c) => c.header)),
    ...rows.map((r) => line(IMPORT_COLUMNS.map((c) => r[c.header] ?? ''))),
  ].join('\r\n');
}
