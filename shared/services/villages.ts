import { programNotConfigured } from '../db/programs.js';
import { byStatusOf, readProgramAndCounters, waitlistedIn } from '../db/villages.js';
import type { Status } from '../domain/candidate.js';
import { findVillage } from '../domain/regions.js';
import { DomainError } from '../errors.js';
import { canSeeVillage, type Principal } from '../principal.js';

export interface VillageSummary {
  code: string;
  name: string;
  districtCode: string;
  year: number;
  quota: number;
  funded: number;
  waitlisted: number;
  byStatus: Record<Status, number>;
}

/**
 * A village's places, waitlist and counts by status for a year, from its aggregate (one
 * request with the programme). Outside the caller's scope it does not exist (404).
 */
export async function villageSummary(
  principal: Principal,
  code: string,
  year: number,
): Promise<VillageSummary> {
  const village = findVillage(code);
  if (!village || !canSeeVillage(principal, village.code)) throw new DomainError('NOT_FOUND');
  const { program, aggregate } = await readProgramAndCounters(year, village.code);
  if (!program) throw programNotConfigured(year);
  return {
    ...village,
    year,
    quota: program.villageQuota,
    funded: aggregate?.funded ?? 0,
    waitlisted: aggregate ? waitlistedIn(aggregate) : 0,
    byStatus: byStatusOf(aggregate),
  };
}
