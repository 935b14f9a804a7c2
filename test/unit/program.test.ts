import { describe, expect, it } from 'vitest';
import {
  applyProgramInput,
  defaultProgram,
  isProgramYear,
  type ProgramInput,
  type ProgramSettings,
  retentionEnded,
} from '../../shared/domain/program.js';

const current = (): ProgramSettings => defaultProgram(2026);

describe('defaultProgram', () => {
  it('holds the GKB defaults for the year', () => {
    expect(defaultProgram(2026)).toEqual({
      year: 2026,
      villageQuota: 10,
      apbdesPerPerson: 1_500_000,
      apbdCeiling: 500_000_000,
      apbdPlaces: 300,
      referenceDate: '2026-07-01',
      ageRanges: { ATS: [7, 18], DTS: [12, 55] },
      retentionYears: 5,
    });
    expect(defaultProgram(2030).referenceDate).toBe('2030-07-01');
  });
});

describe('retentionEnded', () => {
  it('keeps a year through its retention period and ends it on 1 January after', () => {
    const program = { ...defaultProgram(2026), retentionYears: 5 };
    expect(retentionEnded(program, 2031)).toBe(false);
    expect(retentionEnded(program, 2032)).toBe(true);
    expect(retentionEnded({ ...program, retentionYears: 1 }, 2028)).toBe(true);
  });
});

describe('isProgramYear', () => {
  it.each<[number, boolean]>([
    [2020, true],
    [2026, true],
    [2100, true],
    [2019, false],
    [2101, false],
    [2026.5, false],
    [Number.NaN, false],
  ])('%d → %s', (year, ok) => {
    expect(isProgramYear(year)).toBe(ok);
  });
});

describe('applyProgramInput', () => {
  it('changes nothing for an empty input', () => {
    expect(applyProgramInput(current(), {})).toEqual({ settings: current(), problems: [] });
  });

  it.each<[string, ProgramInput, Partial<ProgramSettings>]>([
    ['village quota', { villageQuota: 12 }, { villageQuota: 12 }],
    ['APBDes per person', { apbdesPerPerson: 2_000_000 }, { apbdesPerPerson: 2_000_000 }],
    [
      'APBD ceiling and places',
      { apbdCeiling: 600_000_000, apbdPlaces: 350 },
      { apbdCeiling: 600_000_000, apbdPlaces: 350 },
    ],
    ['reference date', { referenceDate: '2026-07-13' }, { referenceDate: '2026-07-13' }],
    ['ATS range only', { ageRanges: { ATS: [6, 17] } }, { ageRanges: { ATS: [6, 17], DTS: [12, 55] } }],
    ['DTS range only', { ageRanges: { DTS: [15, 60] } }, { ageRanges: { ATS: [7, 18], DTS: [15, 60] } }],
    ['empty age ranges', { ageRanges: {} }, {}],
    ['undefined values', { villageQuota: undefined, referenceDate: undefined }, {}],
  ])('changes only the %s and keeps the rest', (_label, input, changed) => {
    const result = applyProgramInput(current(), input);
    expect(result.problems).toEqual([]);
    expect(result.settings).toEqual({ ...current(), ...changed });
  });

  it('keeps values changed earlier', () => {
    const first = applyProgramInput(current(), { villageQuota: 15, ageRanges: { ATS: [8, 18] } }).settings;
    const second = applyProgramInput(first, { apbdPlaces: 250 }).settings;
    expect(second).toEqual({
      ...current(),
      villageQuota: 15,
      apbdPlaces: 250,
      ageRanges: { ATS: [8, 18], DTS: [12, 55] },
    });
  });

  it('does not modify the current settings', () => {
    const settings = current();
    applyProgramInput(settings, { villageQuota: 20, ageRanges: { ATS: [1, 2], DTS: [3, 4] } });
    expect(settings).toEqual(defaultProgram(2026));
  });

  it('accepts the first and last day of the year as reference date', () => {
    expect(applyProgramInput(current(), { referenceDate: '2026-01-01' }).problems).toEqual([]);
    expect(applyProgramInput(current(), { referenceDate: '2026-12-31' }).problems).toEqual([]);
  });

  it.each([
    ['in the next year', '2027-07-01', 'program.referenceDate'],
    ['in the previous year', '2025-12-31', 'program.referenceDate'],
    ['not a real date', '2026-02-29', 'date.invalid'],
    ['month 13', '2026-13-01', 'date.invalid'],
    ['not ISO', '1 Juli 2026', 'date.format'],
    ['unpadded', '2026-7-1', 'date.format'],
  ])('rejects a reference date %s', (_label, referenceDate, key) => {
    const result = applyProgramInput(current(), { referenceDate });
    expect(result.problems).toEqual([{ field: 'referenceDate', key }]);
  });

  it.each<[string, ProgramInput['ageRanges']]>([
    ['0 to 100', { ATS: [0, 100] }],
    ['a single age', { ATS: [10, 10] }],
  ])('accepts an age range of %s', (_label, ageRanges) => {
    expect(applyProgramInput(current(), { ageRanges }).problems).toEqual([]);
  });

  it.each<[string, ProgramInput['ageRanges'], string[]]>([
    ['min above max (ATS)', { ATS: [18, 7] }, ['ageRanges.ATS']],
    ['min above max (DTS)', { DTS: [55, 12] }, ['ageRanges.DTS']],
    ['a negative min', { ATS: [-1, 18] }, ['ageRanges.ATS']],
    ['a negative max', { DTS: [-5, -1] }, ['ageRanges.DTS']],
    ['a max above 100', { DTS: [12, 101] }, ['ageRanges.DTS']],
    ['a min above 100', { ATS: [101, 120] }, ['ageRanges.ATS']],
    ['both tracks wrong', { ATS: [10, 5], DTS: [12, 200] }, ['ageRanges.ATS', 'ageRanges.DTS']],
  ])('rejects an age range with %s', (_label, ageRanges, fields) => {
    const result = applyProgramInput(current(), { ageRanges });
    expect(result.problems).toEqual(fields.map((field) => ({ field, key: 'program.ageRange' })));
  });

  it('reports a bad reference date and a bad age range together', () => {
    const result = applyProgramInput(current(), { referenceDate: '2027-01-01', ageRanges: { ATS: [9, 8] } });
    expect(result.problems).toEqual([
      { field: 'referenceDate', key: 'program.referenceDate' },
      { field: 'ageRanges.ATS', key: 'program.ageRange' },
    ]);
  });

  it('rejects a range made invalid by changing only one side against the current other side', () => {
    const narrowed = applyProgramInput(current(), { ageRanges: { ATS: [7, 10] } }).settings;
    expect(narrowed.ageRanges.ATS).toEqual([7, 10]);
    expect(applyProgramInput(narrowed, { ageRanges: { ATS: [11, 10] } }).problems).toEqual([
      { field: 'ageRanges.ATS', key: 'program.ageRange' },
    ]);
  });
});
