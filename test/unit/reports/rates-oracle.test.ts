// Proves the report rates, gaps, points and the target bound give exactly what the same formulas give in decimal.js, over many seeded inputs.
import { isDeepStrictEqual } from 'node:util';
import Decimal from 'decimal.js';
import { gapToProcedureTarget, gapToTransactionTarget } from '../../../domain/reports/gap-to-target';
import { meetsRateTarget, ratePercent } from '../../../domain/reports/rates';
import { pointsFor } from '../../../domain/reports/report-figures';
import { parseTargetSets, TargetSetsInvalidError, type RateTarget, type TargetPoints } from '../../../domain/reports/target-sets';

// The oracle: the formulas as decimal.js states them, at a precision that keeps every product of a
// safe integer and a target exact and every quotient far from a rounding boundary it does not sit on.
const ExactDecimal = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });

const oracle = {
  ratePercent(numerator: number, denominator: number): string | null {
    if (denominator === 0) return null;
    return new ExactDecimal(numerator).times(100).div(denominator).toFixed(2, Decimal.ROUND_HALF_UP);
  },

  meetsRateTarget(numerator: number, denominator: number, target: RateTarget): boolean | null {
    if (denominator === 0) return null;
    const achieved = new ExactDecimal(numerator).times(100);
    const required = new ExactDecimal(target.target).times(denominator);
    return target.comparison === 'gte' ? achieved.gte(required) : achieved.gt(required);
  },

  gapToTransactionTarget(online: number, total: number, target: RateTarget): number | null {
    const percent = new ExactDecimal(target.target);
    if (percent.eq(100)) {
      if (target.comparison === 'gt' || online < total) return null;
      return total === 0 ? 1 : 0;
    }
    const x = percent.times(total).minus(new ExactDecimal(online).times(100)).div(new ExactDecimal(100).minus(percent));
    const k = target.comparison === 'gte' ? ExactDecimal.max(0, x.ceil()) : x.isNegative() ? new ExactDecimal(0) : x.floor().plus(1);
    const gap = Math.max(k.toNumber(), total === 0 ? 1 : 0);
    if (!Number.isSafeInteger(total + gap)) throw new RangeError(`gap to target exceeds the safe integer range for ${online}/${total}`);
    return gap;
  },

  gapToProcedureTarget(paid: number, procedures: number, target: RateTarget): number | null {
    if (procedures === 0) return null;
    const y = new ExactDecimal(target.target).times(procedures).div(100).minus(paid);
    const m = target.comparison === 'gte' ? ExactDecimal.max(0, y.ceil()) : y.isNegative() ? new ExactDecimal(0) : y.floor().plus(1);
    const gap = Math.max(0, m.toNumber());
    return paid + gap > procedures ? null : gap;
  },

  pointsFor(judgements: readonly (boolean | null)[], points: TargetPoints | null): string | null {
    if (!points) return null;
    const judged = judgements.filter((j): j is boolean => j !== null);
    if (judged.length === 0) return null;
    return judged.reduce((sum, met) => sum.plus(met ? points.meets : points.misses), new ExactDecimal(0)).toFixed(2);
  },

  // What the target-set schema said of a percentage: its regex, then at most 100 by decimal.js.
  percentageIssues(value: string): string[] {
    return [
      ...(/^\d{1,3}(\.\d{1,4})?$/.test(value) ? [] : ['must be a percentage written as a decimal string, e.g. "25.00"']),
      ...(new Decimal(value).lte(100) ? [] : ['must be at most 100']),
    ];
  },
};

// mulberry32: a seeded generator, so a failure names inputs that reproduce on every run.
function generator(seed: number) {
  let state = seed >>> 0;
  const next32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  /** A whole number from min to max inclusive, up to the whole safe range. */
  const integer = (min: number, max: number): number => {
    const draw = (BigInt(next32()) << 32n) | BigInt(next32());
    return min + Number(draw % BigInt(max - min + 1));
  };
  const pick = <T>(values: readonly T[]): T => values[integer(0, values.length - 1)]!;
  return { integer, pick };
}

type Generator = ReturnType<typeof generator>;

const SAFE = Number.MAX_SAFE_INTEGER;

/** A count from every scale: small, where boundaries are dense, up to and near 2^53. */
function count(g: Generator): number {
  switch (g.integer(0, 5)) {
    case 0:
      return g.integer(0, 50);
    case 1:
      return g.integer(0, 10_000);
    case 2:
      return g.integer(0, 10_000_000);
    case 3:
      return g.integer(0, 2 ** 32);
    case 4:
      return g.integer(0, SAFE);
    default:
      return SAFE - g.integer(0, 1_000);
  }
}

/** A part of a whole: none, all, all but one, any, or right at the target's share. */
function part(g: Generator, whole: number, target: RateTarget): number {
  switch (g.integer(0, 4)) {
    case 0:
      return 0;
    case 1:
      return whole;
    case 2:
      return Math.max(0, whole - 1);
    case 3:
      return g.integer(0, whole);
    default: {
      // ⌈t·whole⌉ nudged by a little: where "meets" turns and the gaps are smallest.
      const atTarget = new Decimal(target.target).times(whole).div(100).ceil().toNumber();
      return Math.min(whole, Math.max(0, atTarget + g.integer(-2, 2)));
    }
  }
}

