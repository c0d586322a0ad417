import type { FeeKind, FeeLine, Procedure } from '../catalog/catalog';
import { type BusinessDate, businessDateOf } from '../shared/business-date';
import { type AmountVnd, MAX_AMOUNT_VND, formatVnd, sumVnd } from '../shared/money';
import type { FeeInputIssue, FeeInputs } from './fee-inputs';
import { computeFeeRuleExact } from './fee-rules';
import { applyOnlineReduction, onlineReductionInForce, type AppliedReduction, type SubmissionChannel } from './online-reduction';

/**
 * A quote: what a dossier of a procedure owes, line by line (phí and lệ phí), under the fee schedule
 * in force on the business date (UTC+7) the dossier is submitted. A fee line whose validity does not
 * cover that date is left out; an exempt dossier (`inputs.exemption`) owes 0 on every line and needs
 * no other input. A dossier submitted online gets the online reduction a line carries for that date
 * (online-reduction.ts); one handed in at the counter pays the full fee.
 */
export interface QuoteLine {
  readonly feeCode: string;
  readonly name: string;
  readonly kind: FeeKind;
  readonly amount: AmountVnd;
  readonly explanation: string;
  /** Present when the online reduction lowered this line: the percentage, the full amount and the decision. */
  readonly reduction?: AppliedReduction;
}

export interface Quote {
  readonly procedureCode: string;
  readonly amount: AmountVnd;
  readonly currency: 'VND';
  /** How the dossier is submitted: ONLINE gets online reductions, COUNTER the full fee. */
  readonly channel: SubmissionChannel;
  /** The business date whose fee schedule was applied. */
  readonly businessDate: BusinessDate;
  readonly lines: readonly QuoteLine[];
}

export type QuoteResult = { readonly ok: true; readonly quote: Quote } | { readonly ok: false; readonly issues: readonly FeeInputIssue[] };

export function feeLinesInForce(procedure: Procedure, businessDate: BusinessDate): FeeLine[] {
  return procedure.fees.filter((fee) => fee.validFrom <= businessDate && (fee.validTo === null || businessDate <= fee.validTo));
}

export function quoteFees(procedure: Procedure, inputs: FeeInputs, submittedAt: Date | string, channel: SubmissionChannel = 'ONLINE'): QuoteResult {
  const businessDate = businessDateOf(submittedAt);
  const lines: QuoteLine[] = [];
  const issues: FeeInputIssue[] = [];
  for (const fee of feeLinesInForce(procedure, businessDate)) {
    const head = { feeCode: fee.feeCode, name: fee.name, kind: fee.kind };
    if (inputs.exemption === true) {
      lines.push({ ...head, amount: 0, explanation: `Được miễn (inputs.exemption): ${formatVnd(0)}` });
      continue;
    }
    const result = computeFeeRuleExact(fee.rule, inputs);
    const reduction = channel === 'ONLINE' ? onlineReductionInForce(fee, businessDate) : undefined;
    if (result.ok && reduction) lines.push({ ...head, ...applyOnlineReduction(result, reduction) });
    else if (result.ok) lines.push({ ...head, amount: result.amount, explanation: result.explanation });
    else for (const issue of result.issues) if (!issues.some((seen) => seen.path === issue.path)) issues.push(issue);
  }
  if (issues.length > 0) return { ok: false, issues };

  const amount = sumVnd(lines.map((line) => line.amount));
  if (amount > MAX_AMOUNT_VND) {
    return { ok: false, issues: [{ path: 'inputs', message: `the total exceeds ${formatVnd(MAX_AMOUNT_VND)}, the largest amount the service handles` }] };
  }
  return { ok: true, quote: { procedureCode: procedure.code, amount, currency: 'VND', channel, businessDate, lines } };
}
