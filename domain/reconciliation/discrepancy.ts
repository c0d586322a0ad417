import type { BusinessDate } from '../shared/business-date';
import type { AmountVnd } from '../shared/money';
import type { PaymentStatus } from './internal-transaction';
import type { SettlementStatus } from './settlement-row';

/** The discrepancy types of CONTRACT.md, in the order summaries list them. */
export const DISCREPANCY_TYPES = [
  'MISSING_INTERNAL',
  'MISSING_AT_PROVIDER',
  'AMOUNT_MISMATCH',
  'STATUS_MISMATCH',
  'DUPLICATE',
  'UNKNOWN_REFERENCE',
  'PENDING_NEXT_DAY',
] as const;
export type DiscrepancyType = (typeof DISCREPANCY_TYPES)[number];

/**
 * Why a discrepancy has its type; RULES.md gives the exact condition of each. Finance reads the type,
 * the worker reads the reason (e.g. only LOST_CALLBACK is applied automatically).
 */
export type DiscrepancyReason =
  | 'LOST_CALLBACK' // MISSING_INTERNAL: the payment is PENDING or EXPIRED here
  | 'SUCCESS_AFTER_FAILURE' // MISSING_INTERNAL: the payment is FAILED or CANCELLED here
  | 'SUCCESS_NOT_IN_DAY' // MISSING_INTERNAL: the payment succeeded here, but not among this day's transactions
  | 'NOT_IN_FILE' // MISSING_AT_PROVIDER
  | 'CARRIED_OVER_NOT_IN_FILE' // MISSING_AT_PROVIDER: expected yesterday or today, in neither file
  | 'AMOUNT_DIFFERS' // AMOUNT_MISMATCH
  | 'REVERSED_SUCCESS' // STATUS_MISMATCH
  | 'PROVIDER_TXN_REPEATED' // DUPLICATE: the same provider_txn_id again in the file
  | 'PAYMENT_SETTLED_TWICE' // DUPLICATE: a second SUCCEEDED row for one payment, under another provider_txn_id
  | 'DOSSIER_PAID_TWICE' // DUPLICATE: a second internal success for one dossier
  | 'PAYMENT_NOT_ISSUED' // UNKNOWN_REFERENCE
  | 'PAID_BEFORE_MIDNIGHT'; // PENDING_NEXT_DAY

/**
 * One thing finance must look at. Fields from the side that has nothing to say are null: a
 * MISSING_AT_PROVIDER has no settlement line, an UNKNOWN_REFERENCE no internal amount.
 */
export interface Discrepancy {
  readonly type: DiscrepancyType;
  readonly reason: DiscrepancyReason;
  /** The settlement file line (1-based, header = 1), for discrepancies raised by a row. */
  readonly line: number | null;
  readonly providerTxnId: string | null;
  readonly paymentId: string | null;
  readonly dossierId: string | null;
  readonly internalAmount: AmountVnd | null;
  readonly providerAmount: AmountVnd | null;
  readonly internalStatus: PaymentStatus | null;
  readonly providerStatus: SettlementStatus | null;
  /** The service's payment time, ISO 8601 with +07:00. */
  readonly internalPaidAt: string | null;
  /** The row's paid_at as written in the file. */
  readonly providerPaidAt: string | null;
  /**
   * True only for a lost callback (MISSING_INTERNAL / LOST_CALLBACK with equal amounts): the worker
   * applies the provider's success to the payment (AUTO_APPLIED).
   */
  readonly autoApply: boolean;
}

/** A success expected in the next day's file, handed to that day's run (PENDING_NEXT_DAY). */
export interface CarriedOverPayment {
  readonly paymentId: string;
  readonly dossierId: string;
  readonly amount: AmountVnd;
  /** ISO 8601 with +07:00. */
  readonly paidAt: string;
  /** The business date whose run carried it over. */
  readonly businessDate: BusinessDate;
}

export interface CountAndAmount {
  count: number;
  amount: AmountVnd;
}

/** The `summary` of a reconciliation run (CONTRACT.md), plus a few figures that explain it. */
export interface ReconciliationSummary {
  /** The day's internal successes (carried-over payments excluded). */
  internal: CountAndAmount;
  /** The file's SUCCEEDED rows, repeated ones included: what the provider says it collected. */
  provider: CountAndAmount & { fee: AmountVnd };
  /** Rows that settle one of the day's internal successes exactly. */
  matched: CountAndAmount;
  discrepancies: Record<DiscrepancyType, number>;
  /** Every row of the file. */
  rows: number;
  /** The file's REVERSED rows. */
  providerReversed: CountAndAmount;
  /** Rows that settle a payment carried over from the previous day's run exactly. */
  carriedOverSettled: CountAndAmount;
  /** Discrepancies with autoApply (lost callbacks the worker applies). */
  autoApplicable: number;
}

export function emptyDiscrepancyCounts(): Record<DiscrepancyType, number> {
  const counts = {} as Record<DiscrepancyType, number>;
  for (const type of DISCREPANCY_TYPES) counts[type] = 0;
  return counts;
}
