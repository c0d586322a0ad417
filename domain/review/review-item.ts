import type { AmountVnd } from '../shared/money';

/**
 * Something finance must look at that the service cannot settle on its own (CONTRACT.md: a late
 * success is accepted or refunded; a second payment of a dossier is refunded; an amount that differs
 * from the quote is investigated). Review items are created from provider reports; the money they
 * concern has already moved at the provider.
 */
export const REVIEW_REASONS = [
  /** A success arrived after the payment had FAILED, EXPIRED or been CANCELLED. */
  'LATE_SUCCESS',
  /** A second payment of a dossier that another payment had already paid: refund it. */
  'DUPLICATE_PAYMENT_FOR_DOSSIER',
  /** A payment already SUCCEEDED was reported paid again under another provider transaction. */
  'SECOND_PROVIDER_TRANSACTION',
  /** The provider collected an amount other than the one the service asked for. */
  'AMOUNT_MISMATCH',
  /** A correctly signed report about a payment id the service never issued. */
  'UNKNOWN_PAYMENT',
] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export interface ReviewItem {
  readonly reviewId: string;
  readonly reason: ReviewReason;
  readonly status: 'OPEN' | 'RESOLVED';
  readonly provider: string;
  readonly providerTxnId: string;
  readonly paymentId: string;
  /** Unknown for a payment the service never issued. */
  readonly agencyCode?: string;
  readonly dossierId?: string;
  readonly expectedAmount?: AmountVnd;
  readonly reportedAmount: AmountVnd;
  /** The provider's own amount text when it was not a positive whole number of đồng (reportedAmount is then 0). */
  readonly providerAmount?: string;
  readonly createdAt: string;
}

/** One review item per (reason, provider transaction): reporting the same thing again changes nothing. */
export function reviewIdOf(reason: ReviewReason, provider: string, providerTxnId: string): string {
  return `${reason}:${provider}:${providerTxnId}`;
}
