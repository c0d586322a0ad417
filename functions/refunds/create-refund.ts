import { requestFingerprint } from '../../domain/payments/idempotency';
import { newRefundId, type Refund } from '../../domain/refunds/refund';
import { decideRefundRequest, type RefundRequest } from '../../domain/refunds/refund-request';
import { toVietnamIso } from '../../domain/shared/business-date';
import type { AmountVnd } from '../../domain/shared/money';
import type { Dependencies } from '../composition';
import type { Principal } from '../http/principal';
import { accessPayment } from '../payments/payment-access';
import type { RefundKeyRecord } from './refund-repository';

/**
 * Asking for a refund of a payment (CONTRACT.md, Refunds): the caller may act for the payment's
 * agency → a key seen before answers from its record (a replay, or a key reused for another request)
 * → the pure decision on the payment as read → ONE transaction (refund-repository.ts) that commits
 * only if the payment's reserve is still as read. When another refund got in between, the decision is
 * made again on the payment as it is now, and answers the mismatch. Every expected outcome is a value.
 *
 * The refund goes to the provider after the commit; see docs/REFUNDS.md for how it is sent.
 */
export interface CreateRefundCommand {
  readonly principal: Principal;
  readonly paymentId: string;
  readonly idempotencyKey: string;
  readonly request: RefundRequest;
  /** Set when a case's REFUND decision asks for the refund. */
  readonly caseId?: string;
}

export type CreateRefundResult =
  | { readonly kind: 'CREATED'; readonly refund: Refund }
  | { readonly kind: 'REPLAYED'; readonly refund: Refund }
  | { readonly kind: 'IDEMPOTENCY_KEY_REUSED' }
  | { readonly kind: 'IDEMPOTENCY_KEY_IN_USE' }
  | { readonly kind: 'NOT_FOUND' }
  | { readonly kind: 'FORBIDDEN' }
  | { readonly kind: 'REFUND_NOT_AVAILABLE'; readonly why: string }
  | { readonly kind: 'REFUND_AMOUNT_AVAILABLE_MISMATCH'; readonly amountAvailable: AmountVnd }
  | { readonly kind: 'REFUND_AMOUNT_INVALID'; readonly amountAvailable: AmountVnd };

export type CreateRefundDependencies = Pick<Dependencies, 'payments' | 'refunds' | 'clock'>;

/** Decisions made again after losing a race: each loss means another refund committed. */
const MAX_DECISIONS = 5;

export async function createRefund(command: CreateRefundCommand, deps: CreateRefundDependencies): Promise<CreateRefundResult> {
  const { principal, paymentId } = command;
  const access = await accessPayment(paymentId, principal, deps);
  if (access.kind !== 'ALLOWED') return { kind: access.kind };

  const fingerprint = requestFingerprint({ paymentId, ...command.request, caseId: command.caseId });
  const keyScope = { caller: principal.subject, key: command.idempotencyKey, fingerprint };
  const seen = await deps.refunds.findKey(keyScope.caller, keyScope.key, deps.clock.now());
  if (seen) return answerFromRecord(seen, fingerprint, deps);

  let payment = access.payment;
  for (let decision = 0; decision < MAX_DECISIONS; decision++) {
    const now = deps.clock.now();
    const decided = decideRefundRequest(payment, command.request, {
      refundId: newRefundId(now),
      at: toVietnamIso(now),
      createdBy: principal.subject,
      ...(command.caseId !== undefined ? { caseId: command.caseId } : {}),
    });
    if (decided.kind !== 'ACCEPTED') return decided;
    const outcome = await deps.refunds.createRefund(decided, keyScope);
    switch (outcome.kind) {
      case 'CREATED':
        return { kind: 'CREATED', refund: outcome.refund };
      case 'KEY_TAKEN':
        return answerFromRecord(outcome.record, fingerprint, deps);
      case 'KEY_BUSY':
        return { kind: 'IDEMPOTENCY_KEY_IN_USE' };
      case 'PAYMENT_CHANGED': {
        const current = await deps.payments.getPayment(paymentId);
        if (!current) return { kind: 'NOT_FOUND' };
        payment = current;
      }
    }
  }
  throw new Error(`could not ask for a refund of ${paymentId} after repeated conflicts`);
}

async function answerFromRecord(record: RefundKeyRecord, fingerprint: string, deps: CreateRefundDependencies): Promise<CreateRefundResult> {
  if (record.fingerprint !== fingerprint) return { kind: 'IDEMPOTENCY_KEY_REUSED' };
  const refund = await deps.refunds.getRefund(record.paymentId, record.refundId);
  if (!refund) throw new Error(`refund key points at missing refund ${record.refundId}`);
  return { kind: 'REPLAYED', refund };
}
