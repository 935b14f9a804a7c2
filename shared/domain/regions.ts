import data from '../reference/regions.json' with { type: 'json' };
import { decodeDistrictCodes } from './district-codes.js';

export interface District {
  code: string;
  name: string;
}
export interface Village {
  code: string;
  name: string;
  districtCode: string;
}

export const regency: { code: string; name: string } = data.regency;
export const districts: readonly District[] = data.districts;
export const villages: readonly Village[] = data.villages.split('|').map((entry) => {
  const code = entry.slice(0, entry.indexOf(' '));
  return { code, name: entry.slice(code.length + 1), districtCode: code.slice(0, 8) };
});

const provinceCodes = new Set(data.provinceCodes);
let allDistrictCodes: Set<string> | undefined;
const villageByCode = new Map(villages.map((v) => [v.code, v]));
const districtByCode = new Map(districts.map((d) => [d.code, d]));

export const findVillage = (code: string): Village | undefined => villageByCode.get(code);
export const findDistrict = (code: string): District | undefined => districtByCode.get(code);
export const villagesOf = (districtCode: string): Village[] =>
  villages.filter((v) => v.districtCode === districtCode);

/** `33` is a province code (NIK digits 1–2). */
export const isProvinceCode = (twoDigits: string): boolean => provinceCodes.has(twoDigits);
/** `332901` is a kecamatan code anywhere in Indonesia (NIK digits 1–6). */
export const isDistrictCode = (sixDigits: string): boolean => {
  // Unpacked on the first NIK check, not at cold start.
  allDistrictCodes ??= new Set(decodeDistrictCodes(data.allDistrictCodes));
  return allDistrictCodes.has(sixDigits);
};
