import { floorDiv, formatHundredths, parseScaled } from './scaled-integers';
import type { RateTarget } from './target-sets';

/**
 * Rates by the DOMAIN.md definitions: a count over a count, compared with a target exactly and shown
 * as a percentage with two decimals, rounded half up once, at display. Comparisons cross-multiply
 * the counts and the target in ten-thousandths of a percent, all integers, so 29.996% never "meets"
 * 30% through rounding.
 */

// Targets have at most four decimals (target-sets.ts), so in ten-thousandths of a percent they are whole.
const TARGET_DECIMALS = 4;

/** 100%, in the unit of targetTenThousandths. */
export const HUNDRED_PERCENT = 100n * 10n ** BigInt(TARGET_DECIMALS);

/**
 * The target in ten-thousandths of a percent: "33.3333" → 333333n, "25" → 250000n. A RangeError
 * for a target with more decimals, which no validated target set holds.
 */
export function targetTenThousandths(target: RateTarget): bigint {
  return parseScaled(target.target, TARGET_DECIMALS);
}

/** "31.25" for 5 of 16; null when the denominator is empty (no rate, not 0%). */
export function ratePercent(numerator: number, denominator: number): string | null {
  assertCounts(numerator, denominator);
  if (denominator === 0) return null;
  // In hundredths of a percent the rate is 10⁴·numerator ÷ denominator, and half up is
  // ⌊(2·10⁴·numerator + denominator) ÷ (2·denominator)⌋: one rounding, of the exact quotient.
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  return formatHundredths(floorDiv(20_000n * n + d, 2n * d));
}

/** Whether numerator ÷ denominator meets the target; null when there is no rate to judge. */
export function meetsRateTarget(numerator: number, denominator: number, target: RateTarget): boolean | null {
  assertCounts(numerator, denominator);
  if (denominator === 0) return null;
  // numerator/denominator ≥ target/100  ⇔  100·numerator ≥ target·denominator (denominator > 0).
  const achieved = HUNDRED_PERCENT * BigInt(numerator);
  const required = targetTenThousandths(target) * BigInt(denominator);
  return target.comparison === 'gte' ? achieved >= required : achieved > required;
}

function assertCounts(numerator: number, denominator: number): void {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || numerator > denominator) {
    throw new RangeError(`a rate needs whole counts with 0 ≤ numerator ≤ denominator, got ${numerator}/${denominator}`);
  }
}
