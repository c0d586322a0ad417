import type { FeeInputs } from '../fees/fee-inputs';
import type { QuoteLine } from '../fees/quote';
import type { ProviderName } from '../providers/provider-payment-report';
import type { BusinessDate } from '../shared/business-date';
import type { AmountVnd } from '../shared/money';
import type { PaymentEventType, PaymentStatus } from './payment-state-machine';

/**
 * A payment: one attempt to collect a dossier's fees through one provider. The amount and lines are
 * the quote the service computed from the catalog when the payment was created; the caller never sets
 * them. A dossier may have several attempts; at most one of them pays it.
 */
export const PROVIDERS = ['mock-bank', 'mock-portal'] as const satisfies readonly ProviderName[];

/**
 * Events in a payment's history that are not moves of the state machine: what happened to the
 * payment after (or beside) its status changes.
 */
export const PAYMENT_RECORD_EVENT_TYPES = ['EReceiptIssued', 'PortalNotified', 'AutoApplied', 'PaymentReversed', 'RefundSubmitted', 'PaymentRefunded', 'RefundFailed'] as const;
export type PaymentRecordEventType = (typeof PAYMENT_RECORD_EVENT_TYPES)[number];

/** Where a reconciliation fact on a payment (AutoApplied, PaymentReversed) came from. */
export interface ReconciliationNote {
  readonly provider: ProviderName;
  readonly providerTxnId: string;
  /** The business date of the settlement file that showed it. */
  readonly settlementBusinessDate: BusinessDate;
  readonly runId: string;
  readonly at: string;
}

export interface PaymentEvent {
  readonly type: PaymentEventType | PaymentRecordEventType;
  /** ISO 8601 with +07:00. */
  readonly at: string;
  readonly [detail: string]: unknown;
}

export interface Payment {
  readonly paymentId: string;
  readonly status: PaymentStatus;
  readonly dossierId: string;
  readonly procedureCode: string;
  readonly agencyCode: string;
  readonly provider: ProviderName;
  readonly amount: AmountVnd;
  readonly currency: 'VND';
  readonly lines: readonly QuoteLine[];
  readonly inputs: FeeInputs;
  /** The business date whose fee schedule priced the payment. */
  readonly feeScheduleDate: BusinessDate;
  /** The payer's name, for the e-receipt. The identity number is never stored. */
  readonly payerName: string;
  readonly returnUrl: string;
  readonly paymentUrl: string;
  readonly vietQr: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly expiresAt: string;
  /** Who asked for it (the portal principal's subject). */
  readonly createdBy: string;
  readonly events: readonly PaymentEvent[];
  // Set once a provider reports the money collected.
  readonly paidAt?: string;
  readonly businessDate?: BusinessDate;
  readonly providerTxnId?: string;
  readonly paidAmount?: AmountVnd;
  readonly lateSuccess?: boolean;
  /** Another payment had already paid the dossier: this one is a duplicate, kept for refund. */
  readonly duplicateOfPaymentId?: string;
  /** The e-receipt (biên lai điện tử) issued once the payment succeeded. */
  readonly eReceiptNo?: string;
  /** The e-receipt's link token (domain/receipts/receipt-link.ts), set with eReceiptNo. */
  readonly receiptToken?: string;
  /** When the portal acknowledged the PaymentSucceeded notification. */
  readonly portalNotifiedAt?: string;
  /** Reconciliation applied this success from a settlement file (an AutoApplied event). */
  readonly autoApplied?: ReconciliationNote;
  /** The provider reversed this success (a PaymentReversed event); its report counters were reversed with it. */
  readonly reversal?: ReconciliationNote;
  /**
   * Refunds asked for and not failed (SUBMITTED + SUCCEEDED), and those the provider confirmed
   * (domain/refunds/refund-summary.ts). Absent until the first refund.
   */
  readonly refundsReserved?: AmountVnd;
  readonly refundedAmount?: AmountVnd;
}
