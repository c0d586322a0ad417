import type { AmountVnd } from '../shared/money';

/** Statuses of a payment in the service (CONTRACT.md, Payments). */
export const PAYMENT_STATUSES = ['SUCCEEDED', 'PENDING', 'EXPIRED', 'FAILED', 'CANCELLED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Index of each status in {@link PAYMENT_STATUSES}; the engine stores statuses as these codes. */
export const STATUS_SUCCEEDED = 0;
export const STATUS_PENDING = 1;
export const STATUS_EXPIRED = 2;
export const STATUS_FAILED = 3;
export const STATUS_CANCELLED = 4;

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

/**
 * The same transactions as CSV (the benchmark and bulk exports use it): this header, then one row per
 * transaction; `provider_txn_id` and `paid_at` may be empty.
 */
export const INTERNAL_TRANSACTION_HEADER = 'payment_id,provider_txn_id,dossier_id,amount,status,paid_at';

/** Transactions per batch (see SettlementRowBatch for why batches). */
export const TRANSACTION_BATCH_SIZE = 512;

/** Internal transactions in columns, identifiers as byte ranges of `buf`; valid only during the callback. */
export class InternalTransactionBatch {
  buf: Uint8Array = new Uint8Array(0);
  count = 0;
  /** 1-based position: the CSV line number, or the record's ordinal for object input. */
  readonly position = new Int32Array(TRANSACTION_BATCH_SIZE);
  readonly paymentIdStart = new Int32Array(TRANSACTION_BATCH_SIZE);
  readonly paymentIdEnd = new Int32Array(TRANSACTION_BATCH_SIZE);
  readonly dossierIdStart = new Int32Array(TRANSACTION_BATCH_SIZE);
  readonly dossierIdEnd = new Int32Array(TRANSACTION_BATCH_SIZE);
  readonly amount = new Float64Array(TRANSACTION_BATCH_SIZE);
  readonly statusCode = new Uint8Array(TRANSACTION_BATCH_SIZE);
  /** NaN when the transaction has no payment time. */
  readonly paidAtMs = new Float64Array(TRANSACTION_BATCH_SIZE);
}