const SPECIAL_TARGETS = [
  ...['0', '000', '0.0001', '12.5', '25.00', '30.00', '33.3333', '50'],
  ...['60.00', '66.6667', '099.5', '99.99', '99.9999', '100', '100.0000'],
];

/** A target as the data may write it: 0–100 with 0–4 decimals, ends and repeating fractions included. */
function target(g: Generator): RateTarget {
  const comparison = g.pick(['gte', 'gt'] as const);
  if (g.integer(0, 3) === 0) return { target: g.pick(SPECIAL_TARGETS), comparison };
  const decimals = g.integer(0, 4);
  const whole = g.integer(0, 100);
  if (decimals === 0) return { target: String(whole), comparison };
  const fraction = whole === 100 ? '0'.repeat(decimals) : digitsOf(g, decimals);
  return { target: `${whole}.${fraction}`, comparison };
}

/** Points as target-sets.json may write them: signed, 0–2 decimals, zero in every spelling. */
function pointsValue(g: Generator): string {
  if (g.integer(0, 5) === 0) return g.pick(['0', '-0', '0.00', '-0.00', '1.00', '-1.00', '0.5', '-0.50', '999999.99', '-999999.99']);
  const sign = g.pick(['', '-']);
  const whole = g.integer(0, 1) === 0 ? g.integer(0, 5) : g.integer(0, 999_999);
  const decimals = g.integer(0, 2);
  return decimals === 0 ? `${sign}${whole}` : `${sign}${whole}.${digitsOf(g, decimals)}`;
}

/**
 * A plain decimal string around the target bound, written well or not: 1–4 digits (leading zeros
 * included), 0–5 decimals, now and then a minus sign.
 */
function percentageLike(g: Generator): string {
  const digits = g.integer(1, 4);
  const whole = digits === 3 && g.integer(0, 1) === 0 ? g.pick(['099', '100', '101', '010']) : digitsOf(g, digits);
  const decimals = g.integer(0, 5);
  const fraction = decimals === 0 ? '' : `.${g.integer(0, 1) === 0 ? '0'.repeat(decimals) : digitsOf(g, decimals)}`;
  return `${g.integer(0, 20) === 0 ? '-' : ''}${whole}${fraction}`;
}

function digitsOf(g: Generator, length: number): string {
  return String(g.integer(0, 10 ** length - 1)).padStart(length, '0');
}

