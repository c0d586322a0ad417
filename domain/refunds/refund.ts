import { randomBytes } from 'node:crypto';
import type { ProviderName } from '../providers/provider-payment-report';
import type { BusinessDate } from '../shared/business-date';
import type { AmountVnd } from '../shared/money';
import { timeOrderedId } from '../shared/time-ordered-id';
import type { RefundEventType, RefundStatus } from './refund-state-machine';

/**
 * A refund: money going back to the payer through the provider that took it (CONTRACT.md, Refunds).
 * Finance asks for it (or a REFUND decision on a case does); the provider's signed answer finishes it.
 * A payment may have several refunds; together they never exceed what the provider collected.
 */
export const REFUND_ID_PATTERN = /^rfd_[0-9A-HJKMNP-TV-Z]{21}$/;

export function newRefundId(now: Date, random: (size: number) => Uint8Array = randomBytes): string {
  return `rfd_${timeOrderedId(now, random)}`;
}

export interface RefundEvent {
  readonly type: RefundEventType;
  readonly at: string;
  readonly [detail: string]: unknown;
}

export interface Refund {
  readonly refundId: string;
  readonly paymentId: string;
  readonly provider: ProviderName;
  readonly amount: AmountVnd;
  readonly reason: string;
  readonly status: RefundStatus;
  readonly createdAt: string;
  /** A principal's subject, or `case:<caseId>` when a case's REFUND decision started it. */
  readonly createdBy: string;
  readonly updatedAt: string;
  /** The case whose REFUND decision this refund carries out (the case becomes RESOLVED with it). */
  readonly caseId?: string;
  /** Set by the provider's answer. */
  readonly providerRefundId?: string;
  /** The provider's refund time (ISO 8601, +07:00) and its business date: the settlement file it appears in. */
  readonly refundedAt?: string;
  readonly businessDate?: BusinessDate;
  readonly failureReason?: string;
  readonly events: readonly RefundEvent[];
}

/**
 * The integration event announced when a refund succeeds: the portal is told (a signed webhook).
 * Its id is derived from the refund, so a refund is announced once however often it is answered.
 */
export interface PaymentRefundedEvent {
  readonly type: 'PaymentRefunded';
  readonly eventId: string;
  readonly paymentId: string;
  readonly refundId: string;
  readonly dossierId: string;
  readonly procedureCode: string;
  readonly agencyCode: string;
  readonly provider: ProviderName;
  readonly providerRefundId: string;
  readonly amount: AmountVnd;
  /** Every refund of the payment that succeeded, this one included. */
  readonly amountRefunded: AmountVnd;
  /** True once nothing of the payment is left. */
  readonly fullRefund: boolean;
  readonly refundedAt: string;
}

export function paymentRefundedEventId(refundId: string): string {
  return `PaymentRefunded:${refundId}`;
}
