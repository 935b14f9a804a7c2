import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { extractRegions } from '../../scripts/regions.js';
import { decodeDistrictCodes, encodeDistrictCodes } from '../../shared/domain/district-codes.js';
import {
  districts,
  findDistrict,
  findVillage,
  isDistrictCode,
  isProvinceCode,
  villages,
  villagesOf,
} from '../../shared/domain/regions.js';

const committed: unknown = JSON.parse(
  readFileSync(new URL('../../shared/reference/regions.json', import.meta.url), 'utf8'),
);

describe('regions reference data', () => {
  it('matches a fresh extract from idn-area-data', () => {
    expect(extractRegions()).toEqual(committed);
  });

  it('knows every kecamatan code of Indonesia, compactly, and nothing else', () => {
    const csv = readFileSync(
      createRequire(import.meta.url).resolve('idn-area-data/data/districts.csv'),
      'utf8',
    );
    const codes = csv
      .split(/\r?\n/)
      .slice(1)
      .filter(Boolean)
      .map((line) => (line.split(',')[0] ?? '').replaceAll('.', ''));
    expect(codes.length).toBeGreaterThan(7000);
    expect(decodeDistrictCodes(encodeDistrictCodes(codes))).toEqual([...codes].sort());
    for (const code of codes) expect(isDistrictCode(code)).toBe(true);
    for (const code of ['332999', '330000', '990101', '3329', '']) expect(isDistrictCode(code)).toBe(false);
    expect(JSON.stringify(extractRegions().allDistrictCodes).length).toBeLessThan(10_000);
  });

  it('has the 17 kecamatan and 297 villages of Kabupaten Brebes', () => {
    const extract = extractRegions();
    expect(extract.regency).toEqual({ code: '33.29', name: 'Kabupaten Brebes' });
    expect(extract.districts).toHaveLength(17);
    expect(extract.villages.split('|')).toHaveLength(297);
    expect(districts).toHaveLength(17);
    expect(villages).toHaveLength(297);
  });

  it('numbers the kecamatan 33.29.01 to 33.29.17', () => {
    expect(districts.map((d) => d.code)).toEqual(
      Array.from({ length: 17 }, (_, i) => `33.29.${String(i + 1).padStart(2, '0')}`),
    );
    expect(findDistrict('33.29.01')?.name).toBe('Salem');
  });

  it('puts every village in one of the 17 kecamatan, under its own code', () => {
    const codes = new Set(districts.map((d) => d.code));
    for (const village of villages) {
      expect(codes.has(village.districtCode)).toBe(true);
      expect(village.code.startsWith(`${village.districtCode}.`)).toBe(true);
      expect(village.code).toMatch(/^33\.29\.\d{2}\.\d{4}$/);
    }
    expect(new Set(villages.map((v) => v.code)).size).toBe(297);
    expect(districts.reduce((sum, d) => sum + villagesOf(d.code).length, 0)).toBe(297);
  });

  it('every kecamatan has villages', () => {
    for (const district of districts) expect(villagesOf(district.code).length).toBeGreaterThan(0);
  });

  it('finds Banjaran in Salem', () => {
    expect(findVillage('33.29.01.2001')).toEqual({
      code: '33.29.01.2001',
      name: 'Banjaran',
      districtCode: '33.29.01',
    });
    expect(findVillage('33.29.01.9999')).toBeUndefined();
  });

  it('knows province and kecamatan codes across Indonesia', () => {
    expect(isProvinceCode('33')).toBe(true);
    expect(isProvinceCode('32')).toBe(true);
    expect(isProvinceCode('99')).toBe(false);
    expect(isProvinceCode('00')).toBe(false);
    expect(isDistrictCode('332901')).toBe(true);
    expect(isDistrictCode('332917')).toBe(true);
    expect(isDistrictCode('320101')).toBe(true);
    expect(isDistrictCode('332918')).toBe(false);
    expect(isDistrictCode('339999')).toBe(false);
  });
});
