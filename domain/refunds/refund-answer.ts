import { caseTransition, type CaseStatus } from '../cases/case-state-machine';
import type { Payment } from '../payments/payment';
import type { ProviderName } from '../providers/provider-payment-report';
import type { Receipt } from '../receipts/receipt';
import { applyRefund } from '../receipts/receipt-refund';
import { counterDeltasFor, type CounterDelta } from '../reports/counters';
import { businessDateOf, toVietnamIso, type BusinessDate } from '../shared/business-date';
import type { AmountVnd } from '../shared/money';
import { paymentRefundedEventId, type PaymentRefundedEvent, type Refund, type RefundEvent } from './refund';
import { refundTransition, type RefundStatus } from './refund-state-machine';
import { collectedAmount } from './refund-summary';

/**
 * What a provider's answer about a refund does: (payment, refund, answer, receipt, case) → effects.
 * Pure; one adapter (functions/refunds/refund-effects-writer.ts) writes every effect in ONE
 * transaction with a dedupe record of the answer, or none of them. docs/REFUNDS.md has the table.
 *
 *   SUCCEEDED  refund SUBMITTED → SUCCEEDED; payment's refundedAmount += amount; counters: a full
 *              refund takes the payment out of its business date's counts (PAYMENT_REVERSED of what
 *              is still counted), a partial one keeps it counted, net (PAYMENT_PARTLY_REFUNDED); the
 *              receipt is adjusted (partial) or cancelled (full); a case REFUND_DUE → RESOLVED when
 *              the refund came from one; a PaymentRefunded outbox event for the portal.
 *   FAILED     refund SUBMITTED → FAILED; the payment's reserve gives the amount back (it can be
 *              refunded again); nothing else moves.
 * Expected non-moves are values: an answer about a refund the service does not have, the same answer
 * again (DUPLICATE), an answer contradicting a finished refund (IGNORED: a finished refund never
 * moves back), and an amount other than the refund's (AMOUNT_MISMATCH: nothing moves, finance looks).
 */
export interface RefundAnswer {
  readonly provider: ProviderName;
  /** The provider's id for this answer (a callback's event id, or one derived from a status query). */
  readonly eventId: string;
  readonly refundId: string;
  readonly paymentId: string;
  readonly providerRefundId: string;
  readonly status: 'SUCCEEDED' | 'FAILED';
  readonly amount: AmountVnd;
  /** The provider's refund time; its UTC+7 date is the refund's business date. */
  readonly occurredAt: string;
  readonly reason?: string;
}

/** The case a refund carries out, as read just before (its trail count is a write condition). */
export interface RefundCaseFacts {
  readonly caseId: string;
  readonly status: CaseStatus;
  readonly entries: number;
}

export interface RefundMove {
  readonly refundId: string;
  readonly paymentId: string;
  readonly from: RefundStatus;
  readonly to: RefundStatus;
  readonly set: Pick<Refund, 'providerRefundId' | 'updatedAt'> & Partial<Pick<Refund, 'refundedAt' | 'businessDate' | 'failureReason'>>;
  readonly event: RefundEvent;
}

/** The payment's running totals before and after (the write conditions on the befores). */
export interface PaymentTotalsMove {
  readonly paymentId: string;
  readonly reservedBefore: AmountVnd;
  readonly reservedAfter: AmountVnd;
  readonly refundedBefore: AmountVnd;
  readonly refundedAfter: AmountVnd;
  readonly event: { readonly type: 'PaymentRefunded' | 'RefundFailed'; readonly at: string; readonly [detail: string]: unknown };
}

export interface RefundEffects {
  readonly outcome: 'SUCCEEDED' | 'FAILED';
  readonly refund: RefundMove;
  readonly payment: PaymentTotalsMove;
  readonly counterDeltas: readonly CounterDelta[];
  readonly receipt: { readonly before: Receipt; readonly after: Receipt } | null;
  readonly caseResolved: RefundCaseFacts | null;
  readonly outbox: PaymentRefundedEvent | null;
  readonly fullRefund: boolean;
}

export type RefundAnswerDecision =
  | { readonly kind: 'APPLY'; readonly effects: RefundEffects }
  | { readonly kind: 'UNKNOWN_REFUND' }
  | { readonly kind: 'DUPLICATE' }
  | { readonly kind: 'IGNORED'; readonly why: string }
  | { readonly kind: 'AMOUNT_MISMATCH'; readonly expected: AmountVnd; readonly reported: AmountVnd };

type PaymentFacts = Pick<
  Payment,
  'paymentId' | 'dossierId' | 'procedureCode' | 'agencyCode' | 'provider' | 'amount' | 'paidAmount' | 'businessDate' | 'duplicateOfPaymentId' | 'refundsReserved' | 'refundedAmount'
>;

export interface RefundAnswerInput {
  readonly payment: PaymentFacts | undefined;
  readonly refund: Refund | undefined;
  readonly answer: RefundAnswer;
  readonly receipt: Receipt | undefined;
  readonly refundCase: RefundCaseFacts | undefined;
  readonly now: Date;
}

