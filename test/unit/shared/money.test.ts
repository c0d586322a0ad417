// Proves amounts stay whole đồng and the single rounding is half up, never banker's or float rounding.
import { roundVndHalfUp } from '../../../domain/fees/rounding';
import { isAmountVnd, sumVnd } from '../../../domain/shared/money';

describe('money', () => {
  it('rounds half up once', () => {
    expect(roundVndHalfUp('1234.5')).toBe(1235);
    expect(roundVndHalfUp('1234.4999')).toBe(1234);
    expect(roundVndHalfUp('2.5')).toBe(3); // banker's rounding would give 2
  });

  it('accepts only safe non-negative integers as amounts', () => {
    expect(isAmountVnd(52000)).toBe(true);
    expect(isAmountVnd(0.5)).toBe(false);
    expect(isAmountVnd(-1)).toBe(false);
    expect(isAmountVnd('52000')).toBe(false);
    expect(isAmountVnd(Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('refuses a sum that would lose precision', () => {
    expect(sumVnd([1, 2, 3])).toBe(6);
    expect(() => sumVnd([Number.MAX_SAFE_INTEGER, 2])).toThrow(RangeError);
  });
});
