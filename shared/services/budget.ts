import { now as clockNow } from '../clock.js';
import { nextPlace, poolFromItem } from '../db/apbd.js';
import { batchGet } from '../db/batch-get.js';
import type { CandidateItem, Disbursement, PaymentRecord } from '../db/candidate-item.js';
import { readCandidate } from '../db/candidates.js';
import { CONTENDED, untilSettled } from '../db/contention.js';
import { readPayments } from '../db/history.js';
import { writeApbdAssignment, writePayment, writePaymentVoid } from '../db/money-writes.js';
import { programNotConfigured, settingsOf } from '../db/programs.js';
import { keys } from '../db/table.js';
import { waitlistOf } from '../db/waitlists.js';
import {
  type DisbursementInput,
  normaliseReference,
  paymentProblems,
  RESERVED_STATUSES,
} from '../domain/budget.js';
import { todayInBrebes } from '../domain/dates.js';
import { isId } from '../domain/ids.js';
import { DomainError, validationFailed } from '../errors.js';
import { addMessages } from '../i18n.js';
import { METRIC, putMetric } from '../metrics.js';
import type { Principal } from '../principal.js';
import { type StoredCandidate, withPosition } from './candidates.js';
import { workMessages } from './work-messages.js';

addMessages(workMessages);

/**
 * A candidate for Bappeda to act on, at the version the client read (`check`, between the
 * precondition and the version, refuses what would be refused at any version).
 */
async function readForBappeda(
  principal: Principal,
  id: string,
  ifMatch: number | undefined,
  check: (candidate: CandidateItem) => Promise<void> | void = () => {},
): Promise<CandidateItem> {
  if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
  const candidate = isId(id) ? await readCandidate(id) : undefined;
  if (!candidate) throw new DomainError('NOT_FOUND');
  if (ifMatch === undefined) throw new DomainError('PRECONDITION_REQUIRED');
  await check(candidate);
  if (ifMatch !== candidate.version) throw new DomainError('VERSION_MISMATCH');
  return candidate;
}

/**
 * Gives a waitlisted candidate an APBD place while places and money remain. A released
 * place is handed out again (lowest number first, with its own amount) before a new one.
 * The candidate leaves the village waitlist: it is funded.
 */
/**
 * What an APBD place for a candidate of `year` would be, read for the confirmation step: its
 * amount and what the pool keeps after it; undefined when no place is left.
 */
export async function apbdPlacePreview(
  year: number,
): Promise<{ amount: number; placesLeft: number; moneyLeft: number } | undefined> {
  const items = await batchGet([keys.program(year), keys.apbdPool(year)]);
  const programItem = items.find((i) => i.sk === keys.program(year).sk);
  if (!programItem) return undefined;
  const settings = settingsOf(programItem);
  const pool = poolFromItem(items.find((i) => i.sk === keys.apbdPool(year).sk));
  const place = nextPlace(pool, settings);
  if (!place) return undefined;
  return {
    amount: place.amount,
    placesLeft: settings.apbdPlaces - pool.placesHeld - 1,
    moneyLeft: settings.apbdCeiling - pool.moneyHeld - place.amount,
  };
}

export async function assignApbdPlace(
  principal: Principal,
  id: string,
  ifMatch: number | undefined,
  now: () => Date = clockNow,
): Promise<StoredCandidate> {
  return untilSettled(async () => {
    const current = await readForBappeda(principal, id, ifMatch);
    const eligible =
      RESERVED_STATUSES.includes(current.status) && current.villageFunding === 'WAITLISTED' && !current.apbd;
    if (!eligible) throw new DomainError('INVALID_TRANSITION', { message: { key: 'apbd.notEligible' } });

    const items = await batchGet([
      keys.program(current.year),
      keys.apbdPool(current.year),
      keys.waitlist(current.year, current.villageCode),
    ]);
    const programItem = items.find((i) => i.sk === keys.program(current.year).sk);
    if (!programItem) throw programNotConfigured(current.year);
    const pool = poolFromItem(items.find((i) => i.sk === keys.apbdPool(current.year).sk));
    const waitlist = waitlistOf(
      items.find((i) => i.pk === keys.waitlist(current.year, current.villageCode).pk),
    );
    const place = nextPlace(pool, settingsOf(programItem));
    if (!place) throw new DomainError('CEILING_EXCEEDED', { message: { key: 'apbd.noneLeft' } });

    const updated: CandidateItem = {
      ...current,
      apbd: place,
      villageFunding: 'NONE',
      version: current.version + 1,
      updatedAt: now().toISOString(),
    };
    const index = waitlist.indexOf(current.id);
    if (index < 0) return CONTENDED; // promoted since it was read: the next read sees its new version
    const outcome = await writeApbdAssignment(
      current,
      updated,
      pool,
      Number(programItem.version ?? 0),
      index,
      {
        at: updated.updatedAt,
        actor: { id: principal.sub, role: principal.role },
        action: 'APBD_PLACE_ASSIGNED',
        year: current.year,
        target: current.id,
        details: { place: place.place, amount: place.amount, villageCode: current.villageCode },
      },
    );
    if (outcome === 'versionMismatch') throw new DomainError('VERSION_MISMATCH');
    if (outcome !== 'ok') return CONTENDED;
    const ceiling = settingsOf(programItem).apbdCeiling;
    putMetric(METRIC.apbdPlacesUsed, pool.placesHeld + 1);
    putMetric(
      METRIC.apbdMoneyUsedPercent,
      Math.round(((pool.moneyHeld + place.amount) * 10_000) / ceiling) / 100,
      'Percent',
    );
    return withPosition(updated);
  });
}

