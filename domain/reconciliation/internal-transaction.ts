import type { AmountVnd } from '../shared/money';
import type { RowBlock } from './row-blocks';

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
export class InternalTransactionBatch implements RowBlock<InternalTransactionBatch> {
  buf: Uint8Array = new Uint8Array(0);
  count = 0;
  /** 1-based position: the CSV line number, or the record's ordinal for object input. */
  readonly position: Int32Array;
  readonly paymentIdStart: Int32Array;
  readonly paymentIdEnd: Int32Array;
  readonly dossierIdStart: Int32Array;
  readonly dossierIdEnd: Int32Array;
  readonly amount: Float64Array;
  readonly statusCode: Uint8Array;
  /** NaN when the transaction has no payment time. */
  readonly paidAtMs: Float64Array;

  constructor(capacity = TRANSACTION_BATCH_SIZE) {
    this.position = new Int32Array(capacity);
    this.paymentIdStart = new Int32Array(capacity);
    this.paymentIdEnd = new Int32Array(capacity);
    this.dossierIdStart = new Int32Array(capacity);
    this.dossierIdEnd = new Int32Array(capacity);
    this.amount = new Float64Array(capacity);
    this.statusCode = new Uint8Array(capacity);
    this.paidAtMs = new Float64Array(capacity);
  }

  get capacity(): number {
    return this.position.length;
  }

  spanStart(): number {
    return this.paymentIdStart[0]!;
  }

  spanEnd(): number {
    return this.dossierIdEnd[this.count - 1]!;
  }

  copyRowsFrom(from: InternalTransactionBatch, at: number, shift: number): void {
    for (let r = 0; r < from.count; r++) {
      const to = at + r;
      this.position[to] = from.position[r]!;
      this.paymentIdStart[to] = from.paymentIdStart[r]! + shift;
      this.paymentIdEnd[to] = from.paymentIdEnd[r]! + shift;
      this.dossierIdStart[to] = from.dossierIdStart[r]! + shift;
      this.dossierIdEnd[to] = from.dossierIdEnd[r]! + shift;
      this.amount[to] = from.amount[r]!;
      this.statusCode[to] = from.statusCode[r]!;
      this.paidAtMs[to] = from.paidAtMs[r]!;
    }
  }

  arrays(): ArrayBufferView[] {
    return [
      this.buf, this.position, this.paymentIdStart, this.paymentIdEnd, this.dossierIdStart, this.dossierIdEnd,
      this.amount, this.statusCode, this.paidAtMs,
    ];
  }
}
