import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CandidateItem, FundingSource } from '../../shared/db/candidate-item.js';
import { committedTo } from '../../shared/domain/budget.js';
import { newId } from '../../shared/domain/ids.js';
import { DomainError } from '../../shared/errors.js';
import { render } from '../../shared/i18n.js';
import {
  type CheckedPayment,
  checkPaymentRows,
  PAYMENT_SHEET_COLUMNS,
  type PaymentLookup,
  readPaymentRow,
} from '../../shared/imports/payment-sheet.js';
import { MAX_IMPORT_ROWS, readImportFile, XLSX_MEDIA_TYPE } from '../../shared/imports/read-file.js';
import { writeXlsx } from '../../shared/xlsx/write.js';

/**
 * Random and hostile payment sheets, CSV and XLSX, through the survey list's reader and the
 * payment checks: a file is read into rows or refused with one 400 on `file`; every row gets
 * OK, ERROR or DUPLICATE, an ERROR or DUPLICATE saying which column and why; the OK rows of
 * a candidate never add up to more than what is left of its commitment per source; no
 * candidate and reference is OK twice or OK when already recorded; and no message holds a
 * whole NIK. fast-check prints the seed of a failing run.
 */
const RUNS = 200;
const TODAY = { year: 2026, month: 12, day: 3 };
const YEAR = 2026;
const HEADERS = PAYMENT_SHEET_COLUMNS.map((c) => c.header);

/** Six learners of 2026 (three enrolled with APBDes, one with APBD too, one not enrolled) and one of 2025. */
const CANDIDATES: CandidateItem[] = [
  ['ENROLLED', 1_500_000, null, 0],
  ['ACTIVE', 1_500_000, 1_666_667, 1_000_000],
  ['ENROLLED', 1_500_000, null, 1_499_999],
  ['VERIFIED', 1_500_000, null, 0],
  ['COMPLETED', null, 1_666_666, 0],
  ['ENROLLED', 1_500_000, null, 0],
].map(
  ([status, village, apbd, paid], i) =>
    // What the checks read of a candidate; the rest of the record plays no part in them.
    ({
      id: newId(Date.UTC(2026, 0, 1) + i),
      year: i === 5 ? 2025 : YEAR,
      villageCode: '33.29.01.2001',
      status,
      villageFunding: village ? 'FUNDED' : 'NONE',
      villageAmount: village,
      apbd: apbd ? { place: i + 1, amount: apbd } : null,
      disbursed: { APBDES: Number(paid), APBD: 0 },
      track: 'ATS',
      sex: 'F',
      reasonCode: 1,
      school: null,
      version: 3,
    }) as unknown as CandidateItem,
);
const NIKS = ['3329014507100001', '3329014507100002', '3329014507100003', '3329014507100004'];
const nikOwner = new Map(NIKS.map((nik, i) => [nik, CANDIDATES[i]?.id ?? '']));
const RECORDED = new Set([`${CANDIDATES[0]?.id}\u0000SP2D/LAMA`, `${CANDIDATES[1]?.id}\u0000A`]);

const lookup: PaymentLookup = {
  candidate: (id) => CANDIDATES.find((c) => c.id === id),
  idOfNik: (nik) => nikOwner.get(nik),
  hasReference: (id, reference) => RECORDED.has(`${id}\u0000${reference}`),
};

/** Each column's values, honest and odd; and what a hostile file puts anywhere. */
const COLUMN_VALUES: Record<string, fc.Arbitrary<string>> = {
  'ID Calon': fc.constantFrom(
    '',
    '',
    ...CANDIDATES.map((c) => c.id),
    (CANDIDATES[0]?.id ?? '').toLowerCase(),
    'BUKAN-ID',
  ),
  NIK: fc.constantFrom(
    '',
    '',
    ...NIKS,
    '3329014507109999',
    '332901450710000',
    '3,32901E+15',
    '3329 0145 0710 0001',
  ),
  Sumber: fc.constantFrom('APBD', 'APBDES', 'APBDES', 'apbdes', 'APBDes', 'BOS', ''),
  Jumlah: fc.oneof(
    fc.integer({ min: -5, max: 2_000_000 }).map(String),
    fc.constantFrom(
      '1.500.000',
      'Rp 750.000',
      '1.500.000,00',
      '1.500.000,50',
      '1,5',
      '1e6',
      '0',
      '-1',
      '999999999999999999',
    ),
  ),
  'Tanggal Bayar': fc.constantFrom(
    '2026-08-01',
    '2026-08-01',
    '01-08-2026',
    '31/02/2026',
    '2025-12-31',
    '2099-01-01',
    '1 Agustus 2026',
    'kemarin',
  ),
  Referensi: fc.constantFrom(
    'SP2D/LAMA',
    'A',
    'B',
    'SP2D/001',
    'SP2D/001 ',
    'sp2d/001',
    '<script>',
    '=HYPERLINK("x")',
    'x'.repeat(65),
  ),
  Catatan: fc.string({ maxLength: 20 }),
};
const hostile = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('"', '""', ';', ',', '\n', '\uFEFF', '😀', 'x'.repeat(1100), '=1+1', '@SUM(A1)'),
);
/** A sheet: the header in any order (sometimes a column missing, or one unknown), then rows of cells. */
const sheet = fc
  .record({
    headers: fc.oneof(
      { weight: 4, arbitrary: fc.shuffledSubarray(HEADERS, { minLength: HEADERS.length }) },
      { weight: 1, arbitrary: fc.shuffledSubarray([...HEADERS, 'Catatan'], { minLength: 1 }) },
    ),
    rows: fc.array(fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 7, maxLength: 7 }), {
      maxLength: 40,
    }),
    hostileCells: fc.array(hostile, { minLength: 7, maxLength: 7 }),
    separator: fc.constantFrom(',', ';'),
    bom: fc.boolean(),
    xlsx: fc.boolean(),
  })
  .chain((s) =>
    fc
      .tuple(
        ...s.rows.map((row) =>
          fc.tuple(
            ...s.headers.map((h, i) =>
              (row[i]?.[1] ?? true) || (row[i]?.[0] ?? 0) % 9 !== 0
                ? (COLUMN_VALUES[h] ?? hostile)
                : fc.constant(s.hostileCells[i] ?? ''),
            ),
          ),
        ),
      )
      .map((rows) => ({ ...s, rows: rows as string[][] })),
  );

