import type { AmountVnd } from '../shared/money';
import { amountInWords } from './amount-in-words';
import type { Receipt } from './receipt';

/**
 * What a refund does to a receipt. A receipt is never deleted: a partial refund ADJUSTS it (the
 * number, lines and original amount stay; the adjustment says what is kept), a full refund CANCELS
 * it. Refunds add up: a second partial refund adjusts from what the first one kept.
 */
export type RefundOutcome =
  | { readonly kind: 'APPLIED'; readonly receipt: Receipt }
  | { readonly kind: 'ALREADY_CANCELLED' }
  | { readonly kind: 'INVALID_AMOUNT'; readonly message: string };

export function applyRefund(receipt: Receipt, refundedAmount: AmountVnd, at: string): RefundOutcome {
  if (receipt.status === 'CANCELLED') return { kind: 'ALREADY_CANCELLED' };
  const kept = receipt.adjustment?.adjustedAmount ?? receipt.amount;
  if (!Number.isSafeInteger(refundedAmount) || refundedAmount <= 0) return { kind: 'INVALID_AMOUNT', message: 'the refunded amount must be a whole number of VND above 0' };
  if (refundedAmount > kept) return { kind: 'INVALID_AMOUNT', message: `the refunded amount is more than the ${kept} VND the receipt still holds` };
  const refundedInTotal = (receipt.adjustment?.refundedAmount ?? 0) + refundedAmount;
  const adjustedAmount = kept - refundedAmount;
  return {
    kind: 'APPLIED',
    receipt: {
      ...receipt,
      status: adjustedAmount === 0 ? 'CANCELLED' : 'ADJUSTED',
      adjustment: { refundedAmount: refundedInTotal, adjustedAmount, adjustedAmountInWords: amountInWords(adjustedAmount), at },
    },
  };
}
