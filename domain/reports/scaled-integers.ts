/**
 * Decimal strings of the reports as scaled integers on native BigInt. Every number the report
 * arithmetic meets is an integer once scaled: counts are whole, a target has at most four decimals
 * (×10⁴), points at most two (×10²). So judging a rate against a target, or finding the ceiling or
 * floor behind a gap, compares or divides integer cross-products, which BigInt does exactly at any
 * size with no precision to choose, and the report functions carry no decimal library. Money is not
 * involved: amounts are whole đồng (domain/shared/money.ts), and fee fractions are decimal.js's, in
 * domain/fees.
 */

/**
 * "33.3333" with 4 decimals → 333333n, "-1.5" with 2 → -150n. Anything but a plain decimal string
 * with at most `decimals` decimals is a RangeError: scaling it would not be exact.
 */
export function parseScaled(text: string, decimals: number): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  const fraction = match?.[3] ?? '';
  if (!match || fraction.length > decimals) {
    throw new RangeError(`expected a decimal string with at most ${decimals} decimals, got "${text}"`);
  }
  const magnitude = BigInt(match[2]! + fraction.padEnd(decimals, '0'));
  return match[1] ? -magnitude : magnitude;
}

/** Hundredths as a string with two decimals: 3125n → "31.25", -50n → "-0.50", 0n → "0.00". */
export function formatHundredths(hundredths: bigint): string {
  const magnitude = hundredths < 0n ? -hundredths : hundredths;
  const fraction = String(magnitude % 100n).padStart(2, '0');
  return `${hundredths < 0n ? '-' : ''}${magnitude / 100n}.${fraction}`;
}

/** ⌊a ÷ b⌋ for any signs; BigInt division alone truncates toward zero. */
export function floorDiv(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? quotient - 1n : quotient;
}

/** ⌈a ÷ b⌉ for any signs. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a % b !== 0n && (a < 0n) === (b < 0n) ? quotient + 1n : quotient;
}
