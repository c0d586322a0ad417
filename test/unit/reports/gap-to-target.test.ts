// Proves the gap to target is the smallest number of additions that meets it, for "gte" and "gt", at every boundary.
import fc from 'fast-check';
import { gapToProcedureTarget, gapToTransactionTarget } from '../../../domain/reports/gap-to-target';
import { meetsRateTarget } from '../../../domain/reports/rates';
import type { RateTarget } from '../../../domain/reports/target-sets';

const atLeast = (target: string): RateTarget => ({ target, comparison: 'gte' });
const above = (target: string): RateTarget => ({ target, comparison: 'gt' });

describe('gapToTransactionTarget', () => {
  it('is 0 for a unit already at a "gte" target', () => {
    expect(gapToTransactionTarget(25, 100, atLeast('25.00'))).toBe(0);
    expect(gapToTransactionTarget(90, 100, atLeast('25.00'))).toBe(0);
  });

  it('needs one more at exactly a "gt" target', () => {
    expect(gapToTransactionTarget(30, 100, above('30.00'))).toBe(1); // 31/101 = 30.69%
  });

  it('stops at an exact division for "gte" and goes one further for "gt"', () => {
    // x = (0.25·3 − 0) ÷ 0.75 = 1 exactly: 1/4 = 25% meets "≥ 25" but not "> 25".
    expect(gapToTransactionTarget(0, 3, atLeast('25'))).toBe(1);
    expect(gapToTransactionTarget(0, 3, above('25'))).toBe(2); // 2/5 = 40%
  });

  it('rounds an inexact division up', () => {
    // x = (0.25·101 − 10) ÷ 0.75 = 20.33…: 30/121 = 24.79% misses, 31/122 = 25.41% meets.
    expect(gapToTransactionTarget(10, 101, atLeast('25'))).toBe(21);
    expect(gapToTransactionTarget(10, 101, above('25'))).toBe(21);
  });

  it('needs one transaction when there are none, since an empty rate meets nothing', () => {
    expect(gapToTransactionTarget(0, 0, atLeast('25'))).toBe(1);
    expect(gapToTransactionTarget(0, 0, above('30'))).toBe(1);
    expect(gapToTransactionTarget(0, 0, atLeast('0'))).toBe(1);
    expect(gapToTransactionTarget(0, 0, atLeast('100'))).toBe(1);
  });

  it('handles a 0% target', () => {
    expect(gapToTransactionTarget(0, 5, atLeast('0'))).toBe(0);
    expect(gapToTransactionTarget(0, 5, above('0'))).toBe(1);
  });

  it('returns null when a 100% target cannot be reached', () => {
    expect(gapToTransactionTarget(4, 5, atLeast('100'))).toBeNull(); // an offline payment stays in the denominator
    expect(gapToTransactionTarget(5, 5, atLeast('100'))).toBe(0);
    expect(gapToTransactionTarget(5, 5, above('100'))).toBeNull();
    expect(gapToTransactionTarget(0, 0, above('100'))).toBeNull();
  });

  it('uses fractional targets exactly', () => {
    // x = (0.3333·3 − 0) ÷ 0.6667 = 1.4997…: 2/5 = 40% meets, 1/4 = 25% does not.
    expect(gapToTransactionTarget(0, 3, atLeast('33.33'))).toBe(2);
  });

  it('refuses to state a gap beyond the safe integer range', () => {
    expect(() => gapToTransactionTarget(0, 2 ** 40, atLeast('99.9999'))).toThrow(RangeError);
  });

  it('makes k additions meet the target and k − 1 not, for any counts and target', () => {
    fc.assert(
      fc.property(countsArbitrary, targetArbitrary, ({ part: online, whole: total }, target) => {
        const k = gapToTransactionTarget(online, total, target);
        if (k === null) {
          expect(Number(target.target) === 100 && (target.comparison === 'gt' || online < total)).toBe(true);
          return;
        }
        expect(meetsRateTarget(online + k, total + k, target)).toBe(true);
        if (k > 0) expect(meetsRateTarget(online + k - 1, total + k - 1, target)).not.toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('gapToProcedureTarget', () => {
  it('counts the procedures still to be paid online', () => {
    expect(gapToProcedureTarget(2, 5, atLeast('50'))).toBe(1); // 3/5 = 60%
    expect(gapToProcedureTarget(1, 2, atLeast('50'))).toBe(0);
    expect(gapToProcedureTarget(1, 2, above('50'))).toBe(1);
    expect(gapToProcedureTarget(3, 5, above('60'))).toBe(1); // exactly 60% is not above it
  });

  it('returns null with no fee-bearing procedure or when the catalog is too small', () => {
    expect(gapToProcedureTarget(0, 0, atLeast('50'))).toBeNull();
    expect(gapToProcedureTarget(5, 5, above('100'))).toBeNull();
    expect(gapToProcedureTarget(5, 5, atLeast('100'))).toBe(0);
  });

  it('makes m more procedures meet the target and m − 1 not, within the catalog', () => {
    fc.assert(
      fc.property(countsArbitrary, targetArbitrary, ({ part: paid, whole: procedures }, target) => {
        const m = gapToProcedureTarget(paid, procedures, target);
        if (m === null) {
          // Not even every procedure of the catalog paid online would meet it.
          expect(meetsRateTarget(procedures, procedures, target)).not.toBe(true);
          return;
        }
        expect(paid + m).toBeLessThanOrEqual(procedures);
        expect(meetsRateTarget(paid + m, procedures, target)).toBe(true);
        if (m > 0) expect(meetsRateTarget(paid + m - 1, procedures, target)).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });
});

// Small counts hit the exact-division and zero boundaries often; large ones check precision (up to
// 2^32, where the gap at a 99.9999% target, about total × 10^6, still fits a safe integer).
const countsArbitrary = fc
  .oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 2 ** 32 }))
  .chain((whole) => fc.record({ whole: fc.constant(whole), part: fc.integer({ min: 0, max: whole }) }));

// Targets as the data writes them: whole, two-decimal and four-decimal percentages, ends included.
const targetArbitrary: fc.Arbitrary<RateTarget> = fc.record({
  target: fc.oneof(
    fc.constantFrom('0', '25.00', '30.00', '50', '60.00', '99.99', '100'),
    fc.integer({ min: 0, max: 100 }).map(String),
    fc.integer({ min: 0, max: 10_000 }).map((hundredths) => (hundredths / 100).toFixed(2)),
    fc.integer({ min: 0, max: 1_000_000 }).map((tenThousandths) => (tenThousandths / 10_000).toFixed(4)),
  ),
  comparison: fc.constantFrom('gte' as const, 'gt' as const),
});
