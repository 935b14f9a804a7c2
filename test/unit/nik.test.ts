import { describe, expect, it } from 'vitest';
import {
  checkKk,
  checkNik,
  maskIdNumber,
  type NikFacts,
  nikWarnings,
  normaliseIdNumber,
} from '../../shared/domain/nik.js';

// 33 Jawa Tengah, 29 Brebes, 01 Salem: every Brebes NIK registered in Salem starts 332901.
const WOMAN = '3329014507100001'; // day 45 → 5 July 2010, F
const MAN = '3329010507100001'; // day 05 → 5 July 2010, M

describe('checkNik: valid numbers', () => {
  it.each<[string, string, Omit<NikFacts, 'districtCode'>]>([
    ['man born 5 July 2010', MAN, { day: 5, month: 7, yy: 10, sex: 'M' }],
    ['woman born 5 July 2010 (day 45)', WOMAN, { day: 5, month: 7, yy: 10, sex: 'F' }],
    ['man on day 01', '3329010101100001', { day: 1, month: 1, yy: 10, sex: 'M' }],
    ['man on day 31 of a 31-day month', '3329013112990001', { day: 31, month: 12, yy: 99, sex: 'M' }],
    ['woman on day 41 (the 1st)', '3329014101100001', { day: 1, month: 1, yy: 10, sex: 'F' }],
    ['woman on day 71 (the 31st)', '3329017101100001', { day: 31, month: 1, yy: 10, sex: 'F' }],
    ['man born 29 Feb 2004 (leap year)', '3329012902040001', { day: 29, month: 2, yy: 4, sex: 'M' }],
    ['woman born 29 Feb 2004 (leap year)', '3329016902040001', { day: 29, month: 2, yy: 4, sex: 'F' }],
    [
      '29 Feb of yy 00 (2000 is leap, 1900 is not)',
      '3329012902000001',
      { day: 29, month: 2, yy: 0, sex: 'M' },
    ],
    ['29 Feb of yy 96 (1996 is leap)', '3329012902960001', { day: 29, month: 2, yy: 96, sex: 'M' }],
    ['serial 9999', '3329010507109999', { day: 5, month: 7, yy: 10, sex: 'M' }],
  ])('accepts a %s', (_label, raw, facts) => {
    const result = checkNik(raw);
    expect(result.problems).toEqual([]);
    expect(result.nik).toBe(raw);
    expect(result.facts).toEqual({ districtCode: raw.slice(0, 6), ...facts });
  });

  it('accepts a NIK from another province (Jawa Barat, 32)', () => {
    const result = checkNik('3201010507100001');
    expect(result.problems).toEqual([]);
    expect(result.facts?.districtCode).toBe('320101');
  });

  it('accepts a NIK whose first six digits are not a known kecamatan (a warning, not a rejection)', () => {
    const result = checkNik('3399994507100001');
    expect(result.problems).toEqual([]);
    expect(result.facts).toEqual({ districtCode: '339999', day: 5, month: 7, yy: 10, sex: 'F' });
  });
});

describe('checkNik: separators', () => {
  it.each([
    ['spaces', '3329 0145 0710 0001'],
    ['dots', '33.29.01.450710.0001'],
    ['hyphens', '3329-0145-0710-0001'],
    ['mixed separators and surrounding spaces', ' 33.29.01 450710-0001 '],
    ['tabs and newlines', '332901\t450710\n0001'],
  ])('accepts %s and removes them', (_label, raw) => {
    const result = checkNik(raw);
    expect(result.problems).toEqual([]);
    expect(result.nik).toBe(WOMAN);
    expect(result.facts?.sex).toBe('F');
  });
});

