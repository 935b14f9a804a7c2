import { batchGet } from '../db/batch-get.js';
import { keyedHash } from '../db/nik-hash.js';
import { closedRecords, type PersonRecord, readPeople } from '../db/people.js';
import { keys } from '../db/table.js';
import { checkCandidate, type RegistrationInput, registrationSchema } from '../domain/candidate.js';
import { isAcceptableName, normaliseName } from '../domain/names.js';
import { checkKk, checkNik } from '../domain/nik.js';
import { normalisePhone } from '../domain/phone.js';
import type { ProgramSettings } from '../domain/program.js';
import type { FieldProblem } from '../errors.js';
import { addMessages } from '../i18n.js';
import { parseWith } from '../schema-problems.js';
import { fingerprintHashes } from '../services/candidates.js';
import { cellText, excelMadeNumber, importDate } from './cells.js';
import {
  columnOfField,
  IMPORT_COLUMNS,
  type ImportColumn,
  type RowMessage,
  type RowStatus,
} from './columns.js';
import { importMessages } from './messages.js';
import type { ImportRow } from './read-file.js';

// The messages this module gives join the catalogue (shared/imports/messages.ts).
addMessages(importMessages);

export interface CheckedRow {
  line: number;
  status: RowStatus;
  messages: RowMessage[];
  input?: RegistrationInput;
  /** The person's records across cohorts as read (all closed), for the commit to list and check. */
  person?: { records: number; previous: PersonRecord[] };
}

/** One row's cells as registration fields, with the problems of its columns. */
function rowInput(
  row: ImportRow,
  year: number,
  villageCode: string,
): { input: Record<string, unknown>; problems: RowMessage[] } {
  const problems: RowMessage[] = [];
  const values: Record<string, unknown> = {};
  const column = (c: ImportColumn): unknown => {
    const cell = row.cells[c.header];
    const value = cellText(cell);
    if ((c.field === 'nik' || c.field === 'kk') && excelMadeNumber(cell)) {
      problems.push({ column: c.header, key: 'import.excelNumber', params: { column: c.header } });
      return undefined;
    }
    if (value === '') {
      if (c.required) problems.push({ column: c.header, key: 'field.required' });
      return c.field === 'disability' ? false : null;
    }
    if (c.codes) {
      const code = c.codes[value.toUpperCase().replace(/\s+/g, '_')];
      if (code === undefined) {
        const allowed = Object.keys(c.codes).map((k) =>
          c.field === 'disability' ? k[0] + k.slice(1).toLowerCase() : k,
        );
        problems.push({ column: c.header, key: 'import.oneOf', params: { values: allowed.join(', ') } });
      }
      return code;
    }
    if (c.field === 'birthDate') {
      const date = importDate(value);
      if (typeof date === 'string') return date;
      problems.push({ ...date, column: c.header });
      return undefined;
    }
    if (c.field === 'reasonCode') {
      if (!/^\d{1,2}$/.test(value)) problems.push({ column: c.header, key: 'field.integer' });
      return Number(value);
    }
    return value;
  };
  for (const c of IMPORT_COLUMNS) values[c.field] = column(c);
  const input = {
    year,
    villageCode,
    nik: values.nik,
    kk: values.kk,
    fullName: values.fullName,
    birthDate: values.birthDate,
    sex: values.sex,
    track: values.track,
    outOfSchoolType: values.outOfSchoolType,
    lastLevel: values.lastLevel,
    reasonCode: values.reasonCode,
    reasonNote: values.reasonNote,
    plannedPathway: null,
    disability: values.disability,
    phone: values.phone,
    guardianName: values.guardianName,
    address:
      values['address.dusun'] || values['address.rt'] || values['address.rw']
        ? { dusun: values['address.dusun'], rt: values['address.rt'], rw: values['address.rw'] }
        : null,
    consent: { given: true, by: values['consent.by'], name: values['consent.name'] ?? '' },
  };
  return { input, problems };
}

/** The checks of NIK, KK, name and phone, which need no other cell. */
function standaloneProblems(input: Record<string, unknown>, known: RowMessage[]): RowMessage[] {
  const found: FieldProblem[] = [];
  if (typeof input.nik === 'string') found.push(...checkNik(input.nik).problems);
  if (typeof input.kk === 'string') found.push(...checkKk(input.kk).problems);
  if (typeof input.fullName === 'string') {
    const name = normaliseName(input.fullName);
    if (name.length > 100) found.push({ field: 'fullName', key: 'name.length' });
    else if (!isAcceptableName(name)) found.push({ field: 'fullName', key: 'name.chars' });
  }
  if (typeof input.phone === 'string' && !normalisePhone(input.phone))
    found.push({ field: 'phone', key: 'phone.invalid' });
  return found
    .map((p) => ({ ...p, column: columnOfField(p.field) }))
    .filter((p) => !known.some((k) => k.column === p.column));
}

