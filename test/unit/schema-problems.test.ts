import { describe, expect, it } from 'vitest';
import { correctionSchema, registrationSchema } from '../../shared/domain/candidate.js';
import { parseWith } from '../../shared/schema-problems.js';
import { registration } from '../support/candidates.js';

const valid = () => registration(1);

/** Parses JSON text as a request body arrives, so that `__proto__` becomes an own key. */
const fromJson = (extra: string) => JSON.parse(JSON.stringify(valid()).replace(/^\{/, `{${extra},`));

describe('parseWith(registrationSchema)', () => {
  it('returns the data of a valid body', () => {
    const result = parseWith(registrationSchema, valid());
    expect(result.problems).toEqual([]);
    expect(result.data).toEqual(valid());
  });

  it('accepts null for the nullable optional fields', () => {
    const body = { ...valid(), reasonNote: null, plannedPathway: null, disability: null, phone: null };
    expect(parseWith(registrationSchema, body).problems).toEqual([]);
  });

  it.each([
    ['__proto__', '"__proto__":{"isAdmin":true}'],
    ['status', '"status":"ENROLLED"'],
    ['constructor', '"constructor":{"prototype":{}}'],
    ['id', '"id":"01J0000000000000000000000"'],
    ['funding', '"funding":"APBD"'],
  ])('names the unknown key %s', (field, extra) => {
    const body: unknown = fromJson(extra);
    const result = parseWith(registrationSchema, body);
    expect(result.data).toBeUndefined();
    expect(result.problems).toEqual([{ field, key: 'field.unknown' }]);
  });

  it('names every unknown key of a JSON body, __proto__ included', () => {
    const body: unknown = fromJson('"__proto__":{"x":1},"status":"ENROLLED","constructor":1');
    const result = parseWith(registrationSchema, body);
    expect(result.problems).toEqual([
      { field: '__proto__', key: 'field.unknown' },
      { field: 'status', key: 'field.unknown' },
      { field: 'constructor', key: 'field.unknown' },
    ]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('names an unknown key inside consent with its path', () => {
    const body = { ...valid(), consent: { ...valid().consent, witness: 'Pak RT' } };
    expect(parseWith(registrationSchema, body).problems).toEqual([
      { field: 'consent.witness', key: 'field.unknown' },
    ]);
  });

  it.each([
    'year',
    'villageCode',
    'nik',
    'kk',
    'fullName',
    'birthDate',
    'sex',
    'track',
    'reasonCode',
    'consent',
  ])('reports a missing %s as required', (field) => {
    const body: Record<string, unknown> = valid();
    delete body[field];
    expect(parseWith(registrationSchema, body).problems).toEqual([{ field, key: 'field.required' }]);
  });

  it.each(['given', 'by', 'name'])('reports a missing consent.%s as required', (key) => {
    const consent: Record<string, unknown> = { ...valid().consent };
    delete consent[key];
    expect(parseWith(registrationSchema, { ...valid(), consent }).problems).toEqual([
      { field: `consent.${key}`, key: 'field.required' },
    ]);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['a numeric NIK', { nik: 3329014507100001 }, 'nik', 'field.string'],
    ['a numeric KK', { kk: 3329010101100001 }, 'kk', 'field.string'],
    ['a name array', { fullName: ['Siti'] }, 'fullName', 'field.string'],
    ['a numeric phone', { phone: 81234567890 }, 'phone', 'field.string'],
    ['a string year', { year: '2026' }, 'year', 'field.integer'],
    ['a fractional year', { year: 2026.5 }, 'year', 'field.integer'],
    ['a string reason code', { reasonCode: '3' }, 'reasonCode', 'field.integer'],
    ['a fractional reason code', { reasonCode: 2.5 }, 'reasonCode', 'field.integer'],
    ['a string disability', { disability: 'yes' }, 'disability', 'field.boolean'],
    ['a numeric disability', { disability: 1 }, 'disability', 'field.boolean'],
    ['consent as a string', { consent: 'yes' }, 'consent', 'field.object'],
  ])('reports %s', (_label, change, field, key) => {
    expect(parseWith(registrationSchema, { ...valid(), ...change }).problems).toEqual([{ field, key }]);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['sex L (shown, not stored)', { sex: 'L' }, 'sex', 'M, F'],
    ['a lower-case track', { track: 'ats' }, 'track', 'ATS, DTS'],
    [
      'an unknown out-of-school type',
      { outOfSchoolType: 'MOVED' },
      'outOfSchoolType',
      'DROPPED_OUT, NOT_CONTINUED, NEVER_ENROLLED',
    ],
    ['an unknown level', { lastLevel: 'SMK' }, 'lastLevel', 'NONE, SD, SMP, SMA'],
    [
      'an unknown pathway',
      { plannedPathway: 'PAKET_D' },
      'plannedPathway',
      'SD, SMP, SMA, SMK, PAKET_A, PAKET_B, PAKET_C, COURSE',
    ],
  ])('reports %s as not one of the values', (_label, change, field, values) => {
    expect(parseWith(registrationSchema, { ...valid(), ...change }).problems).toEqual([
      { field, key: 'field.oneOf', params: { values } },
    ]);
  });

  it('reports a nested consent.by outside the values', () => {
    const body = { ...valid(), consent: { ...valid().consent, by: 'PARENT' } };
    expect(parseWith(registrationSchema, body).problems).toEqual([
      { field: 'consent.by', key: 'field.oneOf', params: { values: 'SELF, GUARDIAN' } },
    ]);
  });

  it('reports a nested consent.given of the wrong type', () => {
    const body = { ...valid(), consent: { ...valid().consent, given: 'true' } };
    expect(parseWith(registrationSchema, body).problems).toEqual([
      { field: 'consent.given', key: 'field.boolean' },
    ]);
  });

  it.each<[number, string, Record<string, number>]>([
    [0, 'field.min', { min: 1 }],
    [13, 'field.max', { max: 12 }],
  ])('reports reason code %i out of range', (reasonCode, key, params) => {
    expect(parseWith(registrationSchema, { ...valid(), reasonCode }).problems).toEqual([
      { field: 'reasonCode', key, params },
    ]);
  });

  it('reports a string that is too long', () => {
    expect(parseWith(registrationSchema, { ...valid(), nik: '1'.repeat(65) }).problems).toEqual([
      { field: 'nik', key: 'field.tooLong', params: { max: 64 } },
    ]);
  });

  it('reports every faulty field of one body, one problem per field', () => {
    const { nik: _nik, ...withoutNik } = valid();
    const body = {
      ...withoutNik,
      status: 'ACTIVE',
      year: 'this year',
      sex: 'X',
      disability: 'no',
      consent: { given: 'y', by: 'PARENT', name: 'Tarsih', extra: true },
    };
    const result = parseWith(registrationSchema, body);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { field: 'status', key: 'field.unknown' },
        { field: 'year', key: 'field.integer' },
        { field: 'nik', key: 'field.required' },
        { field: 'sex', key: 'field.oneOf', params: { values: 'M, F' } },
        { field: 'disability', key: 'field.boolean' },
        { field: 'consent.given', key: 'field.boolean' },
        { field: 'consent.by', key: 'field.oneOf', params: { values: 'SELF, GUARDIAN' } },
        { field: 'consent.extra', key: 'field.unknown' },
      ]),
    );
    expect(result.problems).toHaveLength(8);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', []],
    ['a string', 'nik=3329014507100001'],
  ])('reports a body that is %s as not an object', (_label, body) => {
    expect(parseWith(registrationSchema, body).problems).toEqual([{ field: 'body', key: 'field.object' }]);
  });
});

describe('parseWith(correctionSchema)', () => {
  it('accepts a partial correction', () => {
    expect(parseWith(correctionSchema, { fullName: 'Siti Nur Aminah' })).toEqual({
      data: { fullName: 'Siti Nur Aminah' },
      problems: [],
    });
  });

  it.each(['year', 'villageCode', 'status'])('refuses to change %s', (field) => {
    expect(parseWith(correctionSchema, { [field]: 'x' }).problems).toEqual([{ field, key: 'field.unknown' }]);
  });
});
