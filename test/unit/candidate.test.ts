import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkAddress,
  checkCandidate,
  everyProblem,
  fullCorrectionSchema,
} from '../../shared/domain/candidate.js';
import { type CalendarDate, readDate } from '../../shared/domain/dates.js';
import { defaultProgram, type ProgramSettings } from '../../shared/domain/program.js';
import type { FieldProblem } from '../../shared/errors.js';
import { render } from '../../shared/i18n.js';
import { parseWith } from '../../shared/schema-problems.js';
import { candidateFields } from '../support/candidates.js';

type Input = Parameters<typeof checkCandidate>[0];

const program = defaultProgram(2026); // reference date 2026-07-01, ATS 7–18, DTS 12–55
const today: CalendarDate = { year: 2026, month: 11, day: 30 };

/** A 15-year-old girl from Salem (NIK day 45 → 5 July 2010), registered with her guardian's consent. */
const minor = (overrides: Partial<Input> = {}): Input => ({ ...candidateFields(1), ...overrides });

/** An adult man consenting for himself, no guardian (NIK matches 1 July 1990). */
const adult = (overrides: Partial<Input> = {}): Input =>
  minor({
    nik: '3329010107900001',
    fullName: 'Budi Santoso',
    birthDate: '1990-07-01',
    sex: 'M',
    track: 'DTS',
    outOfSchoolType: 'NOT_CONTINUED',
    lastLevel: 'SMP',
    guardianName: null,
    consent: { given: true, by: 'SELF', name: 'Budi Santoso' },
    ...overrides,
  });

const check = (input: Input) => checkCandidate(input, program, today);
const keysOf = (problems: FieldProblem[]) => problems.map((p) => [p.field, p.key]);

describe('checkCandidate: a valid registration', () => {
  it('accepts a minor with guardian and returns normalised fields without warnings', () => {
    const result = check(minor());
    expect(result.problems).toEqual([]);
    expect(result.checked).toEqual({
      fields: {
        nik: '3329014507100001',
        kk: '3329010101100001',
        fullName: 'Siti Aminah',
        birthDate: '2010-07-05',
        sex: 'F',
        track: 'ATS',
        outOfSchoolType: 'DROPPED_OUT',
        lastLevel: 'SD',
        reasonCode: 1,
        reasonNote: null,
        plannedPathway: null,
        disability: null,
        phone: null,
        guardianName: 'Tarsih',
        address: null,
        consent: { given: true, by: 'GUARDIAN', name: 'Tarsih' },
      },
      warnings: [],
    });
  });

  it('accepts an adult consenting for themselves without a guardian', () => {
    const result = check(adult());
    expect(result.problems).toEqual([]);
    expect(result.checked?.fields.guardianName).toBeNull();
    expect(result.checked?.fields.consent).toEqual({ given: true, by: 'SELF', name: 'Budi Santoso' });
    expect(result.checked?.warnings).toEqual([]);
  });

  it('normalises identity numbers, names, phone, note and optional fields', () => {
    const result = check(
      minor({
        nik: '3329 0145 0710 0001',
        kk: '33.29.01-0101100001',
        fullName: '  Siti   Nur\tAisyah ',
        birthDate: ' 2010-07-05 ',
        guardianName: '  Tarsih   binti  Wasman ',
        consent: { given: true, by: 'GUARDIAN', name: ' Tarsih  binti Wasman' },
        phone: '0812-3456-7890',
        reasonCode: 12,
        reasonNote: '  Membantu orang tua di sawah  ',
        plannedPathway: 'PAKET_B',
        disability: false,
      }),
    );
    expect(result.problems).toEqual([]);
    expect(result.checked?.fields).toMatchObject({
      nik: '3329014507100001',
      kk: '3329010101100001',
      fullName: 'Siti Nur Aisyah',
      birthDate: '2010-07-05',
      guardianName: 'Tarsih binti Wasman',
      consent: { given: true, by: 'GUARDIAN', name: 'Tarsih binti Wasman' },
      phone: '+6281234567890',
      reasonCode: 12,
      reasonNote: 'Membantu orang tua di sawah',
      plannedPathway: 'PAKET_B',
      disability: false,
    });
  });

  it.each([
    ['+62 812 3456 7890', '+6281234567890'],
    ['62812345678', '+62812345678'],
    ['(0812) 345 6789', '+628123456789'],
  ])('stores phone %j as %s', (phone, e164) => {
    expect(check(minor({ phone })).checked?.fields.phone).toBe(e164);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['null', null],
  ])('treats a %s phone as none', (_label, phone) => {
    const result = check(minor({ phone }));
    expect(result.problems).toEqual([]);
    expect(result.checked?.fields.phone).toBeNull();
  });
});