/**
 * Every registration rule on every row, then duplicates: a NIK registered this year or
 * repeating an earlier row (DUPLICATE), and another NIK with the same name and birth date or
 * the same KK and birth date as a registered person or an earlier row (POSSIBLE_DUPLICATE).
 * Reads NIK guards and the look-alike index in batches; writes nothing.
 */
export async function checkRows(
  rows: ImportRow[],
  program: ProgramSettings,
  villageCode: string,
): Promise<CheckedRow[]> {
  const checked = rows.map(
    (row): CheckedRow & { fields?: { nik: string; fullName: string; kk: string; birthDate: string } } => {
      const { input, problems } = rowInput(row, program.year, villageCode);
      if (problems.length > 0) {
        // Cells that could not be read stop the full check; the cells that stand alone are still checked.
        return {
          line: row.line,
          status: 'ERROR',
          messages: [...problems, ...standaloneProblems(input, problems)],
        };
      }
      const parsed = parseWith(registrationSchema, input);
      if (!parsed.data) {
        return {
          line: row.line,
          status: 'ERROR',
          messages: parsed.problems.map((p) => ({ ...p, column: columnOfField(p.field) })),
        };
      }
      const result = checkCandidate(parsed.data, program);
      if (!result.checked) {
        return {
          line: row.line,
          status: 'ERROR',
          messages: result.problems.map((p) => ({ ...p, column: columnOfField(p.field) })),
        };
      }
      return {
        line: row.line,
        status: result.checked.warnings.length > 0 ? 'WARNING' : 'OK',
        messages: result.checked.warnings.map((w) => ({ ...w, column: columnOfField(w.field) })),
        input: parsed.data,
        fields: result.checked.fields,
      };
    },
  );

  const valid = checked.filter((r) => r.fields);
  const nikHashes = await Promise.all(valid.map((r) => keyedHash(`nik:${r.fields?.nik}`)));
  const prints = await Promise.all(
    valid.map((r) => fingerprintHashes(r.fields as NonNullable<typeof r.fields>)),
  );
  // Where each NIK is registered: this village, or another one (which is never named).
  const registeredNiks = new Map(
    (await batchGet([...new Set(nikHashes)].map((h) => keys.nikGuard(program.year, h)))).map((i) => [
      String(i.pk),
      i.villageCode === villageCode ? 'here' : 'elsewhere',
    ]),
  );
  const lookAlikeKeys = [...new Set(prints.flat())].map((h) => keys.fingerprint(program.year, h));
  const registeredPrints = new Set((await batchGet(lookAlikeKeys)).map((i) => String(i.pk)));
  // Each person's records across cohorts: one still open elsewhere refuses the row.
  const people = await readPeople(nikHashes);

  const firstNik = new Map<string, number>();
  const firstPrint = new Map<string, { line: number; nik: string }>();
  valid.forEach((row, i) => {
    const nik = row.fields?.nik ?? '';
    const hashes = prints[i] ?? [];
    const earlier = firstNik.get(nik);
    const registered = registeredNiks.get(keys.nikGuard(program.year, nikHashes[i] ?? '').pk);
    const person = people.get(nikHashes[i] ?? '');
    if (registered) {
      row.status = 'DUPLICATE';
      row.messages = [
        {
          column: 'NIK',
          key: registered === 'here' ? 'import.duplicateRegistered' : 'import.duplicateElsewhere',
        },
      ];
    } else if (earlier !== undefined) {
      row.status = 'DUPLICATE';
      row.messages = [{ column: 'NIK', key: 'import.duplicateRow', params: { row: earlier } }];
    } else if (person?.open) {
      row.status = 'DUPLICATE';
      row.messages = [{ column: 'NIK', key: 'import.alreadyInProgramme' }];
    } else {
      const previous = person ? closedRecords(person) : [];
      row.person = { records: person?.records ?? 0, previous };
      if (previous.length > 0) {
        if (row.status === 'OK') row.status = 'WARNING';
        row.messages.push({ column: 'NIK', key: 'import.previouslyInProgramme' });
      }
      const similarRow = hashes.map((h) => firstPrint.get(h)).find((p) => p && p.nik !== nik);
      if (hashes.some((h) => registeredPrints.has(keys.fingerprint(program.year, h).pk))) {
        row.status = 'POSSIBLE_DUPLICATE';
        row.messages.push({ column: 'Nama Lengkap', key: 'import.possibleRegistered' });
      } else if (similarRow) {
        row.status = 'POSSIBLE_DUPLICATE';
        row.messages.push({
          column: 'Nama Lengkap',
          key: 'import.possibleRow',
          params: { row: similarRow.line },
        });
      }
    }
    if (!firstNik.has(nik)) firstNik.set(nik, row.line);
    for (const h of hashes) if (!firstPrint.has(h)) firstPrint.set(h, { line: row.line, nik });
  });
  return checked.map(({ fields: _f, ...row }) => row);
}
