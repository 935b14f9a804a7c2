import * as z from 'zod/mini';
import type { FieldProblem } from '../errors.js';
import { parseIsoDate } from './dates.js';

export const TRACKS = ['ATS', 'DTS'] as const;
export type Track = (typeof TRACKS)[number];

/** Settings of one programme year; all of them Bappeda can change. */
export interface ProgramSettings {
  year: number;
  villageQuota: number;
  apbdesPerPerson: number;
  apbdCeiling: number;
  apbdPlaces: number;
  referenceDate: string;
  ageRanges: Record<Track, [number, number]>;
  /**
   * Whole years after the programme year that personal data is kept (UU PDP: no longer than
   * the purpose needs); on 1 January of the year after that, the year's candidates are
   * anonymised by the scheduled retention run.
   */
  retentionYears: number;
}

export const DEFAULT_RETENTION_YEARS = 5;

export const defaultProgram = (year: number): ProgramSettings => ({
  year,
  villageQuota: 10,
  apbdesPerPerson: 1_500_000,
  apbdCeiling: 500_000_000,
  apbdPlaces: 300,
  referenceDate: `${year}-07-01`,
  ageRanges: { ATS: [7, 18], DTS: [12, 55] },
  retentionYears: DEFAULT_RETENTION_YEARS,
});

const positiveInt = z.int().check(z.minimum(1), z.maximum(1_000_000_000_000));
const ageRange = z.tuple([z.int(), z.int()]);

/** `PUT /programs/{year}`: every field optional; missing ones keep their current (or default) value. */
export const programInputSchema = z.strictObject({
  villageQuota: z.optional(positiveInt),
  apbdesPerPerson: z.optional(positiveInt),
  apbdCeiling: z.optional(positiveInt),
  apbdPlaces: z.optional(positiveInt),
  referenceDate: z.optional(z.string()),
  ageRanges: z.optional(z.strictObject({ ATS: z.optional(ageRange), DTS: z.optional(ageRange) })),
  retentionYears: z.optional(z.int().check(z.minimum(1), z.maximum(50))),
});
export type ProgramInput = z.infer<typeof programInputSchema>;

/** Whether a programme year's personal data has outlived its retention period on `today`'s year. */
export const retentionEnded = (settings: ProgramSettings, currentYear: number): boolean =>
  currentYear > settings.year + settings.retentionYears;

export const isProgramYear = (year: number): boolean =>
  Number.isInteger(year) && year >= 2020 && year <= 2100;

/** Applies a change to the current settings and checks the rules that span fields. */
export function applyProgramInput(
  current: ProgramSettings,
  input: ProgramInput,
): { settings: ProgramSettings; problems: FieldProblem[] } {
  const settings: ProgramSettings = {
    ...current,
    ...Object.fromEntries(Object.entries(input).filter(([k, v]) => k !== 'ageRanges' && v !== undefined)),
    ageRanges: {
      ATS: input.ageRanges?.ATS ?? current.ageRanges.ATS,
      DTS: input.ageRanges?.DTS ?? current.ageRanges.DTS,
    },
  };
  const problems: FieldProblem[] = [];
  const date = parseIsoDate(settings.referenceDate);
  if (date === 'format' || date === 'invalid') {
    problems.push({ field: 'referenceDate', key: date === 'format' ? 'date.format' : 'date.invalid' });
  } else if (date.year !== settings.year) {
    problems.push({ field: 'referenceDate', key: 'program.referenceDate' });
  }
  for (const track of TRACKS) {
    const [min, max] = settings.ageRanges[track];
    if (min < 0 || max > 100 || min > max)
      problems.push({ field: `ageRanges.${track}`, key: 'program.ageRange' });
  }
  return { settings, problems };
}
