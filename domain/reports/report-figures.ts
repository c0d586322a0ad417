import type { AmountVnd } from '../shared/money';
import { gapToProcedureTarget, gapToTransactionTarget } from './gap-to-target';
import { meetsRateTarget, ratePercent } from './rates';
import { formatHundredths, parseScaled } from './scaled-integers';
import type { TargetPoints, TargetSet } from './target-sets';

/** The counts behind one report row (a group, or the totals). */
export interface ReportCounts {
  readonly paymentTransactions: number;
  readonly onlinePaymentTransactions: number;
  readonly feeBearingProcedures: number;
  readonly proceduresPaidOnline: number;
  /** Dossiers of fee-bearing procedures with a non-zero fee, paid by any channel (766 3.6 denominator). */
  readonly dossiersPaid: number;
  readonly dossiersPaidOnline: number;
  readonly amount: AmountVnd;
  readonly onlineAmount: AmountVnd;
}

/**
 * One ROW of the reports contract. The first eleven fields are the contract's, in its order; the
 * rest are extras the contract allows, kept so every rate can be checked from the counts beside it.
 */
export interface ReportFigures {
  readonly paymentTransactions: number;
  readonly onlinePaymentTransactions: number;
  readonly transactionRatePercent: string | null;
  readonly feeBearingProcedures: number;
  readonly proceduresPaidOnline: number;
  readonly procedureRatePercent: string | null;
  readonly dossierRatePercent: string | null;
  /** null when there is no rate to judge (an empty denominator). */
  readonly meetsTransactionTarget: boolean | null;
  readonly meetsProcedureTarget: boolean | null;
  /** Additional online payment transactions needed; null when the target cannot be reached. */
  readonly gapToTransactionTarget: number | null;
  /** Sum of the target set's points over the judged indicators; null when the set has none. */
  readonly points: string | null;
  /** Additional fee-bearing procedures that need an online payment; null when unreachable or none exist. */
  readonly gapToProcedureTarget: number | null;
  readonly dossiersPaid: number;
  readonly dossiersPaidOnline: number;
  readonly amount: AmountVnd;
  readonly onlineAmount: AmountVnd;
}

/** The ROW fields in output order (JSON objects and CSV columns). */
export const REPORT_FIGURE_FIELDS = [
  'paymentTransactions',
  'onlinePaymentTransactions',
  'transactionRatePercent',
  'feeBearingProcedures',
  'proceduresPaidOnline',
  'procedureRatePercent',
  'dossierRatePercent',
  'meetsTransactionTarget',
  'meetsProcedureTarget',
  'gapToTransactionTarget',
  'points',
  'gapToProcedureTarget',
  'dossiersPaid',
  'dossiersPaidOnline',
  'amount',
  'onlineAmount',
] as const satisfies readonly (keyof ReportFigures)[];

export function reportFigures(counts: ReportCounts, targetSet: TargetSet): ReportFigures {
  const meetsTransactionTarget = meetsRateTarget(counts.onlinePaymentTransactions, counts.paymentTransactions, targetSet.transactionRate);
  const meetsProcedureTarget = meetsRateTarget(counts.proceduresPaidOnline, counts.feeBearingProcedures, targetSet.procedureRate);
  return {
    paymentTransactions: counts.paymentTransactions,
    onlinePaymentTransactions: counts.onlinePaymentTransactions,
    transactionRatePercent: ratePercent(counts.onlinePaymentTransactions, counts.paymentTransactions),
    feeBearingProcedures: counts.feeBearingProcedures,
    proceduresPaidOnline: counts.proceduresPaidOnline,
    procedureRatePercent: ratePercent(counts.proceduresPaidOnline, counts.feeBearingProcedures),
    dossierRatePercent: ratePercent(counts.dossiersPaidOnline, counts.dossiersPaid),
    meetsTransactionTarget,
    meetsProcedureTarget,
    gapToTransactionTarget: gapToTransactionTarget(counts.onlinePaymentTransactions, counts.paymentTransactions, targetSet.transactionRate),
    points: pointsFor([meetsTransactionTarget, meetsProcedureTarget], targetSet.points),
    gapToProcedureTarget: gapToProcedureTarget(counts.proceduresPaidOnline, counts.feeBearingProcedures, targetSet.procedureRate),
    dossiersPaid: counts.dossiersPaid,
    dossiersPaidOnline: counts.dossiersPaidOnline,
    amount: counts.amount,
    onlineAmount: counts.onlineAmount,
  };
}

/**
 * Points over the indicators that could be judged: `meets` for each met, `misses` for each missed.
 * An indicator without a rate (nothing in its denominator) earns nothing either way; a row where no
 * indicator can be judged, or a set without points, has null. Points have at most two decimals
 * (target-sets.ts), so the sum is taken exactly in whole hundredths.
 */
export function pointsFor(judgements: readonly (boolean | null)[], points: TargetPoints | null): string | null {
  if (!points) return null;
  const judged = judgements.filter((j): j is boolean => j !== null);
  if (judged.length === 0) return null;
  return formatHundredths(judged.reduce((sum, met) => sum + parseScaled(met ? points.meets : points.misses, POINTS_DECIMALS), 0n));
}

const POINTS_DECIMALS = 2;
