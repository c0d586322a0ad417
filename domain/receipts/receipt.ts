import type { FeeKind } from '../catalog/catalog';
import { businessDateOf } from '../shared/business-date';
import type { AmountVnd } from '../shared/money';

/**
 * An e-receipt for fees and charges (biên lai thu phí, lệ phí điện tử; Decree 123/2020/NĐ-CP,
 * Circular 78/2021/TT-BTC): issued once per successful collection, numbered consecutively within its
 * template, series and calendar year, and never deleted — a refund adjusts or cancels it.
 */
export const RECEIPT_STATUSES = ['ISSUED', 'ADJUSTED', 'CANCELLED'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

export interface ReceiptLine {
  readonly feeCode: string;
  readonly name: string;
  readonly kind: FeeKind;
  readonly amount: AmountVnd;
}

export interface Receipt {
  /** Seven digits, "0000001" onwards, within templateCode + series + year. */
  readonly receiptNo: string;
  readonly templateCode: string;
  readonly series: string;
  /** ISO 8601 with +07:00; its calendar year in Vietnam is the numbering year. */
  readonly issuedAt: string;
  readonly collector: { readonly name: string; readonly taxCode: string };
  readonly payer: { readonly name: string };
  /** The online payment (pay_…) or the counter payment (counter:…) it acknowledges. */
  readonly paymentId: string;
  readonly agencyCode: string;
  readonly dossierId: string;
  readonly procedureCode: string;
  readonly lines: readonly ReceiptLine[];
  readonly amount: AmountVnd;
  readonly amountInWords: string;
  readonly status: ReceiptStatus;
  /** Set once a refund adjusted the receipt: what is kept after the refund, with its words. */
  readonly adjustment?: ReceiptAdjustment;
}

export interface ReceiptAdjustment {
  readonly refundedAmount: AmountVnd;
  readonly adjustedAmount: AmountVnd;
  readonly adjustedAmountInWords: string;
  readonly at: string;
}

/** A receipt number runs from 1 to this within a series and year: seven digits. */
export const MAX_RECEIPT_NUMBER = 9_999_999;

export function formatReceiptNo(sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence > MAX_RECEIPT_NUMBER) throw new RangeError(`receipt sequence out of range: ${sequence}`);
  return String(sequence).padStart(7, '0');
}

/** The numbering year: the calendar year in Vietnam (UTC+7) of the moment the receipt is issued. */
export function receiptYearOf(issuedAt: Date | string): number {
  return Number(businessDateOf(issuedAt).slice(0, 4));
}
