// Proves the scaled-integer helpers of the reports parse and show decimals exactly and divide with floor and ceiling for every sign.
import { ceilDiv, floorDiv, formatHundredths, parseScaled } from '../../../domain/reports/scaled-integers';

describe('parseScaled', () => {
  it.each([
    ['33.3333', 4, 333_333n],
    ['25', 4, 250_000n],
    ['099.5', 4, 995_000n],
    ['100.0000', 4, 1_000_000n],
    ['-1.5', 2, -150n],
    ['-0.00', 2, 0n],
    ['999999.99', 2, 99_999_999n],
  ])('reads "%s" at %i decimals as %p', (text, decimals, scaled) => {
    expect(parseScaled(text, decimals)).toBe(scaled);
  });

  it.each([
    ['1.234', 2],
    ['', 2],
    ['1e2', 4],
    ['.5', 4],
    ['5.', 4],
    ['+5', 4],
    [' 5', 4],
  ])('refuses "%s" at %i decimals, which it could not scale exactly', (text, decimals) => {
    expect(() => parseScaled(text, decimals)).toThrow(RangeError);
  });
});

describe('formatHundredths', () => {
  it.each([
    [3_125n, '31.25'],
    [10_000n, '100.00'],
    [5n, '0.05'],
    [0n, '0.00'],
    [-50n, '-0.50'],
    [-200n, '-2.00'],
    [99_999_999n, '999999.99'],
  ])('shows %p as "%s"', (hundredths, text) => {
    expect(formatHundredths(hundredths)).toBe(text);
  });
});

describe('floorDiv and ceilDiv', () => {
  it('agree with Math.floor and Math.ceil for every sign of numerator and denominator', () => {
    for (let a = -30; a <= 30; a++) {
      for (let b = -7; b <= 7; b++) {
        if (b === 0) continue;
        expect([a, b, floorDiv(BigInt(a), BigInt(b)), ceilDiv(BigInt(a), BigInt(b))]).toEqual([
          a,
          b,
          BigInt(Math.floor(a / b)),
          BigInt(Math.ceil(a / b)),
        ]);
      }
    }
  });

  it('stay exact beyond 2^53', () => {
    const big = 10n ** 30n + 1n;
    expect(floorDiv(big, 10n)).toBe(10n ** 29n);
    expect(ceilDiv(big, 10n)).toBe(10n ** 29n + 1n);
    expect(floorDiv(-big, 10n)).toBe(-(10n ** 29n) - 1n);
    expect(ceilDiv(-big, 10n)).toBe(-(10n ** 29n));
  });
});