describe('checkCandidate: age on the reference date (2026-07-01)', () => {
  it.each([
    ['ATS, exactly 7', 'ATS', '2019-07-01'],
    ['ATS, 7 years and 364 days', 'ATS', '2018-07-02'],
    ['ATS, exactly 18', 'ATS', '2008-07-01'],
    ['ATS, 18 years and 364 days', 'ATS', '2007-07-02'],
    ['DTS, exactly 12', 'DTS', '2014-07-01'],
    ['DTS, exactly 55', 'DTS', '1971-07-01'],
    ['DTS, 55 years and 364 days', 'DTS', '1970-07-02'],
  ] as const)('accepts %s', (_label, track, birthDate) => {
    const result = check(minor({ track, birthDate }));
    expect(result.problems).toEqual([]);
    expect(result.checked?.fields.birthDate).toBe(birthDate);
    expect(result.checked?.fields.track).toBe(track);
  });

  it.each([
    ['ATS, 6 (turns 7 the day after)', 'ATS', '2019-07-02', 6, 7, 18],
    ['ATS, 19', 'ATS', '2007-07-01', 19, 7, 18],
    ['DTS, 11 (turns 12 the day after)', 'DTS', '2014-07-02', 11, 12, 55],
    ['DTS, 56', 'DTS', '1970-07-01', 56, 12, 55],
    ['ATS, born after the reference date', 'ATS', '2026-07-02', -1, 7, 18],
  ] as const)('rejects %s', (_label, track, birthDate, age, min, max) => {
    const result = check(minor({ track, birthDate }));
    expect(result.checked).toBeUndefined();
    expect(result.problems).toEqual([
      { field: 'birthDate', key: 'age.range', params: { age, date: '2026-07-01', track, min, max } },
    ]);
  });

  it('uses the programme year reference date, not today', () => {
    // 7 on 2026-07-01 is accepted even though today (2026-11-30) is later; with a later reference
    // date, someone born 2008-07-01 is 18 on 2026-07-01 but 19 on 2027-07-01.
    expect(check(minor({ birthDate: '2008-07-01' })).problems).toEqual([]);
    const later = checkCandidate(minor({ birthDate: '2008-07-01' }), defaultProgram(2027), {
      year: 2027,
      month: 11,
      day: 30,
    });
    expect(keysOf(later.problems)).toEqual([['birthDate', 'age.range']]);
  });

  it("follows the programme's age ranges", () => {
    const narrow: ProgramSettings = { ...program, ageRanges: { ATS: [10, 15], DTS: [12, 55] } };
    expect(keysOf(checkCandidate(minor({ birthDate: '2010-07-01' }), narrow, today).problems)).toEqual([
      ['birthDate', 'age.range'],
    ]);
    expect(checkCandidate(minor({ birthDate: '2010-07-02' }), narrow, today).problems).toEqual([]);
  });
});