/** Records a payment to the learner; a source's payments never exceed what is committed to them. */
export async function recordDisbursement(
  principal: Principal,
  id: string,
  ifMatch: number | undefined,
  input: DisbursementInput,
  now: () => Date = clockNow,
): Promise<{ disbursement: Disbursement; candidateVersion: number }> {
  const current = await readForBappeda(principal, id, ifMatch);
  const reference = normaliseReference(input.reference);
  const { problems, ceiling } = paymentProblems(current, { ...input, reference }, todayInBrebes(now()));
  if (problems.length > 0) throw validationFailed(problems);
  if (ceiling) throw new DomainError('CEILING_EXCEEDED', { details: [ceiling] });
  const { outcome, disbursement, updated } = await writePayment(
    principal,
    current,
    { ...input, reference },
    now().toISOString(),
  );
  if (outcome === 'versionMismatch') throw new DomainError('VERSION_MISMATCH');
  if (outcome === 'duplicateReference') {
    throw validationFailed([{ field: 'reference', key: 'disbursement.duplicateReference' }]);
  }
  return { disbursement, candidateVersion: updated.version };
}

/** A candidate's payments, oldest first, each with its reversal if it was voided (Bappeda). */
export async function listDisbursements(principal: Principal, id: string): Promise<PaymentRecord[]> {
  if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
  const candidate = isId(id) ? await readCandidate(id) : undefined;
  if (!candidate) throw new DomainError('NOT_FOUND');
  return readPayments(id);
}

/**
 * Voids a mistaken payment by a reversal with a reason: the payment stays on record, the
 * candidate's and the village's disbursed totals drop by its amount, and its reference may be
 * used again. A second void is `409 ALREADY_VOIDED`.
 */
export async function voidDisbursement(
  principal: Principal,
  id: string,
  disbursementId: string,
  ifMatch: number | undefined,
  reasonInput: string,
  now: () => Date = clockNow,
): Promise<StoredCandidate> {
  let payment: PaymentRecord | undefined;
  const current = await readForBappeda(principal, id, ifMatch, async () => {
    payment = isId(disbursementId)
      ? (await readPayments(id)).find((p) => p.id === disbursementId)
      : undefined;
    if (!payment) throw new DomainError('NOT_FOUND');
    if (payment.voided) throw new DomainError('ALREADY_VOIDED');
  });
  if (!payment) throw new DomainError('NOT_FOUND');
  const reason = reasonInput.trim().replace(/\s+/g, ' ');
  if (reason.length < 3 || reason.length > 500)
    throw validationFailed([{ field: 'reason', key: 'disbursement.voidReason' }]);
  const at = now().toISOString();
  const updated: CandidateItem = {
    ...current,
    disbursed: { ...current.disbursed, [payment.source]: current.disbursed[payment.source] - payment.amount },
    version: current.version + 1,
    updatedAt: at,
  };
  const { voided: _, ...recorded } = payment;
  const outcome = await writePaymentVoid(
    current,
    updated,
    recorded,
    { disbursementId, at, actor: principal.sub, reason },
    {
      at,
      actor: { id: principal.sub, role: principal.role },
      action: 'PAYMENT_VOIDED',
      year: current.year,
      target: current.id,
      details: {
        disbursementId,
        source: payment.source,
        amount: payment.amount,
        reference: payment.reference,
      },
    },
  );
  if (outcome === 'alreadyVoided') throw new DomainError('ALREADY_VOIDED');
  if (outcome !== 'ok') throw new DomainError('VERSION_MISMATCH');
  return withPosition(updated);
}
