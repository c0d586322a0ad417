/**
 * Money in this service is an integer number of Vietnamese đồng (VND has no minor unit).
 * Fractions only appear inside a computation (a percentage of a declared value); they are carried
 * as Decimal there and rounded once, half up, when a line's amount is final (domain/fees/rounding.ts).
 * This module only checks, adds and shows whole amounts, so it needs no decimal library.
 */
export type AmountVnd = number;

/** The largest amount the service accepts anywhere: far above any fee, well inside 2^53. */
export const MAX_AMOUNT_VND = 1_000_000_000_000;

export function isAmountVnd(value: unknown): value is AmountVnd {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_AMOUNT_VND;
}

/** Sums integer amounts; throws rather than return an unsafe integer. */
export function sumVnd(amounts: readonly AmountVnd[]): AmountVnd {
  let total = 0;
  for (const amount of amounts) total += amount;
  if (!Number.isSafeInteger(total)) throw new RangeError('amount sum exceeds the safe integer range');
  return total;
}

/** "52.000 ₫"-style display used in Vietnamese pages and explanations. */
export function formatVnd(amount: AmountVnd): string {
  return `${amount.toLocaleString('vi-VN')} ₫`;
}
