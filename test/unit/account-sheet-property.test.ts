import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkNewAccount, USERNAME } from '../../shared/accounts/rules.js';
import { findDistrict, findVillage } from '../../shared/domain/regions.js';
import { DomainError } from '../../shared/errors.js';
import { render } from '../../shared/i18n.js';
import { ACCOUNT_COLUMNS, checkAccountRows } from '../../shared/imports/account-sheet.js';
import { readImportFile, XLSX_MEDIA_TYPE } from '../../shared/imports/read-file.js';
import { writeXlsx } from '../../shared/xlsx/write.js';

/**
 * An accounts sheet, whatever it holds: random and hostile cells (formulas, markup, control
 * characters, other scripts, huge or empty values) and random bytes. Reading ends in a table or
 * one clean 400 on `file`; every row checked is OK, ERROR or DUPLICATE with messages that render
 * in both languages and never repeat a cell's text; an OK row is an account the API rules accept,
 * in Brebes, never an existing username or an earlier row's.
 */
const HEADERS = ACCOUNT_COLUMNS.map((c) => c.header);
const hostile = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '=HYPERLINK("http://evil","x")',
    "'=1+1",
    '+62812',
    '@SUM(A1)',
    '<script>alert(1)</script>',
    '\u0000\u0007',
    'op-banjaran',
    'OP-BANJARAN',
    'bappeda',
    'x@contoh.go.id',
    'X@CONTOH.GO.ID',
    '33.29.01.2001',
    '33.29.01',
    '33.28.01.2001',
    'OPERATOR_DESA',
    'relawan fmpp',
    'BAPPEDA',
    'staf-bappeda',
    '__proto__',
    'constructor',
    'a'.repeat(1000),
  ),
);
const row = fc.tuple(hostile, hostile, hostile, hostile, hostile, hostile);
const existing = { usernames: new Set(['op-banjaran', 'bappeda']), emails: new Set(['x@contoh.go.id']) };

describe('checking accounts sheet rows', () => {
  it('gives every row a status and readable messages; OK rows are accounts the rules accept, once each', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (cells) => {
        const rows = cells.map((r, i) => ({
          line: i + 2,
          cells: Object.fromEntries(HEADERS.map((h, j) => [h, r[j] ?? null])),
        }));
        const checked = checkAccountRows(rows, existing);
        expect(checked.map((c) => c.row)).toEqual(rows.map((r) => r.line));
        const okNames = new Set<string>();
        for (const c of checked) {
          expect(['OK', 'ERROR', 'DUPLICATE']).toContain(c.status);
          if (c.status !== 'OK') expect(c.messages.length).toBeGreaterThan(0);
          for (const m of c.messages) {
            expect(['', ...HEADERS]).toContain(m.column);
            for (const lang of ['id', 'en'] as const) {
              const text = render(m, lang);
              expect(text.length).toBeGreaterThan(0);
              // A message says what is wrong, it never repeats what the cell held.
              expect(text).not.toMatch(/<script|HYPERLINK|@SUM/);
            }
          }
          if (c.status !== 'OK') continue;
          const a = c.account;
          if (!a) throw new Error('an OK row without its account');
          expect(a.username).toMatch(USERNAME);
          expect(existing.usernames.has(a.username)).toBe(false);
          expect(okNames.has(a.username)).toBe(false);
          okNames.add(a.username);
          if (a.role === 'village_official') expect(findVillage(a.villageCode ?? '')).toBeDefined();
          if (a.role === 'fmpp_volunteer') expect(findDistrict(a.districtCode ?? '')).toBeDefined();
          if (a.role === 'bappeda_staff')
            expect([a.villageCode, a.districtCode]).toEqual([undefined, undefined]);
          const again = checkNewAccount({
            username: a.username,
            email: a.email,
            role: a.role ?? 'bappeda_staff',
            ...(a.name ? { name: a.name } : {}),
            ...(a.villageCode ? { villageCode: a.villageCode } : {}),
            ...(a.districtCode ? { districtCode: a.districtCode } : {}),
          });
          expect(again.problems).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('reading an accounts sheet', () => {
  const readOrRefuse = async (bytes: Uint8Array, type: string) => {
    try {
      const rows = await readImportFile(bytes, type, ACCOUNT_COLUMNS);
      checkAccountRows(rows, existing);
      return 'table';
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      const d = error as DomainError;
      expect(d.code).toBe('VALIDATION_FAILED');
      expect(d.details.map((x) => x.field)).toEqual(['file']);
      return 'refused';
    }
  };

  it('random bytes and random CSV text: a table or one 400 on the file, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }),
          fc
            .array(row, { maxLength: 20 })
            .map((rows) =>
              new TextEncoder().encode(
                [
                  HEADERS.join(','),
                  ...rows.map((r) =>
                    r.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','),
                  ),
                ].join('\n'),
              ),
            ),
          fc.string({ maxLength: 500 }).map((s) => new TextEncoder().encode(`Username;Email;Peran\n${s}`)),
        ),
        fc.constantFrom('text/csv', XLSX_MEDIA_TYPE, 'application/octet-stream'),
        async (bytes, type) => {
          expect(['table', 'refused']).toContain(await readOrRefuse(bytes, type));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('workbooks with hostile cells, whole or cut short: the same', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 15 }), fc.nat(), async (rows, cut) => {
        const bytes = writeXlsx([{ name: 'Akun', rows: [HEADERS, ...rows] }]);
        expect(await readOrRefuse(bytes, XLSX_MEDIA_TYPE)).toBe('table');
        const truncated = bytes.slice(0, cut % bytes.length);
        expect(['table', 'refused']).toContain(await readOrRefuse(truncated, XLSX_MEDIA_TYPE));
      }),
      { numRuns: 150 },
    );
  });
});
