// Proves, over generated rules and inputs, that fee rules are monotone in pages, copies and declared value, never exceed their caps, and always give whole VND.
import fc from 'fast-check';
import type { FeeRule } from '../../../domain/catalog/catalog';
import { MAX_COPIES, MAX_DECLARED_VALUE_VND, MAX_PAGES } from '../../../domain/fees/fee-inputs';
import { computeFeeRule } from '../../../domain/fees/fee-rules';

type TieredRule = Extract<FeeRule, { type: 'tiered' }>;
type PercentageRule = Extract<FeeRule, { type: 'percentage' }>;

// Up to 100 000 per page keeps pages × copies × amount within the largest amount (10^12), so every case is priced.
const amount = fc.integer({ min: 0, max: 100_000 });

const tieredRule: fc.Arbitrary<TieredRule> = fc
  .record({
    bounds: fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { maxLength: 4 }),
    amounts: fc.array(amount, { minLength: 5, maxLength: 5 }),
    capPerCopy: fc.option(amount, { nil: null }),
    perCopy: fc.constantFrom('copies' as const, null),
  })
  .map(({ bounds, amounts, capPerCopy, perCopy }) => {
    const sorted = [...bounds].sort((a, b) => a - b);
    const tiers = [...sorted.map((upTo, i) => ({ upTo, amount: amounts[i]! })), { upTo: null, amount: amounts[sorted.length]! }];
    return { type: 'tiered', unit: 'pages', tiers, capPerCopy, perCopy };
  });

const percentageRule: fc.Arbitrary<PercentageRule> = fc
  .record({
    rate: fc.integer({ min: 0, max: 100_000 }).map((tenThousandths) => (tenThousandths / 1_000_000).toFixed(6)),
    min: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
    span: fc.option(fc.integer({ min: 0, max: 100_000_000 }), { nil: null }),
  })
  .map(({ rate, min, span }) => ({ type: 'percentage', base: 'declaredValue', rate, min, max: span === null ? null : (min ?? 0) + span }));

const pages = fc.integer({ min: 1, max: MAX_PAGES });
const copies = fc.integer({ min: 1, max: MAX_COPIES });
const declaredValue = fc.integer({ min: 0, max: MAX_DECLARED_VALUE_VND });

const amountOf = (rule: FeeRule, inputs: Parameters<typeof computeFeeRule>[1]): number => {
  const result = computeFeeRule(rule, inputs);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.amount;
};

describe('fee rules, for any rule and input', () => {
  it('tiered: more pages never cost less', () => {
    fc.assert(
      fc.property(tieredRule, pages, pages, copies, (rule, a, b, n) => {
        const [fewer, more] = a <= b ? [a, b] : [b, a];
        expect(amountOf(rule, { pages: fewer, copies: n })).toBeLessThanOrEqual(amountOf(rule, { pages: more, copies: n }));
      }),
    );
  });

  it('tiered: more copies never cost less, and each copy costs the same', () => {
    fc.assert(
      fc.property(tieredRule, pages, copies, (rule, p, n) => {
        const one = amountOf(rule, { pages: p, copies: 1 });
        const many = amountOf(rule, { pages: p, copies: n });
        expect(many).toBeGreaterThanOrEqual(one);
        expect(many).toBe(rule.perCopy === 'copies' ? one * n : one);
      }),
    );
  });

  it('tiered: a copy never costs more than the cap', () => {
    fc.assert(
      fc.property(tieredRule, pages, copies, (rule, p, n) => {
        const multiplier = rule.perCopy === 'copies' ? n : 1;
        const total = amountOf(rule, { pages: p, copies: n });
        if (rule.capPerCopy !== null) expect(total).toBeLessThanOrEqual(rule.capPerCopy * multiplier);
        expect(Number.isSafeInteger(total) && total >= 0).toBe(true);
      }),
    );
  });

  it('percentage: a larger declared value never costs less, and the result stays within min and max', () => {
    fc.assert(
      fc.property(percentageRule, declaredValue, declaredValue, (rule, a, b) => {
        const [lower, higher] = a <= b ? [a, b] : [b, a];
        const low = amountOf(rule, { declaredValue: lower });
        const high = amountOf(rule, { declaredValue: higher });
        expect(low).toBeLessThanOrEqual(high);
        for (const value of [low, high]) {
          expect(Number.isSafeInteger(value)).toBe(true);
          if (rule.min !== null) expect(value).toBeGreaterThanOrEqual(rule.min);
          if (rule.max !== null) expect(value).toBeLessThanOrEqual(rule.max);
        }
      }),
    );
  });

  it('percentage: the result is the exact product rounded half up, within half a đồng', () => {
    fc.assert(
      fc.property(percentageRule, declaredValue, (rule, value) => {
        fc.pre(rule.min === null && rule.max === null);
        const exactMillionths = BigInt(Math.round(Number(rule.rate) * 1_000_000)) * BigInt(value);
        const rounded = (exactMillionths + 500_000n) / 1_000_000n;
        expect(amountOf(rule, { declaredValue: value })).toBe(Number(rounded));
      }),
    );
  });
});