describe('checkCandidate: birth date', () => {
  it.each([
    ['a date after today', '2026-12-01', 'date.notPast'],
    ['today', '2026-11-30', 'date.notPast'],
    ['a date in a later year', '2030-01-01', 'date.notPast'],
    ['a wrong format', '5-7-2010', 'date.format'],
    ['a day/month/year format', '05/07/2010', 'date.format'],
    ['an impossible date', '2010-02-30', 'date.invalid'],
    ['29 Feb of a common year', '2011-02-29', 'date.invalid'],
    ['a date before 1900', '1899-12-31', 'date.tooOld'],
  ])('rejects %s', (_label, birthDate, key) => {
    const result = check(minor({ birthDate }));
    expect(result.checked).toBeUndefined();
    expect(result.problems).toEqual([
      { field: 'birthDate', key, ...(key === 'date.invalid' ? { params: { date: birthDate } } : {}) },
    ]);
  });

  it('names the day that does not exist', () => {
    const [problem] = check(minor({ birthDate: '2012-02-31' })).problems;
    expect(problem && render(problem, 'id')).toBe(
      'Tanggal 31 Februari 2012 tidak ada di kalender; periksa tanggal dan bulannya.',
    );
  });
});

describe('everyProblem: a form with missing fields still gets every other problem', () => {
  it('reports a missing field beside a short KK, a missing note, a bad phone and a short NIK', () => {
    const raw = {
      ...minor({ nik: '332901450710004', kk: '33290101011000', reasonCode: 12, phone: '12' }),
      fullName: undefined,
    };
    const parsed = parseWith(fullCorrectionSchema, raw);
    expect(parsed.problems.map((p) => p.field)).toEqual(['fullName']);
    const fields = everyProblem(raw, parsed.problems, program).map((p) => p.field);
    expect(fields.sort()).toEqual(['fullName', 'kk', 'nik', 'phone', 'reasonNote']);
  });

  it('skips the rules of a mistyped field and keeps one problem a field', () => {
    const raw = { ...minor({}), track: 'SD', birthDate: '1990-01-01', sex: undefined };
    const parsed = parseWith(fullCorrectionSchema, raw);
    const problems = everyProblem(raw, parsed.problems, program);
    expect(problems.map((p) => [p.field, p.key])).toEqual([
      ['sex', 'field.required'],
      ['track', 'field.oneOf'],
    ]);
  });
});

describe('readDate: dates as people write them', () => {
  it.each([
    ['2010-07-05', { iso: '2010-07-05' }],
    ['05-07-2010', { iso: '2010-07-05' }],
    ['5/7/2010', { iso: '2010-07-05' }],
    [' 5.7.2010 ', { iso: '2010-07-05' }],
    ['5 Juli 2010', { iso: '2010-07-05' }],
    ['5 jul 2010', { iso: '2010-07-05' }],
    ['17 Agt 2011', { iso: '2011-08-17' }],
    ['5 July 2010', { iso: '2010-07-05' }],
    ['31/02/2012', { invalid: '2012-02-31' }],
    ['29-02-2011', { invalid: '2011-02-29' }],
    ['07/13/2010', { invalid: '2010-13-07' }],
    ['5 Juliii 2010', 'format'],
    ['3.32901E+15', 'format'],
    ['', 'format'],
  ] as const)('reads %j', (text, expected) => {
    expect(readDate(text)).toEqual(expected);
  });

  it('answers for any text, long or hostile, without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const read = readDate(text);
        if (typeof read === 'object' && 'iso' in read) expect(read.iso).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }),
    );
  });
});

