import { ExactDecimal } from './rates';
import type { RateTarget } from './target-sets';

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
  const percent = new ExactDecimal(target.target);
  if (percent.eq(100)) {
    if (target.comparison === 'gt' || online < total) return null;
    return total === 0 ? 1 : 0;
  }
  // Scaled by 100 to stay in percent units: x = (P·total − 100·online) ÷ (100 − P).
  const x = percent.times(total).minus(new ExactDecimal(online).times(100)).div(new ExactDecimal(100).minus(percent));
  const k = target.comparison === 'gte' ? ExactDecimal.max(0, x.ceil()) : x.isNegative() ? new ExactDecimal(0) : x.floor().plus(1);
  // Math.max also turns a Decimal -0 (the ceiling of a small negative) into 0.
  const gap = Math.max(k.toNumber(), total === 0 ? 1 : 0);
  // Near 100% the gap grows as total ÷ (1 − t); past 2^53 it could no longer be stated exactly.
  if (!Number.isSafeInteger(total + gap)) throw new RangeError(`gap to target exceeds the safe integer range for ${online}/${total}`);
  return gap;
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
  const y = new ExactDecimal(target.target).times(feeBearingProcedures).div(100).minus(proceduresPaidOnline);
  const m = target.comparison === 'gte' ? ExactDecimal.max(0, y.ceil()) : y.isNegative() ? new ExactDecimal(0) : y.floor().plus(1);
  // Math.max also turns a Decimal -0 (the ceiling of a small negative) into 0.
  const gap = Math.max(0, m.toNumber());
  return proceduresPaidOnline + gap > feeBearingProcedures ? null : gap;
}

function assertCounts(part: number, whole: number): void {
  if (!Number.isSafeInteger(part) || !Number.isSafeInteger(whole) || part < 0 || part > whole) {
    throw new RangeError(`a gap needs whole counts with 0 ≤ part ≤ whole, got ${part}/${whole}`);
  }
}
