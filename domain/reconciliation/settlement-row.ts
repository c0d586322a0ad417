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

/** Rows per batch the parser hands over. */
export const ROW_BATCH_SIZE = 512;

/**
 * Parsed rows in columns, identifiers as byte ranges of `buf`, numbers parsed in place: the parser
 * creates no string for a row nobody asks about (the upload path only totals them). It reuses one
 * batch, and `buf` is only valid during the callback: decode what you keep.
 */
export class SettlementRowBatch {
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
  }
}
