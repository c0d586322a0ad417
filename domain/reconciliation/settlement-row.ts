import type { AmountVnd } from '../shared/money';
import type { RowBlock } from './row-blocks';

/** The header a settlement file must start with, byte for byte (CONTRACT.md). */
export const SETTLEMENT_HEADER = 'provider_txn_id,payment_id,amount,fee,status,paid_at';

export const SETTLEMENT_STATUSES = ['SUCCEEDED', 'REVERSED'] as const;
export type SettlementStatus = (typeof SETTLEMENT_STATUSES)[number];

/** A settlement row as text and numbers, for callers that want objects (the upload path, tests). */
export interface SettlementRow {
  /** 1-based line number in the file; the header is line 1. */
  readonly line: number;
  readonly providerTxnId: string;
  readonly paymentId: string;
  readonly amount: AmountVnd;
  readonly fee: AmountVnd;
  readonly status: SettlementStatus;
  /** As written in the file (ISO 8601 with its offset). */
  readonly paidAt: string;
  /** The same instant in epoch milliseconds. */
  readonly paidAtMs: number;
}

/** Rows per batch: enough to overlap the hash-table cache misses of a batch, small enough to stay in cache. */
export const ROW_BATCH_SIZE = 512;

/**
 * Parsed rows in columns, identifiers as byte ranges of `buf`. The parser reuses one batch and `buf`
 * is only valid during the callback: copy what you keep (SettlementFileReader can). Columns let the
 * matching engine hash a whole batch first and touch the hash-table slots of every row before probing
 * them, so that the cache misses of a batch overlap instead of being paid one after another.
 */
export class SettlementRowBatch implements RowBlock<SettlementRowBatch> {
  buf: Uint8Array = new Uint8Array(0);
  count = 0;
  /** 1-based line number in the file; the header is line 1. */
  readonly line: Int32Array;
  readonly providerTxnIdStart: Int32Array;
  readonly providerTxnIdEnd: Int32Array;
  readonly paymentIdStart: Int32Array;
  readonly paymentIdEnd: Int32Array;
  readonly amount: Float64Array;
  readonly fee: Float64Array;
  /** 0 = SUCCEEDED, 1 = REVERSED. */
  readonly statusCode: Uint8Array;
  readonly paidAtStart: Int32Array;
  readonly paidAtEnd: Int32Array;
  readonly paidAtMs: Float64Array;
  /** 1 when an earlier row of the file has the same provider_txn_id (set by SettlementFileReader). */
  readonly repeated: Uint8Array;

  constructor(capacity = ROW_BATCH_SIZE) {
    this.line = new Int32Array(capacity);
    this.providerTxnIdStart = new Int32Array(capacity);
    this.providerTxnIdEnd = new Int32Array(capacity);
    this.paymentIdStart = new Int32Array(capacity);
    this.paymentIdEnd = new Int32Array(capacity);
    this.amount = new Float64Array(capacity);
    this.fee = new Float64Array(capacity);
    this.statusCode = new Uint8Array(capacity);
    this.paidAtStart = new Int32Array(capacity);
    this.paidAtEnd = new Int32Array(capacity);
    this.paidAtMs = new Float64Array(capacity);
    this.repeated = new Uint8Array(capacity);
  }

  get capacity(): number {
    return this.line.length;
  }

  spanStart(): number {
    return this.providerTxnIdStart[0]!;
  }

  spanEnd(): number {
    return this.paidAtEnd[this.count - 1]!;
  }

  copyRowsFrom(from: SettlementRowBatch, at: number, shift: number): void {
    for (let r = 0; r < from.count; r++) {
      const to = at + r;
      this.line[to] = from.line[r]!;
      this.providerTxnIdStart[to] = from.providerTxnIdStart[r]! + shift;
      this.providerTxnIdEnd[to] = from.providerTxnIdEnd[r]! + shift;
      this.paymentIdStart[to] = from.paymentIdStart[r]! + shift;
      this.paymentIdEnd[to] = from.paymentIdEnd[r]! + shift;
      this.amount[to] = from.amount[r]!;
      this.fee[to] = from.fee[r]!;
      this.statusCode[to] = from.statusCode[r]!;
      this.paidAtStart[to] = from.paidAtStart[r]! + shift;
      this.paidAtEnd[to] = from.paidAtEnd[r]! + shift;
      this.paidAtMs[to] = from.paidAtMs[r]!;
      this.repeated[to] = from.repeated[r]!;
    }
  }

  arrays(): ArrayBufferView[] {
    return [
      this.buf, this.line, this.providerTxnIdStart, this.providerTxnIdEnd, this.paymentIdStart, this.paymentIdEnd,
      this.amount, this.fee, this.statusCode, this.paidAtStart, this.paidAtEnd, this.paidAtMs, this.repeated,
    ];
  }
}
