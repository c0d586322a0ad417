import type { AmountVnd } from '../shared/money';

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
 * is only valid during the callback: copy what you keep. Columns let the matching engine hash a whole
 * batch first and touch the hash-table slots of every row before probing them, so that the cache
 * misses of a batch overlap instead of being paid one after another.
 */
export class SettlementRowBatch {
  buf: Uint8Array = new Uint8Array(0);
  count = 0;
  /** 1-based line number in the file; the header is line 1. */
  readonly line = new Int32Array(ROW_BATCH_SIZE);
  readonly providerTxnIdStart = new Int32Array(ROW_BATCH_SIZE);
  readonly providerTxnIdEnd = new Int32Array(ROW_BATCH_SIZE);
  readonly paymentIdStart = new Int32Array(ROW_BATCH_SIZE);
  readonly paymentIdEnd = new Int32Array(ROW_BATCH_SIZE);
  readonly amount = new Float64Array(ROW_BATCH_SIZE);
  readonly fee = new Float64Array(ROW_BATCH_SIZE);
  /** 0 = SUCCEEDED, 1 = REVERSED. */
  readonly statusCode = new Uint8Array(ROW_BATCH_SIZE);
  readonly paidAtStart = new Int32Array(ROW_BATCH_SIZE);
  readonly paidAtEnd = new Int32Array(ROW_BATCH_SIZE);
  readonly paidAtMs = new Float64Array(ROW_BATCH_SIZE);
}
