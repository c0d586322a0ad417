// Proves each kind of fee rule gives the amount a person computes by hand, at its boundaries, with an explanation that shows the sum.
import type { FeeRule } from '../../../domain/catalog/catalog';
import { computeFeeRule, formatDecimalVi } from '../../../domain/fees/fee-rules';
import Decimal from 'decimal.js';

const certifiedCopies: FeeRule = {
  type: 'tiered',
  unit: 'pages',
  tiers: [
    { upTo: 2, amount: 2000 },
    { upTo: null, amount: 1000 },
  ],
  capPerCopy: 200_000,
  perCopy: 'copies',
};
const registration: FeeRule = { type: 'percentage', base: 'declaredValue', rate: '0.005', min: null, max: null };
const appraisal: FeeRule = { type: 'percentage', base: 'declaredValue', rate: '0.0015', min: 500_000, max: 5_000_000 };

const amountOf = (rule: FeeRule, inputs: Parameters<typeof computeFeeRule>[1]) => {
  const result = computeFeeRule(rule, inputs);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
};

describe('computeFeeRule', () => {
  it('charges a fixed amount whatever the inputs', () => {
    expect(amountOf({ type: 'fixed', amount: 10_000 }, {})).toEqual({ ok: true, amount: 10_000, explanation: 'Mức cố định 10.000 ₫ mỗi hồ sơ' });
    expect(amountOf({ type: 'fixed', amount: 10_000 }, { pages: 50, copies: 9 }).amount).toBe(10_000);
  });

  describe('tiered per page with a cap per copy (Circular 226/2016/TT-BTC)', () => {
    it.each([
      [1, 1, 2_000],
      [2, 1, 4_000],
      [3, 1, 5_000],
      [5, 2, 14_000],
      [198, 1, 200_000],
      [199, 1, 200_000],
      [200, 3, 600_000],
      [10_000, 1_000, 200_000_000],
    ])('%i pages × %i copies = %i VND', (pages, copies, expected) => {
      expect(amountOf(certifiedCopies, { pages, copies }).amount).toBe(expected);
    });

    it('moves to the second tier exactly at page 3', () => {
      expect(amountOf(certifiedCopies, { pages: 2 }).amount - amountOf(certifiedCopies, { pages: 1 }).amount).toBe(2_000);
      expect(amountOf(certifiedCopies, { pages: 3 }).amount - amountOf(certifiedCopies, { pages: 2 }).amount).toBe(1_000);
    });

    it('reaches the cap at 200 000 (2 × 2 000 + 196 × 1 000) and stays there', () => {
      expect(amountOf(certifiedCopies, { pages: 197 }).amount).toBe(199_000);
      expect(amountOf(certifiedCopies, { pages: 198 }).amount).toBe(200_000);
      expect(amountOf(certifiedCopies, { pages: 199 }).amount).toBe(200_000);
    });

    it('defaults to one copy', () => {
      expect(amountOf(certifiedCopies, { pages: 5 }).amount).toBe(7_000);
    });

    it('explains the tiers, the copies and the cap', () => {
      expect(amountOf(certifiedCopies, { pages: 5, copies: 2 }).explanation).toBe(
        '2 trang × 2.000 ₫ + 3 trang × 1.000 ₫ = 7.000 ₫ mỗi bản, × 2 bản = 14.000 ₫',
      );
      expect(amountOf(certifiedCopies, { pages: 1 }).explanation).toBe('1 trang × 2.000 ₫ = 2.000 ₫ mỗi bản, × 1 bản = 2.000 ₫');
      expect(amountOf(certifiedCopies, { pages: 300, copies: 2 }).explanation).toBe(
        '2 trang × 2.000 ₫ + 298 trang × 1.000 ₫ = 302.000 ₫, áp mức tối đa 200.000 ₫ mỗi bản, × 2 bản = 400.000 ₫',
      );
    });

    it('needs the number of pages and names it', () => {
      expect(computeFeeRule(certifiedCopies, { copies: 2 })).toEqual({
        ok: false,
        issues: [{ path: 'inputs.pages', message: expect.stringContaining('pages') }],
      });
    });

    it('ignores copies when the rule is not per copy', () => {
      const perDossier: FeeRule = { ...certifiedCopies, perCopy: null, capPerCopy: null };
      expect(amountOf(perDossier, { pages: 5, copies: 3 })).toMatchObject({ amount: 7_000, explanation: '2 trang × 2.000 ₫ + 3 trang × 1.000 ₫ = 7.000 ₫' });
    });
  });

  describe('percentage of a declared value', () => {
    it('rounds once, half up, at the end of the line', () => {
      // 0.5% of 1 234 567 = 6 172.835 → 6 173
      expect(amountOf(registration, { declaredValue: 1_234_567 })).toEqual({
        ok: true,
        amount: 6_173,
        explanation: '0,5% × 1.234.567 ₫ = 6.172,835 ₫, làm tròn 6.173 ₫',
      });
      // 0.5% of 100 = 0.5 → 1 (half up), of 99 = 0.495 → 0
      expect(amountOf(registration, { declaredValue: 100 }).amount).toBe(1);
      expect(amountOf(registration, { declaredValue: 99 }).amount).toBe(0);
      expect(amountOf(registration, { declaredValue: 0 }).amount).toBe(0);
    });

    it('applies the minimum and the maximum, on each side of them', () => {
      // 0.15% reaches 500 000 at 333 333 334 (500 000.001) and 5 000 000 at 3 333 333 334.
      expect(amountOf(appraisal, { declaredValue: 1_000_000 })).toMatchObject({ amount: 500_000, explanation: expect.stringContaining('áp mức tối thiểu 500.000 ₫') });
      expect(amountOf(appraisal, { declaredValue: 333_333_333 }).amount).toBe(500_000);
      expect(amountOf(appraisal, { declaredValue: 333_333_334 }).amount).toBe(500_000);
      expect(amountOf(appraisal, { declaredValue: 400_000_000 }).amount).toBe(600_000);
      expect(amountOf(appraisal, { declaredValue: 3_333_332_000 }).amount).toBe(4_999_998);
      // 4 999 999.5 is under the maximum and rounds half up to it, without the maximum applying.
      expect(amountOf(appraisal, { declaredValue: 3_333_333_000 })).toMatchObject({ amount: 5_000_000, explanation: expect.not.stringContaining('tối đa') });
      expect(amountOf(appraisal, { declaredValue: 3_333_334_000 })).toMatchObject({ amount: 5_000_000, explanation: expect.stringContaining('áp mức tối đa 5.000.000 ₫') });
      expect(amountOf(appraisal, { declaredValue: 1_000_000_000_000 }).amount).toBe(5_000_000);
    });

    it('stays exact at the largest declared value', () => {
      expect(amountOf(registration, { declaredValue: 1_000_000_000_000 }).amount).toBe(5_000_000_000);
    });

    it('needs the declared value and names it', () => {
      expect(computeFeeRule(registration, { pages: 3 })).toEqual({
        ok: false,
        issues: [{ path: 'inputs.declaredValue', message: expect.stringContaining('declared value') }],
      });
    });

    it('refuses a result above the largest amount the service handles, naming the input', () => {
      const steep: FeeRule = { type: 'percentage', base: 'declaredValue', rate: '2', min: null, max: null };
      expect(computeFeeRule(steep, { declaredValue: 1_000_000_000_000 })).toMatchObject({ ok: false, issues: [{ path: 'inputs.declaredValue' }] });
    });
  });

  it('writes decimals the Vietnamese way', () => {
    expect(formatDecimalVi(new Decimal('6172.835'))).toBe('6.172,835');
    expect(formatDecimalVi(new Decimal('0.5'))).toBe('0,5');
    expect(formatDecimalVi(new Decimal('1000000'))).toBe('1.000.000');
  });
});
