import Decimal from 'decimal.js';
import type { FeeRule } from '../catalog/catalog';
import { type AmountVnd, MAX_AMOUNT_VND, formatVnd } from '../shared/money';
import type { FeeInputIssue, FeeInputs } from './fee-inputs';
import { roundVndHalfUp } from './rounding';

/**
 * How each kind of fee rule of the catalog turns a dossier's inputs into one fee line's amount, with
 * a sentence a citizen can check by hand. Inputs each rule needs:
 *   fixed       nothing
 *   tiered      `pages` (a whole number ≥ 1); `copies` when the rule multiplies per copy (default 1)
 *   percentage  `declaredValue` (whole VND ≥ 0)
 * Integer VND throughout; Decimal carries the fractions of a percentage, and the line is rounded half
 * up exactly once, at the end.
 */
export type FeeRuleResult =
  | { readonly ok: true; readonly amount: AmountVnd; readonly explanation: string }
  | { readonly ok: false; readonly issues: readonly FeeInputIssue[] };

/** A line's result with its amount before the one rounding, for a reduction that applies before rounding. */
export type ExactFeeRuleResult =
  | { readonly ok: true; readonly amount: AmountVnd; readonly exact: Decimal; readonly explanation: string }
  | { readonly ok: false; readonly issues: readonly FeeInputIssue[] };

export const DEFAULT_COPIES = 1;

export function computeFeeRule(rule: FeeRule, inputs: FeeInputs): FeeRuleResult {
  const result = computeFeeRuleExact(rule, inputs);
  return result.ok ? { ok: true, amount: result.amount, explanation: result.explanation } : result;
}

export function computeFeeRuleExact(rule: FeeRule, inputs: FeeInputs): ExactFeeRuleResult {
  switch (rule.type) {
    case 'fixed':
      return { ok: true, amount: rule.amount, exact: new Decimal(rule.amount), explanation: `Mức cố định ${formatVnd(rule.amount)} mỗi hồ sơ` };
    case 'tiered':
      return computeTiered(rule, inputs);
    case 'percentage':
      return computePercentage(rule, inputs);
  }
}

type TieredRule = Extract<FeeRule, { type: 'tiered' }>;
type PercentageRule = Extract<FeeRule, { type: 'percentage' }>;

function computeTiered(rule: TieredRule, inputs: FeeInputs): ExactFeeRuleResult {
  const pages = inputs.pages;
  if (pages === undefined) return missing('inputs.pages', 'the number of pages is required for this fee (charged per page)');
  const copies = rule.perCopy === 'copies' ? (inputs.copies ?? DEFAULT_COPIES) : 1;

  const parts: string[] = [];
  let uncapped = new Decimal(0);
  let covered = 0;
  for (const tier of rule.tiers) {
    const upper = tier.upTo ?? Number.POSITIVE_INFINITY;
    const count = Math.max(0, Math.min(pages, upper) - covered);
    if (count > 0) {
      uncapped = uncapped.plus(new Decimal(tier.amount).times(count));
      parts.push(`${count} trang × ${formatVnd(tier.amount)}`);
    }
    covered = Math.max(covered, upper);
    if (covered >= pages) break;
  }

  const capped = rule.capPerCopy !== null && uncapped.greaterThan(rule.capPerCopy);
  const perCopy = capped ? new Decimal(rule.capPerCopy!) : uncapped;
  const exact = perCopy.times(copies);
  const amount = roundVndHalfUp(exact);
  if (amount > MAX_AMOUNT_VND) return tooLarge(rule.perCopy === 'copies' ? 'inputs.copies' : 'inputs.pages');

  let explanation = `${parts.join(' + ')} = ${formatVnd(uncapped.toNumber())}`;
  if (capped) explanation += `, áp mức tối đa ${formatVnd(rule.capPerCopy!)} mỗi bản`;
  else if (rule.perCopy === 'copies') explanation += ' mỗi bản';
  if (rule.perCopy === 'copies') explanation += `, × ${copies} bản = ${formatVnd(amount)}`;
  return { ok: true, amount, exact, explanation };
}

function computePercentage(rule: PercentageRule, inputs: FeeInputs): ExactFeeRuleResult {
  const declaredValue = inputs.declaredValue;
  if (declaredValue === undefined) {
    return missing('inputs.declaredValue', 'the declared value (whole VND) is required for this fee (a percentage of it)');
  }
  const exact = new Decimal(rule.rate).times(declaredValue);
  let bounded = exact;
  let bound = '';
  if (rule.min !== null && exact.lessThan(rule.min)) {
    bounded = new Decimal(rule.min);
    bound = `, áp mức tối thiểu ${formatVnd(rule.min)}`;
  } else if (rule.max !== null && exact.greaterThan(rule.max)) {
    bounded = new Decimal(rule.max);
    bound = `, áp mức tối đa ${formatVnd(rule.max)}`;
  }
  const amount = roundVndHalfUp(bounded);
  if (amount > MAX_AMOUNT_VND) return tooLarge('inputs.declaredValue');

  const percent = formatDecimalVi(new Decimal(rule.rate).times(100));
  let explanation = `${percent}% × ${formatVnd(declaredValue)} = ${formatDecimalVi(exact)} ₫${bound}`;
  if (!bounded.isInteger()) explanation += `, làm tròn ${formatVnd(amount)}`;
  return { ok: true, amount, exact: bounded, explanation };
}

/** A Decimal written the Vietnamese way: 6.172,835 (dot between thousands, comma before decimals). */
export function formatDecimalVi(value: Decimal): string {
  const [whole = '0', fraction] = value.toFixed().split('.');
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

function missing(path: string, message: string): ExactFeeRuleResult {
  return { ok: false, issues: [{ path, message }] };
}

function tooLarge(path: string): ExactFeeRuleResult {
  return { ok: false, issues: [{ path, message: `the fee for this value exceeds ${formatVnd(MAX_AMOUNT_VND)}, the largest amount the service handles` }] };
}
