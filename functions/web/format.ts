import { MONTH_NAMES } from '../../shared/domain/dates.js';
import { findDistrict, findVillage } from '../../shared/domain/regions.js';
import type { Lang } from '../../shared/i18n.js';
import { inLang } from '../../shared/labels.js';

/**
 * How pages write what people read: dates as "5 Juli 2010", times in Brebes' own time
 * ("2 Desember 2026, 14.05 WIB"), places by their names, money and counts in Indonesian style.
 */

/** `2010-07-05` as "5 Juli 2010"; anything that is no such date is shown as it is. */
export function dateText(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const month = m ? MONTH_NAMES[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${inLang(month, lang)} ${m[1]}` : iso;
}

/** An instant (ISO, UTC) as the date and time in Brebes (WIB, UTC+7): "2 Desember 2026, 14.05 WIB". */
export function timeText(iso: string, lang: Lang): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const wib = new Date(ms + 7 * 3600_000).toISOString();
  const hm = lang === 'en' ? wib.slice(11, 16) : wib.slice(11, 16).replace(':', '.');
  return `${dateText(wib, lang)}, ${hm} WIB`;
}

/** A village by name, with its kecamatan: "Banjaran, Kec. Salem"; an unknown code as it is. */
export function villageText(code: string): string {
  const village = findVillage(code);
  if (!village) return code;
  const district = findDistrict(village.districtCode);
  return district ? `${village.name}, Kec. ${district.name}` : village.name;
}

/** A village's name alone ("Banjaran"). */
export const villageName = (code: string): string => findVillage(code)?.name ?? code;

/** A kecamatan by name ("Salem"). */
export const districtName = (code: string): string => findDistrict(code)?.name ?? code;

/** A count as Indonesians write it: 1.234. */
export const countText = (n: number): string => n.toLocaleString('id-ID');
