import type { AmountVnd } from '../shared/money';

/** Statuses of a payment in the service (CONTRACT.md, Payments). */
export const PAYMENT_STATUSES = ['SUCCEEDED', 'PENDING', 'EXPIRED', 'FAILED', 'CANCELLED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * One of the service's own payments for the provider and business date being reconciled, as the
 * worker reads it from the day's transaction index.
 */
export interface InternalTransaction {
  readonly paymentId: string;
  /** The provider's transaction id from the callback, when one arrived. Not used for matching. */
  readonly providerTxnId?: string | null;
  readonly dossierId: string;
  readonly amount: AmountVnd;
  readonly status: PaymentStatus;
  /**
   * ISO 8601 with offset. Required for SUCCEEDED (it must fall on the business date being
   * reconciled); ignored for other statuses.
   */
  readonly paidAt?: string | null;
}