const csvCell = (text: string) => (/[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

type Sheet = typeof sheet extends fc.Arbitrary<infer T> ? T : never;

function fileOf(s: Sheet): { bytes: Uint8Array; type: string } {
  const table = [s.headers, ...s.rows];
  if (s.xlsx) return { bytes: writeXlsx([{ name: 'Data', rows: table }]), type: XLSX_MEDIA_TYPE };
  const text = table.map((r) => r.map(csvCell).join(s.separator)).join('\r\n');
  return { bytes: new TextEncoder().encode(`${s.bom ? '\uFEFF' : ''}${text}`), type: 'text/csv' };
}

/** What no answer may break, whatever the sheet. */
function expectSound(checked: CheckedPayment[], lines: number[]) {
  expect(checked.map((r) => r.line)).toEqual(lines);
  const left = new Map<string, number>();
  const okPairs = new Set<string>();
  for (const row of checked) {
    expect(['OK', 'ERROR', 'DUPLICATE']).toContain(row.status);
    for (const m of row.messages) {
      expect([...HEADERS, '']).toContain(m.column);
      for (const lang of ['id', 'en'] as const) expect(render(m, lang)).not.toMatch(/\d{16}/);
    }
    if (row.status !== 'OK') {
      expect(row.messages.length, `row ${row.line}`).toBeGreaterThan(0);
      expect(row.messages.every((m) => m.column !== '')).toBe(true);
      continue;
    }
    expect(row.messages).toEqual([]);
    const candidate = CANDIDATES.find((c) => c.id === row.candidateId);
    const payment = row.payment;
    if (!candidate || !payment) throw new Error(`row ${row.line} is OK without a candidate or payment`);
    expect(candidate.year).toBe(YEAR);
    const pair = `${candidate.id}\u0000${payment.reference}`;
    expect(okPairs.has(pair) || RECORDED.has(pair), `row ${row.line} pays ${pair} twice`).toBe(false);
    okPairs.add(pair);
    const key = `${candidate.id}:${payment.source}`;
    const source: FundingSource = payment.source;
    const room = left.get(key) ?? committedTo(candidate, source) - candidate.disbursed[source];
    expect(payment.amount).toBeGreaterThan(0);
    expect(payment.amount, `row ${row.line} beyond the commitment`).toBeLessThanOrEqual(room);
    left.set(key, room - payment.amount);
  }
}

describe('payment sheets, random and hostile', () => {
  it('are read and checked soundly, or refused with one 400 on the file', async () => {
    // What the runs reached: refusals, and rows of each status (so that the property is not vacuous).
    const seen = new Map<string, number>();
    const saw = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
    await fc.assert(
      fc.asyncProperty(sheet, async (s) => {
        const { bytes, type } = fileOf(s);
        let rows: Awaited<ReturnType<typeof readImportFile>>;
        try {
          rows = await readImportFile(bytes, type, PAYMENT_SHEET_COLUMNS);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          expect(error.code).toBe('VALIDATION_FAILED');
          expect(error.details.map((d) => d.field)).toEqual(['file']);
          saw('refused');
          return;
        }
        expect(rows.length).toBeLessThanOrEqual(MAX_IMPORT_ROWS);
        const parsed = rows.map(readPaymentRow);
        const checked = checkPaymentRows(parsed, lookup, YEAR, TODAY);
        for (const row of checked) saw(row.status);
        expectSound(
          checked,
          rows.map((r) => r.line),
        );
        // The same sheet checked again gives the same answer.
        expect(checkPaymentRows(parsed, lookup, YEAR, TODAY)).toEqual(checked);
      }),
      { numRuns: RUNS },
    );
    expect([...seen.keys()].sort()).toEqual(['DUPLICATE', 'ERROR', 'OK', 'refused']);
  });

  it('never lets honest-looking rows take a commitment twice, in any order', () => {
    const row = fc.record({
      candidate: fc.integer({ min: 0, max: CANDIDATES.length - 1 }),
      by: fc.constantFrom('id', 'nik'),
      source: fc.constantFrom('APBD', 'APBDES'),
      amount: fc.integer({ min: 1, max: 1_700_000 }),
      reference: fc.constantFrom('A', 'B', 'C', 'SP2D/LAMA'),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const parsed = rows.map((r, i) =>
          readPaymentRow({
            line: i + 2,
            cells: {
              'ID Calon': r.by === 'id' ? (CANDIDATES[r.candidate]?.id ?? '') : '',
              NIK: r.by === 'nik' ? (NIKS[r.candidate] ?? '') : '',
              Sumber: r.source,
              Jumlah: r.amount,
              'Tanggal Bayar': '2026-08-01',
              Referensi: r.reference,
            },
          }),
        );
        expectSound(
          checkPaymentRows(parsed, lookup, YEAR, TODAY),
          rows.map((_, i) => i + 2),
        );
      }),
      { numRuns: RUNS },
    );
  });
});
