import Decimal from 'decimal.js';
import type { FeeLine, OnlineReduction } from '../catalog/catalog';
import type { BusinessDate } from '../shared/business-date';
import { type AmountVnd, formatVnd } from '../shared/money';
import { formatDecimalVi } from './fee-rules';
import { roundVndHalfUp } from './rounding';

/**
 * Fee reductions for online submission (DOMAIN.md): a provincial council lowers a fee line by a
 * percentage for dossiers submitted online, between two dates. The reduction is catalog data on the
 * fee line; a dossier handed in at the counter pays the full fee. The percentage applies to the
 * line's amount before rounding, and the reduced line is rounded half up once, like any line.
 */
export const SUBMISSION_CHANNELS = ['ONLINE', 'COUNTER'] as const;
export type SubmissionChannel = (typeof SUBMISSION_CHANNELS)[number];

/** What a quote line records of the reduction it got. */
export interface AppliedReduction {
  readonly percent: string;
  readonly fullAmount: AmountVnd;
  readonly source: string;
  readonly from: BusinessDate;
  readonly to: BusinessDate | null;
}

/** The reduction of a fee line in force on a business date (the schema keeps a line's reductions from overlapping). */
export function onlineReductionInForce(fee: FeeLine, date: BusinessDate): OnlineReduction | undefined {
  return fee.onlineReductions?.find((reduction) => reduction.from <= date && (reduction.to === null || date <= reduction.to));
}

export function applyOnlineReduction(
  line: { readonly amount: AmountVnd; readonly exact: Decimal; readonly explanation: string },
  reduction: OnlineReduction,
): { amount: AmountVnd; explanation: string; reduction: AppliedReduction } {
  const remaining = new Decimal(100).minus(reduction.percent).dividedBy(100);
  const exact = line.exact.times(remaining);
  const amount = roundVndHalfUp(exact);
  const period = reduction.to === null ? `từ ${dayMonthYear(reduction.from)}` : `từ ${dayMonthYear(reduction.from)} đến ${dayMonthYear(reduction.to)}`;
  let explanation = `${line.explanation}; giảm ${formatDecimalVi(new Decimal(reduction.percent))}% do nộp trực tuyến (${reduction.source}, ${period}): còn `;
  explanation += exact.isInteger() ? formatVnd(amount) : `${formatDecimalVi(exact)} ₫, làm tròn ${formatVnd(amount)}`;
  return {
    amount,
    explanation,
    reduction: { percent: reduction.percent, fullAmount: line.amount, source: reduction.source, from: reduction.from, to: reduction.to },
  };
}

function dayMonthYear(date: BusinessDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
