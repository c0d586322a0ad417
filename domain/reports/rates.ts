import Decimal from 'decimal.js';
import type { RateTarget } from './target-sets';

/**
 * Rates by the DOMAIN.md definitions: a count over a count, compared with a target exactly and shown
 * as a percentage with two decimals, rounded half up once, at display. Comparisons cross-multiply
 * integers by the target's decimal, so 29.996% never "meets" 30% through rounding.
 */

// Fifty significant digits hold any product of a safe integer and a target exactly, and keep a
// quotient far from every display rounding boundary it does not sit on exactly.
export const ExactDecimal = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });

/** "31.25" for 5 of 16; null when the denominator is empty (no rate, not 0%). */
export function ratePercent(numerator: number, denominator: number): string | null {
  assertCounts(numerator, denominator);
  if (denominator === 0) return null;
  return new ExactDecimal(numerator).times(100).div(denominator).toFixed(2, Decimal.ROUND_HALF_UP);
}

/** Whether numerator ÷ denominator meets the target; null when there is no rate to judge. */
export function meetsRateTarget(numerator: number, denominator: number, target: RateTarget): boolean | null {
  assertCounts(numerator, denominator);
  if (denominator === 0) return null;
  // numerator/denominator ≥ target/100  ⇔  100·numerator ≥ target·denominator (denominator > 0).
  const achieved = new ExactDecimal(numerator).times(100);
  const required = new ExactDecimal(target.target).times(denominator);
  return target.comparison === 'gte' ? achieved.gte(required) : achieved.gt(required);
}

function assertCounts(numerator: number, denominator: number): void {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || numerator > denominator) {
    throw new RangeError(`a rate needs whole counts with 0 ≤ numerator ≤ denominator, got ${numerator}/${denominator}`);
  }
}