describe('checkCandidate: guardian and consent', () => {
  it.each([
    ['missing', undefined],
    ['null', null],
    ['empty', ''],
    ['blank', '   '],
  ])('requires a guardian name under 18 (%s)', (_label, guardianName) => {
    const result = check(minor({ guardianName }));
    expect(result.checked).toBeUndefined();
    expect(result.problems).toEqual([{ field: 'guardianName', key: 'guardian.required' }]);
  });

  it('requires a guardian at 17 years and 364 days', () => {
    const result = check(minor({ birthDate: '2008-07-02', guardianName: null }));
    expect(result.problems).toEqual([{ field: 'guardianName', key: 'guardian.required' }]);
  });

  it('requires consent by the guardian under 18', () => {
    const result = check(minor({ consent: { given: true, by: 'SELF', name: 'Siti Aminah' } }));
    expect(result.checked).toBeUndefined();
    expect(result.problems).toEqual([{ field: 'consent.by', key: 'consent.guardian' }]);
  });

  it('accepts consent by SELF without a guardian at exactly 18', () => {
    const result = check(
      minor({
        birthDate: '2008-07-01',
        guardianName: null,
        consent: { given: true, by: 'SELF', name: 'Siti Aminah' },
      }),
    );
    expect(result.problems).toEqual([]);
    expect(result.checked?.fields.guardianName).toBeNull();
    expect(result.checked?.fields.consent.by).toBe('SELF');
  });

  it('rejects consent not given', () => {
    const result = check(adult({ consent: { given: false, by: 'SELF', name: 'Budi Santoso' } }));
    expect(result.checked).toBeUndefined();
    expect(result.problems).toEqual([{ field: 'consent.given', key: 'consent.given' }]);
  });

  it.each([
    ['empty', '', 'name.length'],
    ['blank', '   ', 'name.length'],
    ['digits', 'Budi 2', 'name.chars'],
  ])('checks the consent name (%s)', (_label, name, key) => {
    const result = check(adult({ consent: { given: true, by: 'SELF', name } }));
    expect(result.problems).toEqual([{ field: 'consent.name', key }]);
  });

  it('checks the characters of a guardian name', () => {
    expect(check(minor({ guardianName: '<script>' })).problems).toEqual([
      { field: 'guardianName', key: 'name.chars' },
    ]);
  });
});

describe('checkCandidate: names', () => {
  it.each([
    ['empty', '', 'name.length'],
    ['blank', '    ', 'name.length'],
    ['101 characters', 'A'.repeat(101), 'name.length'],
    ['digits', 'Siti 2', 'name.chars'],
    ['a script tag', '<script>alert(1)</script>', 'name.chars'],
    ['an emoji', 'Siti 😀', 'name.chars'],
    ['only punctuation', "'.-", 'name.chars'],
  ])('rejects a full name that is %s', (_label, fullName, key) => {
    const result = check(minor({ fullName }));
    expect(result.checked).toBeUndefined();
    expect(result.problems).toEqual([{ field: 'fullName', key }]);
  });

  it.each([
    ['100 characters', 'A'.repeat(100)],
    ['100 characters after folding spaces', `  ${'A'.repeat(50)}     ${'B'.repeat(49)}  `],
    ['Arabic script', 'سيتي أمينة'],
    ['Javanese script', 'ꦱꦶꦠꦶ'],
    ['an apostrophe, full stop and hyphen', "Nur'aini St. Siti-Aminah"],
  ])('accepts a full name with %s', (_label, fullName) => {
    const result = check(minor({ fullName }));
    expect(result.problems).toEqual([]);
    expect(result.checked?.fields.fullName).toBe(fullName.trim().replace(/\s+/g, ' '));
  });
});

