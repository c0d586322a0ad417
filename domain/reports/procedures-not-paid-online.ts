import type { AmountVnd } from '../shared/money';
import type { ReportCounter } from './counters';
import { procedureId, uniqueProcedures, type FeeBearingProcedure } from './fee-bearing-catalog';
import { assertReportPeriod, isInPeriod, type ReportPeriod } from './report-period';
import { compareCodes } from './report-rows';

/** A fee-bearing procedure without a standing online payment in the period. */
export interface ProcedureNotPaidOnline {
  readonly agencyCode: string;
  readonly procedureCode: string;
  /** Counter payments it had instead: the citizens who could have paid online. */
  readonly paymentTransactions: number;
  readonly amount: AmountVnd;
}

/**
 * The fee-bearing procedures of the scope with no online payment in the period: what to enable or
 * promote next to raise the procedure rate. Those with the most counter payments come first (the
 * demand is proven), then by agency and procedure code.
 */
export function feeBearingProceduresNotPaidOnline(input: {
  readonly period: ReportPeriod;
  readonly counters: readonly ReportCounter[];
  readonly catalog: readonly FeeBearingProcedure[];
}): ProcedureNotPaidOnline[] {
  assertReportPeriod(input.period);
  const online = new Map<string, number>();
  const offline = new Map<string, { paymentTransactions: number; amount: AmountVnd }>();
  for (const c of input.counters) {
    if (!isInPeriod(c.businessDate, input.period)) continue;
    const id = procedureId(c);
    if (c.channel === 'ONLINE') {
      online.set(id, (online.get(id) ?? 0) + c.paymentTransactions);
    } else {
      const sum = offline.get(id) ?? { paymentTransactions: 0, amount: 0 };
      offline.set(id, { paymentTransactions: sum.paymentTransactions + c.paymentTransactions, amount: sum.amount + c.amount });
    }
  }
  return uniqueProcedures(input.catalog)
    .filter((p) => (online.get(procedureId(p)) ?? 0) <= 0)
    .map((p) => ({ agencyCode: p.agencyCode, procedureCode: p.procedureCode, ...(offline.get(procedureId(p)) ?? { paymentTransactions: 0, amount: 0 }) }))
    .sort(
      (a, b) =>
        b.paymentTransactions - a.paymentTransactions ||
        compareCodes(a.agencyCode, b.agencyCode) ||
        compareCodes(a.procedureCode, b.procedureCode),
    );
}
