import type { Payment } from '../payments/payment';
import type { AmountVnd } from '../shared/money';

/**
 * What of a payment can still be refunded (CONTRACT.md, Refunds; like GOV.UK Pay's refund summary).
 * The payment carries two running totals, both changed only in the transaction of the refund that
 * moves them:
 *   refundsReserved   every refund asked for and not failed (SUBMITTED + SUCCEEDED): money promised back;
 *   refundedAmount    every refund the provider confirmed (SUCCEEDED): money gone back.
 * The amount available is what the provider collected less what is reserved, so two officers who
 * both see the same amount available cannot both refund it: the write conditions on the reserve.
 *
 * Summary statuses:
 *   AVAILABLE    the payment succeeded and something can still be refunded;
 *   FULL         the payment succeeded and everything is refunded or being refunded;
 *   PENDING      the payment has not succeeded yet: it may become refundable;
 *   UNAVAILABLE  the payment ended without money (FAILED, EXPIRED, CANCELLED) or the provider
 *                reversed it (the money is back already).
 */
export const REFUND_SUMMARY_STATUSES = ['AVAILABLE', 'PENDING', 'FULL', 'UNAVAILABLE'] as const;
export type RefundSummaryStatus = (typeof REFUND_SUMMARY_STATUSES)[number];

export interface RefundSummary {
  readonly status: RefundSummaryStatus;
  readonly amountAvailable: AmountVnd;
  /** Confirmed by the provider. */
  readonly amountRefunded: AmountVnd;
  /** Asked for and not answered yet. */
  readonly amountSubmitted: AmountVnd;
}

type RefundFacts = Pick<Payment, 'status' | 'amount' | 'paidAmount' | 'reversal' | 'refundsReserved' | 'refundedAmount'>;

/** What the provider collected: its own amount when it said one, else the payment's. */
export function collectedAmount(payment: Pick<Payment, 'amount' | 'paidAmount'>): AmountVnd {
  return payment.paidAmount ?? payment.amount;
}

/** What may still be refunded; 0 unless the payment succeeded and was not reversed. */
export function refundableAmount(payment: RefundFacts): AmountVnd {
  if (payment.status !== 'SUCCEEDED' || payment.reversal !== undefined) return 0;
  return Math.max(0, collectedAmount(payment) - (payment.refundsReserved ?? 0));
}

export function refundSummary(payment: RefundFacts): RefundSummary {
  const amountRefunded = payment.refundedAmount ?? 0;
  const amountSubmitted = (payment.refundsReserved ?? 0) - amountRefunded;
  const amountAvailable = refundableAmount(payment);
  const status: RefundSummaryStatus =
    payment.status === 'PENDING'
      ? 'PENDING'
      : payment.status !== 'SUCCEEDED' || payment.reversal !== undefined
        ? 'UNAVAILABLE'
        : amountAvailable === 0
          ? 'FULL'
          : 'AVAILABLE';
  return { status, amountAvailable, amountRefunded, amountSubmitted };
}