describe('checkCandidate: schooling and reason', () => {
  it('requires a note for reason 12 (other)', () => {
    const result = check(minor({ reasonCode: 12 }));
    expect(result.checked).toBeUndefined();
    expect(result.problems).toEqual([{ field: 'reasonNote', key: 'reasonNote.required' }]);
  });

  it('rejects a blank note for reason 12', () => {
    expect(check(minor({ reasonCode: 12, reasonNote: '   ' })).problems).toEqual([
      { field: 'reasonNote', key: 'reasonNote.required' },
    ]);
  });

  it('accepts reason 12 with a note', () => {
    const result = check(minor({ reasonCode: 12, reasonNote: 'Merawat adik' }));
    expect(result.problems).toEqual([]);
    expect(result.checked?.fields.reasonNote).toBe('Merawat adik');
  });

  it('does not require a note for other reasons', () => {
    expect(check(minor({ reasonCode: 11, reasonNote: null })).problems).toEqual([]);
  });

  it.each([
    ['NEVER_ENROLLED', 'SD', 'lastLevel.neverEnrolled'],
    ['NEVER_ENROLLED', 'SMP', 'lastLevel.neverEnrolled'],
    ['NOT_CONTINUED', 'NONE', 'lastLevel.notContinued'],
  ] as const)('rejects %s with last level %s', (outOfSchoolType, lastLevel, key) => {
    const result = check(minor({ outOfSchoolType, lastLevel }));
    expect(result.checked).toBeUndefined();
    expect(result.problems).toEqual([{ field: 'lastLevel', key }]);
  });

  it.each([
    ['NEVER_ENROLLED', 'NONE'],
    ['NOT_CONTINUED', 'SD'],
    ['DROPPED_OUT', 'NONE'],
    ['DROPPED_OUT', 'SMP'],
  ] as const)('accepts %s with last level %s', (outOfSchoolType, lastLevel) => {
    expect(check(minor({ outOfSchoolType, lastLevel })).problems).toEqual([]);
  });
});

describe('checkCandidate: phone, NIK and KK', () => {
  it.each(['021 1234 5678', '0800 1234 5678', '0812', 'nomor HP', '+1 415 555 0100'])(
    'rejects phone %j',
    (phone) => {
      const result = check(minor({ phone }));
      expect(result.checked).toBeUndefined();
      expect(result.problems).toEqual([{ field: 'phone', key: 'phone.invalid' }]);
    },
  );

  it.each([
    [
      'a 15-digit NIK',
      { nik: '332901450710001' },
      { field: 'nik', key: 'nik.length', params: { count: 15 } },
    ],
    ['a NIK with serial 0000', { nik: '3329014507100000' }, { field: 'nik', key: 'nik.serial' }],
    ['a NIK on 31 February', { nik: '3329017102100001' }, { field: 'nik', key: 'nik.date' }],
    ['a KK with a letter', { kk: '332901010110000X' }, { field: 'kk', key: 'kk.digits' }],
    ['a 15-digit KK', { kk: '332901010110000' }, { field: 'kk', key: 'kk.length', params: { count: 15 } }],
  ])('rejects %s', (_label, overrides, problem) => {
    const result = check(minor(overrides));
    expect(result.checked).toBeUndefined();
    expect(result.problems).toEqual([problem]);
  });
});

describe('checkCandidate: warnings', () => {
  it('warns on a NIK/birth-date mismatch and still returns the checked fields', () => {
    const result = check(minor({ birthDate: '2010-07-06' }));
    expect(result.problems).toEqual([]);
    expect(result.checked?.fields.birthDate).toBe('2010-07-06');
    expect(result.checked?.warnings).toEqual([
      { field: 'nik', key: 'nik.warn.birthDate', params: { declared: '06-07-2010', encoded: '05-07-2010' } },
    ]);
  });

  it("warns when a woman's NIK is declared M", () => {
    const result = check(minor({ sex: 'M' }));
    expect(result.problems).toEqual([]);
    expect(result.checked?.fields.sex).toBe('M');
    expect(result.checked?.warnings).toEqual([
      { field: 'nik', key: 'nik.warn.sex', params: { declared: 'M', encoded: 'F' } },
    ]);
  });

  it("warns when a man's NIK is declared F", () => {
    const result = check(adult({ sex: 'F' }));
    expect(result.problems).toEqual([]);
    expect(result.checked?.warnings).toEqual([
      { field: 'nik', key: 'nik.warn.sex', params: { declared: 'F', encoded: 'M' } },
    ]);
  });

  it('warns on an unknown kecamatan in the NIK', () => {
    const result = check(minor({ nik: '3399994507100001' }));
    expect(result.problems).toEqual([]);
    expect(result.checked?.fields.nik).toBe('3399994507100001');
    expect(result.checked?.warnings).toEqual([{ field: 'nik', key: 'nik.warn.district' }]);
  });

  it('returns every warning at once', () => {
    const result = check(minor({ nik: '3399994507100001', birthDate: '2011-07-05', sex: 'M' }));
    expect(result.problems).toEqual([]);
    expect(result.checked?.warnings.map((w) => w.key).sort()).toEqual([
      'nik.warn.birthDate',
      'nik.warn.district',
      'nik.warn.sex',
    ]);
  });
});