/** A result or the error thrown, so a RangeError is compared like a value. */
function outcome<T>(compute: () => T): { value: T } | { error: string } {
  try {
    return { value: compute() };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

const RUNS = 20_000;

/** Collects the inputs where the two sides differ, so one failure lists the first few of them. */
function disagreements() {
  const found: unknown[] = [];
  return {
    check(inputs: unknown, actual: unknown, expected: unknown): void {
      if (found.length < 10 && !isDeepStrictEqual(actual, expected)) found.push({ inputs, actual, expected });
    },
    found,
  };
}

describe('report rates against decimal.js', () => {
  it.each([
    [1, 8, '12.50'],
    [1, 16, '6.25'],
    [1, 32, '3.13'], // 3.125
    [3, 32, '9.38'], // 9.375
    [1, 800, '0.13'], // 0.125
    [1, 1_600, '0.06'], // 0.0625
    [1, 3_200, '0.03'], // 0.03125
    [1, 20_000, '0.01'], // 0.005
    [3, 20_000, '0.02'], // 0.015
    [199_999, 200_000, '100.00'], // 99.9995
    [4_503_599_627_370_497, 9_007_199_254_740_991, '50.00'],
  ])('shows %i of %i as "%s", as decimal.js does', (numerator, denominator, percent) => {
    expect(ratePercent(numerator, denominator)).toBe(percent);
    expect(oracle.ratePercent(numerator, denominator)).toBe(percent);
  });

  it('shows every rate as decimal.js does, exact halves included', () => {
    const g = generator(0x5eed_0001);
    const differ = disagreements();
    for (let i = 0; i < RUNS; i++) {
      let numerator: number;
      let denominator: number;
      if (i % 2 === 0) {
        denominator = count(g);
        numerator = part(g, denominator, target(g));
      } else {
        // 10⁴·odd·j ÷ 20000·j: an odd number of half-hundredths of a percent, exactly on a rounding boundary.
        const odd = 2 * g.integer(0, 9_999) + 1;
        const j = g.integer(1, Math.floor(SAFE / 20_000));
        numerator = odd * j;
        denominator = 20_000 * j;
      }
      differ.check([numerator, denominator], ratePercent(numerator, denominator), oracle.ratePercent(numerator, denominator));
    }
    expect(differ.found).toEqual([]);
  });

  it('judges every rate against every kind of target as decimal.js does', () => {
    const g = generator(0x5eed_0002);
    const differ = disagreements();
    for (let i = 0; i < RUNS; i++) {
      const t = target(g);
      const denominator = count(g);
      const numerator = part(g, denominator, t);
      differ.check([numerator, denominator, t], meetsRateTarget(numerator, denominator, t), oracle.meetsRateTarget(numerator, denominator, t));
    }
    expect(differ.found).toEqual([]);
  });

  it('finds the same transaction gaps, nulls and safe-range RangeErrors as decimal.js', () => {
    const g = generator(0x5eed_0003);
    const differ = disagreements();
    for (let i = 0; i < RUNS; i++) {
      const t = target(g);
      const total = count(g);
      const online = part(g, total, t);
      const actual = outcome(() => gapToTransactionTarget(online, total, t));
      differ.check([online, total, t], actual, outcome(() => oracle.gapToTransactionTarget(online, total, t)));
    }
    expect(differ.found).toEqual([]);
  });

  it('states a transaction gap that ends at 2^53 − 1 and refuses one that would end at 2^53, as decimal.js does', () => {
    const total = 2 ** 53 - 3;
    // 2^52 − 2 online: x = 1 at 50%, so "above" needs 2 more and the total ends at 2^53 − 1.
    const above = { target: '50', comparison: 'gt' } as const;
    expect(gapToTransactionTarget(2 ** 52 - 2, total, above)).toBe(2);
    expect(oracle.gapToTransactionTarget(2 ** 52 - 2, total, above)).toBe(2);
    // 2^52 − 3 online: x = 3, so "at least" needs 3 more and the total would end at 2^53.
    const atLeast = { target: '50', comparison: 'gte' } as const;
    expect(() => gapToTransactionTarget(2 ** 52 - 3, total, atLeast)).toThrow(RangeError);
    expect(() => oracle.gapToTransactionTarget(2 ** 52 - 3, total, atLeast)).toThrow(RangeError);
  });

  it('finds the same procedure gaps and nulls as decimal.js', () => {
    const g = generator(0x5eed_0004);
    const differ = disagreements();
    for (let i = 0; i < RUNS; i++) {
      const t = target(g);
      const procedures = count(g);
      const paid = part(g, procedures, t);
      differ.check([paid, procedures, t], gapToProcedureTarget(paid, procedures, t), oracle.gapToProcedureTarget(paid, procedures, t));
    }
    expect(differ.found).toEqual([]);
  });

  it('agrees with decimal.js on every small count against every special target', () => {
    const differ = disagreements();
    for (const target of SPECIAL_TARGETS) {
      for (const comparison of ['gte', 'gt'] as const) {
        const t = { target, comparison };
        for (let whole = 0; whole <= 40; whole++) {
          for (let share = 0; share <= whole; share++) {
            const actual = [
              ratePercent(share, whole),
              meetsRateTarget(share, whole, t),
              gapToTransactionTarget(share, whole, t),
              gapToProcedureTarget(share, whole, t),
            ];
            const expected = [
              oracle.ratePercent(share, whole),
              oracle.meetsRateTarget(share, whole, t),
              oracle.gapToTransactionTarget(share, whole, t),
              oracle.gapToProcedureTarget(share, whole, t),
            ];
            differ.check([share, whole, t], actual, expected);
          }
        }
      }
    }
    expect(differ.found).toEqual([]);
  });

  it('sums points as decimal.js does, negative values and zeros included', () => {
    const g = generator(0x5eed_0005);
    const differ = disagreements();
    for (let i = 0; i < RUNS; i++) {
      const points = g.integer(0, 9) === 0 ? null : { meets: pointsValue(g), misses: pointsValue(g) };
      const judgements = Array.from({ length: g.integer(0, 4) }, () => g.pick([true, false, null]));
      differ.check([judgements, points], pointsFor(judgements, points), oracle.pointsFor(judgements, points));
    }
    expect(differ.found).toEqual([]);
  });

  it('bounds a target at 100 where decimal.js did, with the same messages', () => {
    const g = generator(0x5eed_0006);
    const values = ['100', '100.0', '100.0000', '100.0001', '100.00001', '099.5', '0100', '101', '999', '1000', '0', '-0', '-5', '0.00000'];
    for (let i = 0; i < 5_000; i++) values.push(percentageLike(g));
    const differ = disagreements();
    for (const value of values) differ.check(value, percentageIssuesOf(value), oracle.percentageIssues(value));
    expect(differ.found).toEqual([]);
  });

  it('refuses a target that is no number at all with the format message alone', () => {
    for (const value of ['', 'abc', ' 50', '1e2', 'Infinity', '0x10']) {
      expect(percentageIssuesOf(value)).toEqual(['must be a percentage written as a decimal string, e.g. "25.00"']);
    }
  });
});

/** The messages parseTargetSets gives for a transaction-rate target written as `value`. */
function percentageIssuesOf(value: string): string[] {
  const fifty = { target: '50', comparison: 'gte' };
  const set = { id: 'x', name: 'x', transactionRate: { target: value, comparison: 'gte' }, procedureRate: fifty, points: null };
  try {
    parseTargetSets({ targetSets: [set] });
    return [];
  } catch (error) {
    if (!(error instanceof TargetSetsInvalidError)) throw error;
    return error.issues.map((issue) => issue.message);
  }
}