export function decideRefundAnswer(input: RefundAnswerInput): RefundAnswerDecision {
  const { payment, refund, answer, now } = input;
  if (!payment || !refund || refund.paymentId !== payment.paymentId || refund.provider !== answer.provider || answer.paymentId !== payment.paymentId) {
    return { kind: 'UNKNOWN_REFUND' };
  }
  if (refund.status === answer.status) return { kind: 'DUPLICATE' };
  const move = refundTransition(refund.status, answer.status);
  if (!move.ok) return { kind: 'IGNORED', why: move.reason };
  if (answer.amount !== refund.amount) return { kind: 'AMOUNT_MISMATCH', expected: refund.amount, reported: answer.amount };

  const at = toVietnamIso(now);
  const refundedAt = toVietnamIso(new Date(answer.occurredAt));
  const reservedBefore = payment.refundsReserved ?? 0;
  const refundedBefore = payment.refundedAmount ?? 0;
  const eventDetail = { refundId: refund.refundId, providerRefundId: answer.providerRefundId, amount: refund.amount };

  if (answer.status === 'FAILED') {
    return {
      kind: 'APPLY',
      effects: {
        outcome: 'FAILED',
        refund: {
          refundId: refund.refundId,
          paymentId: payment.paymentId,
          from: refund.status,
          to: 'FAILED',
          set: { providerRefundId: answer.providerRefundId, updatedAt: at, failureReason: answer.reason ?? 'the provider refused the refund' },
          event: { type: move.edge.event, at, providerRefundId: answer.providerRefundId, ...(answer.reason ? { reason: answer.reason } : {}) },
        },
        payment: { paymentId: payment.paymentId, reservedBefore, reservedAfter: reservedBefore - refund.amount, refundedBefore, refundedAfter: refundedBefore, event: { type: 'RefundFailed', at, ...eventDetail } },
        counterDeltas: [],
        receipt: null,
        caseResolved: null,
        outbox: null,
        fullRefund: false,
      },
    };
  }

  const collected = collectedAmount(payment);
  const refundedAfter = refundedBefore + refund.amount;
  const fullRefund = refundedAfter >= collected;
  const businessDate: BusinessDate = businessDateOf(answer.occurredAt);
  const receiptAfter = input.receipt ? applyRefund(input.receipt, refund.amount, refundedAt) : undefined;
  const caseMove = input.refundCase && caseTransition(input.refundCase.status, 'REFUNDED').ok ? input.refundCase : null;
  const outbox: PaymentRefundedEvent = {
    type: 'PaymentRefunded',
    eventId: paymentRefundedEventId(refund.refundId),
    paymentId: payment.paymentId,
    refundId: refund.refundId,
    dossierId: payment.dossierId,
    procedureCode: payment.procedureCode,
    agencyCode: payment.agencyCode,
    provider: payment.provider,
    providerRefundId: answer.providerRefundId,
    amount: refund.amount,
    amountRefunded: refundedAfter,
    fullRefund,
    refundedAt,
  };
  return {
    kind: 'APPLY',
    effects: {
      outcome: 'SUCCEEDED',
      refund: {
        refundId: refund.refundId,
        paymentId: payment.paymentId,
        from: refund.status,
        to: 'SUCCEEDED',
        set: { providerRefundId: answer.providerRefundId, updatedAt: at, refundedAt, businessDate },
        event: { type: move.edge.event, at, providerRefundId: answer.providerRefundId, refundedAt },
      },
      payment: { paymentId: payment.paymentId, reservedBefore, reservedAfter: reservedBefore, refundedBefore, refundedAfter, event: { type: 'PaymentRefunded', at, ...eventDetail, refundedAt, fullRefund } },
      counterDeltas: refundCounterDeltas(payment, refund.amount, collected - refundedBefore, fullRefund),
      receipt: input.receipt && receiptAfter?.kind === 'APPLIED' ? { before: input.receipt, after: receiptAfter.receipt } : null,
      caseResolved: caseMove,
      outbox,
      fullRefund,
    },
  };
}

/**
 * On the success's own key (its business date and channel): a full refund takes out what is still
 * counted, with the dossier's count; a partial one only the amount. A payment kept as a dossier's
 * duplicate was never counted (counters.ts rule 3), and neither is its refund.
 */
function refundCounterDeltas(payment: PaymentFacts, amount: AmountVnd, stillCounted: AmountVnd, fullRefund: boolean): CounterDelta[] {
  if (payment.duplicateOfPaymentId !== undefined || payment.businessDate === undefined || stillCounted <= 0) return [];
  const counted = { agencyCode: payment.agencyCode, procedureCode: payment.procedureCode, businessDate: payment.businessDate };
  return fullRefund
    ? counterDeltasFor({ type: 'PAYMENT_REVERSED', channel: 'ONLINE', payment: { ...counted, amount: stillCounted }, carriedDossierCount: true, dossierCountHeir: null })
    : counterDeltasFor({ type: 'PAYMENT_PARTLY_REFUNDED', channel: 'ONLINE', payment: { ...counted, amount } });
}