describe('checkNik: rejections', () => {
  it.each([
    ['day 00', '3329010007100001', 'nik.day'],
    ['day 32', '3329013201100001', 'nik.day'],
    ['day 40 (between men and women)', '3329014001100001', 'nik.day'],
    ['day 72 (past women 71)', '3329017201100001', 'nik.day'],
    ['day 99', '3329019901100001', 'nik.day'],
    ['month 00', '3329010500100001', 'nik.month'],
    ['month 13', '3329010513100001', 'nik.month'],
    ['a woman in month 13', '3329014513100001', 'nik.month'],
    ['31 February (310299)', '3329013102990001', 'nik.date'],
    ['a woman on 31 February (710299)', '3329017102990001', 'nik.date'],
    ['30 February', '3329013002100001', 'nik.date'],
    ['31 June', '3329013106100001', 'nik.date'],
    ['a woman on 31 April (day 71)', '3329017104100001', 'nik.date'],
    ['29 Feb in yy 01 (neither 1901 nor 2001 is leap)', '3329012902010001', 'nik.date'],
    ['29 Feb in yy 23 (neither 1923 nor 2023 is leap)', '3329012902230001', 'nik.date'],
    ['a woman on 29 Feb in yy 23', '3329016902230001', 'nik.date'],
    ['serial 0000', '3329014507100000', 'nik.serial'],
    ['unknown province 99', '9929014507100001', 'nik.province'],
    ['unknown province 00', '0029014507100001', 'nik.province'],
    ['unknown province 10', '1029014507100001', 'nik.province'],
    ['a letter O in place of a zero', '33290145O7100001', 'nik.digits'],
    ['letters only', 'abcdefghijklmnop', 'nik.digits'],
    ['a plus sign', '+332901450710001', 'nik.digits'],
    ['an underscore separator', '3329_0145_0710_0001', 'nik.digits'],
    ['non-ASCII (Arabic-Indic) digits', '٣٣٢٩٠١٤٥٠٧١٠٠٠٠١', 'nik.digits'],
  ])('rejects %s', (_label, raw, key) => {
    const result = checkNik(raw);
    expect(result.problems).toEqual([{ field: 'nik', key }]);
    expect(result.facts).toBeUndefined();
  });

  it.each([
    ['15 digits', '332901450710001', 15],
    ['17 digits', '33290145071000011', 17],
    ['empty', '', 0],
    ['only separators', ' - . ', 0],
    ['15 digits with separators', '3329 0145 0710 001', 15],
  ])('rejects %s with the digit count', (_label, raw, count) => {
    const result = checkNik(raw);
    expect(result.problems).toEqual([{ field: 'nik', key: 'nik.length', params: { count } }]);
    expect(result.facts).toBeUndefined();
  });

  it('names the field it was given', () => {
    expect(checkNik('3329014507100000', 'members.0.nik').problems).toEqual([
      { field: 'members.0.nik', key: 'nik.serial' },
    ]);
  });
});

describe('nikWarnings', () => {
  const facts = (raw: string): NikFacts => {
    const result = checkNik(raw);
    if (!result.facts) throw new Error(`test NIK ${raw} should be valid`);
    return result.facts;
  };

  it('gives no warnings when birth date, sex and kecamatan all match', () => {
    expect(nikWarnings(facts(WOMAN), { year: 2010, month: 7, day: 5 }, 'F')).toEqual([]);
    expect(nikWarnings(facts(MAN), { year: 2010, month: 7, day: 5 }, 'M')).toEqual([]);
  });

  it('gives no warnings when nothing is declared and the kecamatan is known', () => {
    expect(nikWarnings(facts(WOMAN), undefined, undefined)).toEqual([]);
  });

  it('accepts a birth year in the 1900s with the same two digits', () => {
    expect(nikWarnings(facts('3329010507700001'), { year: 1970, month: 7, day: 5 }, 'M')).toEqual([]);
  });

  it.each([
    ['another day', { year: 2010, month: 7, day: 6 }, '06-07-2010'],
    ['another month', { year: 2010, month: 8, day: 5 }, '05-08-2010'],
    ['another year', { year: 2011, month: 7, day: 5 }, '05-07-2011'],
    ['the day + 40 taken literally', { year: 2010, month: 7, day: 45 }, '45-07-2010'],
  ])('warns on a birth date mismatch, naming both dates: %s', (_label, birth, declared) => {
    expect(nikWarnings(facts(WOMAN), birth, 'F')).toEqual([
      { field: 'nik', key: 'nik.warn.birthDate', params: { declared, encoded: '05-07-2010' } },
    ]);
  });

  it.each([
    ['2010 when 1910 would also fit', '3329010507100001', { year: 2026, month: 1, day: 1 }, '05-07-2010'],
    ['1990, as 2090 is still to come', '3329010107900001', { year: 2026, month: 1, day: 1 }, '01-07-1990'],
    [
      '1926 the day before it would be 2026',
      '3329010201260001',
      { year: 2026, month: 1, day: 1 },
      '02-01-1926',
    ],
    ['2026 on that very day', '3329010101260001', { year: 2026, month: 1, day: 1 }, '01-01-2026'],
    [
      '29 February 2000 (year 00 is a leap year)',
      '3329016902000001',
      { year: 2026, month: 1, day: 1 },
      '29-02-2000',
    ],
  ])(
    "dates the NIK's two-digit year in the century that is not yet to come: %s",
    (_l, raw, today, encoded) => {
      const [warning] = nikWarnings(facts(raw), { year: 1950, month: 12, day: 31 }, undefined, today);
      expect(warning?.params?.encoded).toBe(encoded);
    },
  );

  it("warns when a woman's NIK is declared M, naming both", () => {
    expect(nikWarnings(facts(WOMAN), { year: 2010, month: 7, day: 5 }, 'M')).toEqual([
      { field: 'nik', key: 'nik.warn.sex', params: { declared: 'M', encoded: 'F' } },
    ]);
  });

  it("warns when a man's NIK is declared F, naming both", () => {
    expect(nikWarnings(facts(MAN), { year: 2010, month: 7, day: 5 }, 'F')).toEqual([
      { field: 'nik', key: 'nik.warn.sex', params: { declared: 'F', encoded: 'M' } },
    ]);
  });

  it.each([
    ['339999', '3399994507100001'],
    ['332999 (no 99th kecamatan in Brebes)', '3329994507100001'],
    ['330000', '3300004507100001'],
  ])('warns on an unknown kecamatan code %s', (_label, raw) => {
    expect(nikWarnings(facts(raw), { year: 2010, month: 7, day: 5 }, 'F')).toEqual([
      { field: 'nik', key: 'nik.warn.district' },
    ]);
  });

  it('reports every mismatch at once', () => {
    const warnings = nikWarnings(facts('3399994507100001'), { year: 2009, month: 7, day: 5 }, 'M');
    expect(warnings.map((w) => w.key).sort()).toEqual([
      'nik.warn.birthDate',
      'nik.warn.district',
      'nik.warn.sex',
    ]);
    expect(warnings.every((w) => w.field === 'nik')).toBe(true);
  });
});

