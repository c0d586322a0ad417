// Proves rates are shown half up with two decimals, null without a denominator, and compared with targets exactly before rounding.
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { meetsRateTarget, ratePercent } from '../../../domain/reports/rates';
import type { RateTarget } from '../../../domain/reports/target-sets';

const atLeast = (target: string): RateTarget => ({ target, comparison: 'gte' });
const above = (target: string): RateTarget => ({ target, comparison: 'gt' });

describe('ratePercent', () => {
  it.each([
    [5, 16, '31.25'],
    [1, 8, '12.50'],
    [1, 3, '33.33'],
    [2, 3, '66.67'],
    [1, 800, '0.13'], // 0.125 half up; banker's rounding would give 0.12
    [3, 800, '0.38'],
    [1, 1600, '0.06'], // 0.0625
    [29_996, 100_000, '30.00'],
    [0, 7, '0.00'],
    [7, 7, '100.00'],
    [1, 9_007_199_254_740_991, '0.00'],
  ])('%i of %i is "%s"', (numerator, denominator, percent) => {
    expect(ratePercent(numerator, denominator)).toBe(percent);
  });

  it('gives no rate for an empty denominator, not 0%', () => {
    expect(ratePercent(0, 0)).toBeNull();
  });

  it('refuses counts that cannot form a rate', () => {
    expect(() => ratePercent(3, 2)).toThrow(RangeError);
    expect(() => ratePercent(-1, 2)).toThrow(RangeError);
    expect(() => ratePercent(0.5, 2)).toThrow(RangeError);
  });

  it('stays within 0–100 with two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.double({ min: 0, max: 1, noNaN: true }), (total, share) => {
        const online = Math.min(total, Math.floor(total * share));
        const percent = ratePercent(online, total);
        expect(percent).toMatch(/^\d{1,3}\.\d{2}$/);
        const value = new Decimal(percent!);
        expect(value.gte(0) && value.lte(100)).toBe(true);
      }),
    );
  });
});

describe('meetsRateTarget', () => {
  it('meets a "gte" target at exactly the target', () => {
    expect(meetsRateTarget(25, 100, atLeast('25.00'))).toBe(true);
    expect(meetsRateTarget(1, 4, atLeast('25'))).toBe(true);
  });

  it('misses a "gt" target at exactly the target', () => {
    expect(meetsRateTarget(30, 100, above('30.00'))).toBe(false);
    expect(meetsRateTarget(3_001, 10_000, above('30.00'))).toBe(true);
  });

  it('compares before display rounding: 29.996% shows as 30.00 yet misses 30%', () => {
    expect(ratePercent(29_996, 100_000)).toBe('30.00');
    expect(meetsRateTarget(29_996, 100_000, atLeast('30.00'))).toBe(false);
  });

  it('judges nothing without a denominator', () => {
    expect(meetsRateTarget(0, 0, atLeast('0'))).toBeNull();
  });

  it('handles the 0% and 100% ends', () => {
    expect(meetsRateTarget(0, 5, atLeast('0'))).toBe(true);
    expect(meetsRateTarget(0, 5, above('0'))).toBe(false);
    expect(meetsRateTarget(5, 5, atLeast('100'))).toBe(true);
    expect(meetsRateTarget(5, 5, above('100'))).toBe(false);
  });
});