describe('checkCandidate: several problems at once', () => {
  it('reports a problem for every faulty field, one per field', () => {
    const result = check(
      minor({
        nik: '3329014507100000',
        kk: '12345',
        fullName: 'Siti 99',
        outOfSchoolType: 'NEVER_ENROLLED',
        lastLevel: 'SMP',
        reasonCode: 12,
        reasonNote: null,
        phone: '021 555 1234',
        guardianName: null,
        consent: { given: false, by: 'SELF', name: '' },
      }),
    );
    expect(result.checked).toBeUndefined();
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { field: 'nik', key: 'nik.serial' },
        { field: 'kk', key: 'kk.length', params: { count: 5 } },
        { field: 'fullName', key: 'name.chars' },
        { field: 'lastLevel', key: 'lastLevel.neverEnrolled' },
        { field: 'reasonNote', key: 'reasonNote.required' },
        { field: 'phone', key: 'phone.invalid' },
        { field: 'guardianName', key: 'guardian.required' },
        { field: 'consent.given', key: 'consent.given' },
        { field: 'consent.by', key: 'consent.guardian' },
        { field: 'consent.name', key: 'name.length' },
      ]),
    );
    expect(result.problems).toHaveLength(10);
    const fields = result.problems.map((p) => p.field);
    expect(new Set(fields).size).toBe(fields.length);
  });

  it('reports an age problem beside problems in other fields', () => {
    const result = check(minor({ birthDate: '2020-01-01', kk: 'x', phone: '0800 0000 0000' }));
    expect(keysOf(result.problems).sort()).toEqual([
      ['birthDate', 'age.range'],
      ['kk', 'kk.digits'],
      ['phone', 'phone.invalid'],
    ]);
  });
});

describe('an address in the village', () => {
  const address = (a: { dusun?: string | null; rt?: string | null; rw?: string | null } | null) => {
    const problems: FieldProblem[] = [];
    return { address: checkAddress(a, problems), problems: keysOf(problems) };
  };

  it('is optional, and nothing given is no address', () => {
    expect(address(null)).toEqual({ address: null, problems: [] });
    expect(address({ dusun: ' ', rt: '', rw: null })).toEqual({ address: null, problems: [] });
  });

  it('writes RT and RW as three digits however they are typed', () => {
    expect(address({ dusun: '  Krajan   Lor ', rt: '3', rw: 'RW 01' }).address).toEqual({
      dusun: 'Krajan Lor',
      rt: '003',
      rw: '001',
    });
    expect(address({ rt: 'rt.012' }).address).toEqual({ dusun: null, rt: '012', rw: null });
  });

  it('names each part that is wrong', () => {
    expect(address({ dusun: 'Krajan<script>', rt: '1000', rw: '0' }).problems).toEqual([
      ['address.dusun', 'address.dusun'],
      ['address.rt', 'address.number'],
      ['address.rw', 'address.number'],
    ]);
    expect(address({ dusun: 'x'.repeat(61) }).problems).toEqual([['address.dusun', 'address.dusun']]);
  });

  it('is checked with the registration and kept normalised', () => {
    const result = check(minor({ address: { dusun: 'Dusun 2', rt: '05', rw: null } }));
    expect(result.checked?.fields.address).toEqual({ dusun: 'Dusun 2', rt: '005', rw: null });
    expect(keysOf(check(minor({ address: { rt: 'lima' } })).problems)).toEqual([
      ['address.rt', 'address.number'],
    ]);
  });
});