describe('checkKk', () => {
  it.each([
    ['16 digits', '3329010101100001', '3329010101100001'],
    ['16 digits with spaces', '3329 0101 0110 0001', '3329010101100001'],
    ['16 digits with dots and hyphens', '33.29.01-0101100001', '3329010101100001'],
  ])('accepts %s', (_label, raw, kk) => {
    expect(checkKk(raw)).toEqual({ kk, problems: [] });
  });

  it.each([
    ['15 digits', '332901010110000', 15],
    ['17 digits', '33290101011000011', 17],
    ['empty', '', 0],
  ])('rejects %s', (_label, raw, count) => {
    expect(checkKk(raw).problems).toEqual([{ field: 'kk', key: 'kk.length', params: { count } }]);
  });

  it.each([
    ['a letter', '332901010110000A'],
    ['letters only', 'kartukeluargaku!'],
    ['a slash', '3329/01010110000'],
  ])('rejects %s', (_label, raw) => {
    expect(checkKk(raw).problems).toEqual([{ field: 'kk', key: 'kk.digits' }]);
  });

  it('names the field it was given', () => {
    expect(checkKk('123', 'household.kk').problems).toEqual([
      { field: 'household.kk', key: 'kk.length', params: { count: 3 } },
    ]);
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['a 16-digit NIK', '3329014507100001', '************0001'],
    ['a 16-digit KK', '3329010101109876', '************9876'],
    ['5 characters', '12345', '*2345'],
    ['exactly 4 characters', '1234', '1234'],
    ['3 characters', '123', '123'],
    ['1 character', '7', '7'],
    ['empty', '', ''],
  ])('masks %s', (_label, id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });

  it.each(['3329014507100001', '12345678', '12345', '1234', '12', ''])(
    'never shows more than the last four characters of %j',
    (id) => {
      const masked = maskIdNumber(id);
      expect(masked).toHaveLength(id.length);
      const visible = masked.replace(/^\*+/, '');
      expect(visible.length).toBeLessThanOrEqual(4);
      expect(visible).toBe(id.slice(-4));
    },
  );
});

describe('normaliseIdNumber', () => {
  it.each([
    ['3329 0145 0710 0001', '3329014507100001'],
    ['33.29.01.4507100001', '3329014507100001'],
    ['3329-0145-0710-0001', '3329014507100001'],
    ['  3329014507100001\n', '3329014507100001'],
    ['3329014507100001', '3329014507100001'],
    ['33_29/01', '33_29/01'],
    ['', ''],
  ])('normalises %j to %j', (raw, expected) => {
    expect(normaliseIdNumber(raw)).toBe(expected);
  });
});
