import { counterChanges, type FUNDING_SOURCES } from '../domain/budget.js';
import { newId } from '../domain/ids.js';
import type { Principal } from '../principal.js';
import { type ApbdPool, takePlace } from './apbd.js';
import { type AuditEntry, auditPut } from './audit.js';
import type { CandidateItem, Disbursement, PaymentVoid } from './candidate-item.js';
import { putCandidate } from './candidates.js';
import { tableName } from './client.js';
import { programUnchanged } from './programs.js';
import { keys } from './table.js';
import { transactOr } from './transact.js';
import { UpdateBuilder } from './update-expression.js';
import { removeFromWaitlist } from './waitlists.js';

/**
 * Gives a waitlisted candidate an APBD place in one transaction: the pool (the place still
 * free or still the next to create), the settings unchanged, the candidate at its version,
 * the village aggregate (money reserved) and the village waitlist, which the candidate leaves
 * from `waitlistIndex`, where it must still be, and the audit entry.
 */
export async function writeApbdAssignment(
  current: CandidateItem,
  updated: CandidateItem,
  pool: ApbdPool,
  programVersion: number,
  waitlistIndex: number,
  audit: AuditEntry,
): Promise<'ok' | 'versionMismatch' | 'changed'> {
  const aggregate = new UpdateBuilder().addAll(counterChanges(current, updated)).when('attribute_exists(pk)');
  if (!updated.apbd) throw new Error('an APBD assignment must give a place');
  return transactOr(
    [
      putCandidate(updated, current.version),
      takePlace(updated.year, pool, updated.apbd),
      programUnchanged(updated.year, programVersion),
      {
        Update: {
          TableName: tableName(),
          Key: keys.villageAggregate(updated.year, updated.villageCode),
          ...aggregate.build(),
        },
      },
      removeFromWaitlist(updated.year, updated.villageCode, waitlistIndex, current.id),
      auditPut(audit),
    ],
    (failed, anyFailed) => (failed(0) ? 'versionMismatch' : anyFailed ? 'changed' : undefined),
  );
}

/**
 * Records a payment in one transaction: the candidate's paid total (at its version, so two
 * payments cannot both fit under the same commitment), the payment, its reference (once per
 * candidate and source), the village aggregate's disbursed money and the audit entry.
 */
export async function writeDisbursement(
  current: CandidateItem,
  updated: CandidateItem,
  payment: Disbursement,
  audit: AuditEntry,
): Promise<'ok' | 'versionMismatch' | 'duplicateReference'> {
  const aggregate = new UpdateBuilder().addAll(counterChanges(current, updated)).when('attribute_exists(pk)');
  return transactOr(
    [
      putCandidate(updated, current.version),
      {
        Put: {
          TableName: tableName(),
          Item: {
            ...keys.paymentReference(current.id, payment.source, payment.reference),
            disbursementId: payment.id,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: tableName(),
          Item: { ...keys.disbursement(current.id, payment.id), ...payment },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: tableName(),
          Key: keys.villageAggregate(current.year, current.villageCode),
          ...aggregate.build(),
        },
      },
      auditPut(audit),
    ],
    (failed) => (failed(0) ? 'versionMismatch' : failed(1) ? 'duplicateReference' : undefined),
  );
}

/**
 * Voids a payment in one transaction: the candidate's paid total lowered (at its version),
 * the reversal (at most one per payment: a second is `alreadyVoided`), the payment still
 * there, its reference released (the right payment may then be recorded under it), the
 * village aggregate's disbursed money and the audit entry.
 */
export async function writePaymentVoid(
  current: CandidateItem,
  updated: CandidateItem,
  payment: Disbursement,
  reversal: PaymentVoid,
  audit: AuditEntry,
): Promise<'ok' | 'versionMismatch' | 'alreadyVoided' | 'changed'> {
  const aggregate = new UpdateBuilder().addAll(counterChanges(current, updated)).when('attribute_exists(pk)');
  return transactOr(
    [
      putCandidate(updated, current.version),
      {
        Put: {
          TableName: tableName(),
          Item: { ...keys.paymentVoid(current.id, payment.id), ...reversal },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        ConditionCheck: {
          TableName: tableName(),
          Key: keys.disbursement(current.id, payment.id),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      {
        Delete: {
          TableName: tableName(),
          Key: keys.paymentReference(current.id, payment.source, payment.reference),
          ConditionExpression: 'disbursementId = :payment',
          ExpressionAttributeValues: { ':payment': payment.id },
        },
      },
      {
        Update: {
          TableName: tableName(),
          Key: keys.villageAggregate(current.year, current.villageCode),
          ...aggregate.build(),
        },
      },
      auditPut(audit),
    ],
    (failed, anyFailed) =>
      failed(1) ? 'alreadyVoided' : failed(0) ? 'versionMismatch' : anyFailed ? 'changed' : undefined,
  );
}

/**
 * One payment to a candidate as read (`current`), by `principal`: the candidate's paid total
 * one version on, the payment and its `PAYMENT_RECORDED` audit entry, written by
 * writeDisbursement. Its rules (shared/domain/budget.ts, `paymentProblems`) are checked
 * before; the transaction keeps them true against whatever happened since the read.
 */
export async function writePayment(
  principal: Principal,
  current: CandidateItem,
  input: { source: (typeof FUNDING_SOURCES)[number]; amount: number; paidAt: string; reference: string },
  at: string,
): Promise<{
  outcome: 'ok' | 'versionMismatch' | 'duplicateReference';
  disbursement: Disbursement;
  updated: CandidateItem;
}> {
  const updated: CandidateItem = {
    ...current,
    disbursed: { ...current.disbursed, [input.source]: current.disbursed[input.source] + input.amount },
    version: current.version + 1,
    updatedAt: at,
  };
  const disbursement: Disbursement = {
    id: newId(),
    candidateId: current.id,
    source: input.source,
    amount: input.amount,
    paidAt: input.paidAt,
    reference: input.reference,
    recordedAt: at,
    recordedBy: principal.sub,
  };
  const outcome = await writeDisbursement(current, updated, disbursement, {
    at,
    actor: { id: principal.sub, role: principal.role },
    action: 'PAYMENT_RECORDED',
    year: current.year,
    target: current.id,
    details: {
      disbursementId: disbursement.id,
      source: input.source,
      amount: input.amount,
      reference: input.reference,
    },
  });
  return { outcome, disbursement, updated };
}
