import type { Payment } from '../payments/payment';
import type { AmountVnd } from '../shared/money';
import { REFUND_INITIAL_STATUS } from './refund-state-machine';
import type { Refund } from './refund';
import { refundableAmount } from './refund-summary';

/**
 * Whether a refund may be asked for, and what it writes when it may (CONTRACT.md, Refunds). Pure:
 * the adapter writes the refund and moves the payment's reserve from `reservedBefore` to
 * `reservedAfter` in one transaction that conditions on the reserve still being `reservedBefore`,
 * which is the same as the amount available still being what the caller saw.
 *
 * The checks, in order (GOV.UK Pay's, with CONTRACT's codes):
 *   1. the payment succeeded and was not reversed               → else 422 REFUND_NOT_AVAILABLE
 *   2. refundAmountAvailable is what is refundable now           → else 409 REFUND_AMOUNT_AVAILABLE_MISMATCH
 *   3. something is left                                         → else 422 REFUND_NOT_AVAILABLE
 *   4. amount is a whole VND from 1 to the amount available      → else 422 REFUND_AMOUNT_INVALID
 */
export interface RefundRequest {
  readonly amount: AmountVnd;
  readonly reason: string;
  readonly refundAmountAvailable: AmountVnd;
}

export type RefundRequestDecision =
  | { readonly kind: 'ACCEPTED'; readonly refund: Refund; readonly reservedBefore: AmountVnd; readonly reservedAfter: AmountVnd }
  | { readonly kind: 'REFUND_NOT_AVAILABLE'; readonly why: string }
  | { readonly kind: 'REFUND_AMOUNT_AVAILABLE_MISMATCH'; readonly amountAvailable: AmountVnd }
  | { readonly kind: 'REFUND_AMOUNT_INVALID'; readonly amountAvailable: AmountVnd };

export interface RefundRequestContext {
  readonly refundId: string;
  /** ISO 8601 with +07:00. */
  readonly at: string;
  readonly createdBy: string;
  readonly caseId?: string;
}

type PaymentFacts = Pick<Payment, 'paymentId' | 'provider' | 'status' | 'amount' | 'paidAmount' | 'reversal' | 'refundsReserved' | 'refundedAmount'>;

export function decideRefundRequest(payment: PaymentFacts, request: RefundRequest, context: RefundRequestContext): RefundRequestDecision {
  if (payment.status !== 'SUCCEEDED') return { kind: 'REFUND_NOT_AVAILABLE', why: `the payment is ${payment.status}: only a SUCCEEDED payment can be refunded` };
  if (payment.reversal !== undefined) return { kind: 'REFUND_NOT_AVAILABLE', why: 'the provider reversed the payment: its money is back already' };
  const amountAvailable = refundableAmount(payment);
  if (request.refundAmountAvailable !== amountAvailable) return { kind: 'REFUND_AMOUNT_AVAILABLE_MISMATCH', amountAvailable };
  if (amountAvailable === 0) return { kind: 'REFUND_NOT_AVAILABLE', why: 'the payment is fully refunded, or its refunds are on their way' };
  if (!Number.isSafeInteger(request.amount) || request.amount < 1 || request.amount > amountAvailable) return { kind: 'REFUND_AMOUNT_INVALID', amountAvailable };

  const reservedBefore = payment.refundsReserved ?? 0;
  const refund: Refund = {
    refundId: context.refundId,
    paymentId: payment.paymentId,
    provider: payment.provider,
    amount: request.amount,
    reason: request.reason,
    status: REFUND_INITIAL_STATUS,
    createdAt: context.at,
    createdBy: context.createdBy,
    updatedAt: context.at,
    ...(context.caseId !== undefined ? { caseId: context.caseId } : {}),
    events: [{ type: 'RefundSubmitted', at: context.at, amount: request.amount, by: context.createdBy }],
  };
  return { kind: 'ACCEPTED', refund, reservedBefore, reservedAfter: reservedBefore + request.amount };
}
