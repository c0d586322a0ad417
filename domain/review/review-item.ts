/**
 * The reasons a provider report leaves something for finance to decide (CONTRACT.md: a late success
 * is accepted or refunded; a second payment of a dossier is refunded; an amount that differs from the
 * quote is investigated). Each opens or joins a case (domain/cases/); the review-item routes show the
 * cases a report found, in these words.
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
