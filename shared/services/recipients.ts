import { queryCandidates } from '../db/candidates.js';
import { COMMITTED_STATUSES, committedTo, type FUNDING_SOURCES } from '../domain/budget.js';
import type { Status } from '../domain/candidate.js';
import { maskIdNumber } from '../domain/nik.js';
import { findDistrict, findVillage } from '../domain/regions.js';
import { DomainError } from '../errors.js';
import type { Principal } from '../principal.js';

/** Records one recipient list reads at most: every village's places and every APBD place, many times over. */
const MAX_RECORDS = 50_000;

export type FundingSource = (typeof FUNDING_SOURCES)[number];

export interface Recipient {
  candidateId: string;
  fullName: string | null;
  nikMasked: string;
  villageCode: string;
  village: string;
  districtCode: string;
  district: string;
  status: Status;
  school: string | null;
  level: string | null;
  committed: number;
  disbursed: number;
}

export interface RecipientList {
  year: number;
  source: FundingSource;
  rows: Recipient[];
  totals: { people: number; committed: number; disbursed: number };
}

/**
 * `GET /reports/recipients` (Bappeda): for the Bupati's decree annex and the bank, one row per
 * person of the cohort with money committed from `source` (enrolled, with a place of that
 * source; a learner who dropped out keeps the commitment and is listed with that status):
 * name, masked NIK, village, kecamatan, school, level, committed and disbursed, sorted by
 * kecamatan, village and name. Reads the cohort's records with money committed (one range of
 * its list, filtered by status).
 */
export async function recipientList(
  principal: Principal,
  year: number,
  source: FundingSource,
): Promise<RecipientList> {
  if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
  const { items } = await queryCandidates({
    year,
    prefix: '',
    statuses: COMMITTED_STATUSES,
    limit: MAX_RECORDS,
  });
  const rows = items
    .filter((c) => committedTo(c, source) > 0)
    .map((c) => ({
      candidateId: c.id,
      fullName: c.anonymised ? null : c.fullName,
      nikMasked: c.anonymised ? '' : maskIdNumber(c.nik),
      villageCode: c.villageCode,
      village: findVillage(c.villageCode)?.name ?? c.villageCode,
      districtCode: c.districtCode,
      district: findDistrict(c.districtCode)?.name ?? c.districtCode,
      status: c.status,
      school: c.school?.name ?? null,
      level: c.school?.level ?? null,
      committed: committedTo(c, source),
      disbursed: c.disbursed[source],
    }))
    .sort(
      (a, b) =>
        a.districtCode.localeCompare(b.districtCode) ||
        a.villageCode.localeCompare(b.villageCode) ||
        (a.fullName ?? '').localeCompare(b.fullName ?? '') ||
        a.candidateId.localeCompare(b.candidateId),
    );
  return {
    year,
    source,
    rows,
    totals: {
      people: rows.length,
      committed: rows.reduce((n, r) => n + r.committed, 0),
      disbursed: rows.reduce((n, r) => n + r.disbursed, 0),
    },
  };
}
