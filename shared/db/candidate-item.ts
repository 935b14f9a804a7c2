import type { CandidateFields, Status } from '../domain/candidate.js';
import type { School } from '../domain/workflow.js';
import type { FieldProblem } from '../errors.js';
import type { PersonRecord } from './people.js';

export type VillageFunding = 'FUNDED' | 'WAITLISTED' | 'NONE';
export type FundingSource = 'APBDES' | 'APBD';

export interface ApbdPlace {
  place: number;
  amount: number;
}

/** A candidate as stored (the full NIK and KK are encrypted at rest with the table's key). */
export interface CandidateItem extends CandidateFields {
  id: string;
  year: number;
  villageCode: string;
  districtCode: string;
  status: Status;
  villageFunding: VillageFunding;
  /** The APBDes amount of the village place held (fixed when the place is taken). */
  villageAmount: number | null;
  /** The APBD place held: its number in the year's pool and its amount. */
  apbd: ApbdPlace | null;
  /** Rupiah paid so far, per source. */
  disbursed: Record<FundingSource, number>;
  school: School | null;
  version: number;
  warnings: FieldProblem[];
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  /** Keyed hash of the NIK: links the candidate to its NIK guard item. */
  nikHash: string;
  /** Keyed hashes of the look-alike fingerprints (shared/domain/fingerprints.ts). */
  fingerprints: string[];
  /** `POSSIBLE_DUPLICATE` when another candidate of the year shares a fingerprint. */
  flags: string[];
  /** When the identifying fields were removed for good (UU PDP), and why; absent before. */
  anonymised?: { at: string; reason: string } | null;
  /** The person's earlier records, all closed when this one was registered (absent: none). */
  previous?: PersonRecord[];
  /** The record this one was carried over from, and the one it was carried to (absent: none). */
  carriedFrom?: CohortLink | null;
  carriedTo?: CohortLink | null;
  /** When the status last changed (absent on older records: their registration stands for it). */
  statusAt?: string;
  /** The date of the latest visit (follow-up), absent before the first. */
  lastVisit?: string | null;
  /** Visits in a row that found the learner not attending (shared/domain/follow-up.ts). */
  notAttending?: number;
  /** Enrolled again after dropping out (an outcome figure); absent: never. */
  reEnrolled?: boolean;
}

/** A record of another cohort: its id and year. */
export interface CohortLink {
  id: string;
  year: number;
}

export interface Disbursement {
  id: string;
  candidateId: string;
  source: FundingSource;
  amount: number;
  paidAt: string;
  reference: string;
  recordedAt: string;
  recordedBy: string;
}

/** The reversal of a payment (`VOID#<payment id>`): the payment itself is never changed or deleted. */
export interface PaymentVoid {
  disbursementId: string;
  at: string;
  actor: string;
  reason: string;
}

/** A payment as it is read: with its reversal, if it was voided. */
export type PaymentRecord = Disbursement & { voided: Omit<PaymentVoid, 'disbursementId'> | null };
