import { HUNDRED_PERCENT, targetTenThousandths } from './rates';
import { ceilDiv, floorDiv } from './scaled-integers';
import type { RateComparison, RateTarget } from './target-sets';

/**
 * Gap to target: how many more online payment transactions a unit needs before its transaction rate
 * meets the target. Each added transaction is online and also a payment transaction, so it grows
 * both sides of the rate:
 *   'gte': the smallest k ≥ 0 with (online + k) ÷ (total + k) ≥ t, i.e. max(0, ceil(x));
 *   'gt':  the smallest k ≥ 0 with (online + k) ÷ (total + k) > t,  i.e. 0 when x < 0, else floor(x) + 1
 *          (an exact division needs one more, since equality is not enough);
 * where x = (t·total − online) ÷ (1 − t).
 * A rate with nothing in the denominator meets nothing, so a unit with no payment transactions needs
 * at least one. A target of 100% can only be met by a unit already at 100% ('gte'), and never by
 * 'gt': those gaps are unreachable and returned as null.
 */
export function gapToTransactionTarget(onlinePaymentTransactions: number, paymentTransactions: number, target: RateTarget): number | null {
  assertCounts(onlinePaymentTransactions, paymentTransactions);
  const online = onlinePaymentTransactions;
  const total = paymentTransactions;
  const percent = targetTenThousandths(target);
  if (percent === HUNDRED_PERCENT) {
    if (target.comparison === 'gt' || online < total) return null;
    return total === 0 ? 1 : 0;
  }
  // In ten-thousandths of a percent: x = (P·total − 100%·online) ÷ (100% − P).
  const k = smallestGap(percent * BigInt(total) - HUNDRED_PERCENT * BigInt(online), HUNDRED_PERCENT - percent, target.comparison);
  // An empty rate meets nothing: a unit with no payment transactions needs at least one.
  const gap = total === 0 && k === 0n ? 1n : k;
  // Near 100% the gap grows as total ÷ (1 − t); past 2^53 it could no longer be stated exactly.
  if (BigInt(total) + gap > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`gap to target exceeds the safe integer range for ${online}/${total}`);
  }
  return Number(gap);
}

/**
 * Gap to the procedure target: how many more fee-bearing procedures need a first online payment.
 * Only the numerator can grow (the catalog is fixed for the period), so the gap is
 *   'gte': max(0, ceil(t·procedures − paidOnline)),  'gt': 0 when y < 0, else floor(y) + 1,
 * with y = t·procedures − paidOnline; null when it would need more procedures than the catalog has,
 * or when the scope has no fee-bearing procedure at all.
 */
export function gapToProcedureTarget(proceduresPaidOnline: number, feeBearingProcedures: number, target: RateTarget): number | null {
  assertCounts(proceduresPaidOnline, feeBearingProcedures);
  if (feeBearingProcedures === 0) return null;
  // In ten-thousandths of a percent: y = (P·procedures − 100%·paidOnline) ÷ 100%.
  const shortfall = targetTenThousandths(target) * BigInt(feeBearingProcedures) - HUNDRED_PERCENT * BigInt(proceduresPaidOnline);
  const gap = smallestGap(shortfall, HUNDRED_PERCENT, target.comparison);
  return BigInt(proceduresPaidOnline) + gap > BigInt(feeBearingProcedures) ? null : Number(gap);
}

/**
 * The smallest whole k ≥ 0 with k ≥ x ('gte') or k > x ('gt'), for x = numerator ÷ denominator:
 * max(0, ⌈x⌉), or max(0, ⌊x⌋ + 1), which is 0 when x < 0 and ⌊x⌋ + 1 otherwise since ⌊x⌋ < 0
 * exactly when x < 0.
 */
function smallestGap(numerator: bigint, denominator: bigint, comparison: RateComparison): bigint {
  const k = comparison === 'gte' ? ceilDiv(numerator, denominator) : floorDiv(numerator, denominator) + 1n;
  return k > 0n ? k : 0n;
}

function assertCounts(part: number, whole: number): void {
  if (!Number.isSafeInteger(part) || !Number.isSafeInteger(whole) || part < 0 || part > whole) {
    throw new RangeError(`a gap needs whole counts with 0 ≤ part ≤ whole, got ${part}/${whole}`);
  }
}
