import { describe, expect, it } from 'vitest';
import { findVillage } from '../../shared/domain/regions.js';
import { DomainError, type ErrorCode } from '../../shared/errors.js';
import {
  type Claims,
  canSeeFullIdentity,
  canSeeVillage,
  type Principal,
  principalFromClaims,
  scopeOf,
} from '../../shared/principal.js';

const BANJARAN = '33.29.01.2001'; // Salem
const BENTAR = '33.29.01.2002'; // Salem
const BANGBAYANG = '33.29.02.2001'; // Bantarkawung
const SALEM = '33.29.01';
const BANTARKAWUNG = '33.29.02';

function errorCodeOf(claims: Claims | undefined): ErrorCode | undefined {
  try {
    principalFromClaims(claims);
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

const official: Principal = {
  sub: 'u-official',
  role: 'village_official',
  villageCode: BANJARAN,
  districtCode: SALEM,
};
const volunteer: Principal = { sub: 'u-volunteer', role: 'fmpp_volunteer', districtCode: SALEM };
const bappeda: Principal = { sub: 'u-bappeda', role: 'bappeda_staff' };

describe('the reference codes used here', () => {
  it('are the villages and kecamatan the tests assume', () => {
    expect(findVillage(BANJARAN)).toEqual({ code: BANJARAN, name: 'Banjaran', districtCode: SALEM });
    expect(findVillage(BENTAR)?.districtCode).toBe(SALEM);
    expect(findVillage(BANGBAYANG)?.districtCode).toBe(BANTARKAWUNG);
  });
});

describe('principalFromClaims', () => {
  it.each<[string, unknown]>([
    ['an array', ['village_official']],
    ["API Gateway's string form", '[village_official]'],
    ['a bare string', 'village_official'],
    ['an array with a non-GKB group too', ['us-east-1_pool_Google', 'village_official']],
    ["API Gateway's string form with a non-GKB group too", '[village_official us-east-1_pool_Google]'],
    ['the same group listed twice', ['village_official', 'village_official']],
  ])('reads a village official from groups given as %s', (_label, groups) => {
    expect(
      principalFromClaims({ sub: 'u-1', 'cognito:groups': groups, 'custom:village_code': BANJARAN }),
    ).toEqual({ sub: 'u-1', role: 'village_official', villageCode: BANJARAN, districtCode: SALEM });
  });

  it.each<[string, unknown]>([
    ['an array', ['fmpp_volunteer']],
    ["API Gateway's string form", '[fmpp_volunteer]'],
  ])('reads a volunteer from groups given as %s', (_label, groups) => {
    expect(
      principalFromClaims({ sub: 'u-2', 'cognito:groups': groups, 'custom:district_code': BANTARKAWUNG }),
    ).toEqual({ sub: 'u-2', role: 'fmpp_volunteer', districtCode: BANTARKAWUNG });
  });

  it.each<[string, unknown]>([
    ['an array', ['bappeda_staff']],
    ["API Gateway's string form", '[bappeda_staff]'],
  ])('reads Bappeda staff from groups given as %s', (_label, groups) => {
    expect(principalFromClaims({ sub: 'u-3', 'cognito:groups': groups })).toEqual({
      sub: 'u-3',
      role: 'bappeda_staff',
    });
  });

  it('ignores scope claims that do not belong to the role', () => {
    expect(
      principalFromClaims({
        sub: 'u-3',
        'cognito:groups': ['bappeda_staff'],
        'custom:village_code': BANJARAN,
        'custom:district_code': SALEM,
      }),
    ).toEqual({ sub: 'u-3', role: 'bappeda_staff' });
  });

  it.each<[string, Claims | undefined]>([
    ['no claims', undefined],
    ['no sub', { 'cognito:groups': ['bappeda_staff'] }],
    ['an empty sub', { sub: '', 'cognito:groups': ['bappeda_staff'] }],
    ['a numeric sub', { sub: 42, 'cognito:groups': ['bappeda_staff'] }],
    ['a null sub', { sub: null, 'cognito:groups': ['bappeda_staff'] }],
  ])('is UNAUTHENTICATED with %s', (_label, claims) => {
    expect(errorCodeOf(claims)).toBe('UNAUTHENTICATED');
  });

  it('throws a DomainError, not a plain error', () => {
    expect(() => principalFromClaims({})).toThrow(DomainError);
  });

  it.each<[string, Claims]>([
    ['no groups claim', { sub: 'u', 'custom:village_code': BANJARAN }],
    ['an empty group array', { sub: 'u', 'cognito:groups': [] }],
    ['an empty string form', { sub: 'u', 'cognito:groups': '[]' }],
    ['an unknown group', { sub: 'u', 'cognito:groups': ['admin'] }],
    ['an unknown group in string form', { sub: 'u', 'cognito:groups': '[admin]' }],
    ['a near-miss group name', { sub: 'u', 'cognito:groups': ['Bappeda_Staff'] }],
    [
      'two GKB roles',
      { sub: 'u', 'cognito:groups': ['village_official', 'bappeda_staff'], 'custom:village_code': BANJARAN },
    ],
    [
      'two GKB roles in string form',
      { sub: 'u', 'cognito:groups': '[fmpp_volunteer bappeda_staff]', 'custom:district_code': SALEM },
    ],
    ['a groups claim of the wrong type', { sub: 'u', 'cognito:groups': 7 }],
  ])('is FORBIDDEN with %s', (_label, claims) => {
    expect(errorCodeOf(claims)).toBe('FORBIDDEN');
  });

  it.each<[string, unknown]>([
    ['a village code not in Salem (9999)', '33.29.01.9999'],
    ['a village outside Brebes (Kabupaten Bogor)', '32.01.01.2001'],
    ['a kecamatan code instead of a village', SALEM],
    ['an undotted village code', '3329012001'],
    ['an empty village code', ''],
    ['no village code', undefined],
  ])('is FORBIDDEN for an official with %s', (_label, villageCode) => {
    const claims: Claims = { sub: 'u', 'cognito:groups': ['village_official'] };
    if (villageCode !== undefined) claims['custom:village_code'] = villageCode;
    expect(errorCodeOf(claims)).toBe('FORBIDDEN');
  });

  it.each<[string, unknown]>([
    ['an unknown kecamatan in Brebes', '33.29.99'],
    ['a kecamatan outside Brebes', '32.01.01'],
    ['the regency code', '33.29'],
    ['a village code instead of a kecamatan', BANJARAN],
    ['no district code', undefined],
  ])('is FORBIDDEN for a volunteer with %s', (_label, districtCode) => {
    const claims: Claims = { sub: 'u', 'cognito:groups': ['fmpp_volunteer'] };
    if (districtCode !== undefined) claims['custom:district_code'] = districtCode;
    expect(errorCodeOf(claims)).toBe('FORBIDDEN');
  });
});

describe('canSeeVillage', () => {
  it.each<[string, Principal, string, boolean]>([
    ['an official, own village', official, BANJARAN, true],
    ['an official, another village of the same kecamatan', official, BENTAR, false],
    ['an official, a village of another kecamatan', official, BANGBAYANG, false],
    ['an official, an unknown village', official, '33.29.01.9999', false],
    ['a volunteer, a village of own kecamatan', volunteer, BANJARAN, true],
    ['a volunteer, another village of own kecamatan', volunteer, BENTAR, true],
    ['a volunteer, a village of another kecamatan', volunteer, BANGBAYANG, false],
    ['a volunteer, an unknown village with own kecamatan prefix', volunteer, '33.29.01.9999', false],
    ['a volunteer, the kecamatan code itself', volunteer, SALEM, false],
    ['Bappeda, a Salem village', bappeda, BANJARAN, true],
    ['Bappeda, a Bantarkawung village', bappeda, BANGBAYANG, true],
  ])('%s → %s', (_label, principal, villageCode, visible) => {
    expect(canSeeVillage(principal, villageCode)).toBe(visible);
  });

  it('lets a Bantarkawung volunteer see Bantarkawung and not Salem', () => {
    const other = principalFromClaims({
      sub: 'u',
      'cognito:groups': '[fmpp_volunteer]',
      'custom:district_code': BANTARKAWUNG,
    });
    expect(canSeeVillage(other, BANGBAYANG)).toBe(true);
    expect(canSeeVillage(other, BANJARAN)).toBe(false);
  });
});

describe('canSeeFullIdentity', () => {
  it.each<[string, Principal, string, boolean]>([
    ["the village's own official", official, BANJARAN, true],
    ['an official of another village', official, BENTAR, false],
    ['an official of another kecamatan', official, BANGBAYANG, false],
    ['a volunteer of the kecamatan', volunteer, BANJARAN, false],
    ['a volunteer, another village of the kecamatan', volunteer, BENTAR, false],
    ['Bappeda', bappeda, BANJARAN, true],
    ['Bappeda, another kecamatan', bappeda, BANGBAYANG, true],
  ])('%s → %s', (_label, principal, villageCode, full) => {
    expect(canSeeFullIdentity(principal, villageCode)).toBe(full);
  });
});

describe('scopeOf', () => {
  it('describes the scope without personal data', () => {
    expect(scopeOf(official)).toBe(BANJARAN);
    expect(scopeOf(volunteer)).toBe(SALEM);
    expect(scopeOf(bappeda)).toBe('regency');
  });
});
