import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Payment, ReconciliationNote } from '../../domain/payments/payment';
import type { ProviderPaymentReport } from '../../domain/providers/provider-payment-report';
import { counterDeltasFor } from '../../domain/reports/counters';
import { toVietnamIso } from '../../domain/shared/business-date';
import type { Discrepancy, PaymentStatus } from '../../domain/reconciliation';
import type { ReconciliationRun } from '../../domain/reconciliation-runs/reconciliation-run';
import { applyProviderReport, type ApplyReportDependencies, type ReportOutcome } from '../callbacks/apply-provider-report';
import { callbackDedupeKey } from '../callbacks/callback-dedupe';
import { counterUpdateItems, shardOfPayment } from '../reports/report-counter-repository';
import type { AutoApplyRecord, DynamoDbAutoApplyRecords } from './auto-apply-records';
import type { DynamoDbReconciliationRepository } from './reconciliation-repository';

/**
 * What a run does about two kinds of finding, besides recording them:
 *
 * AUTO_APPLIED — a lost callback (MISSING_INTERNAL / LOST_CALLBACK: the provider settled a payment
 * the service still has PENDING or EXPIRED) is applied as the provider's success through
 * applyProviderReport, the one path that moves a payment on a provider's word, with the event id
 * `settlement:<provider_txn_id>:SUCCEEDED`: a re-run finds its dedupe record and applies nothing
 * twice. The intent is written first (AUTOAPPLY#<paymentId>, with the status the payment had), so
 * later runs of the day see the payment as the first run found it (same findings); then the move,
 * its AutoApplied note and the record's APPLIED commit in one transaction. A record left APPLYING
 * (a delivery that stopped before that transaction, or one written before notes were folded into it)
 * is finished on the next run by the slower path: the dedupe record tells whether the row moved the
 * payment, and the note and APPLIED follow.
 *
 * PaymentReversed — a provider REVERSED row for a SUCCEEDED payment (STATUS_MISMATCH /
 * REVERSED_SUCCESS) means the collection does not count: the reversal is noted on the payment and
 * its report counters are taken back in the same transaction, once (a second note is refused).
 *
 * Both leave money decisions (refund, accept) to finance: the finding stays for review, except a
 * lost callback applied here, which is resolved as AUTO_APPLIED.
 */
export interface ActionDependencies extends ApplyReportDependencies {
  readonly reconciliations: DynamoDbReconciliationRepository;
  readonly autoApplies: DynamoDbAutoApplyRecords;
}

export type AutoApplyResult = (
  /** The payment's success now comes from this settlement row (now or in an earlier run of the day). */
  | { readonly applied: true; readonly outcome: string }
  /** Something else made the payment succeed (a callback won the race), or nothing could be applied. */
  | { readonly applied: false; readonly outcome: string }
) & {
  /** This call wrote the day's record of the attempt (false: one was there, from another run or delivery). */
  readonly began: boolean;
};

export const settlementEventId = (providerTxnId: string) => `settlement:${providerTxnId}:SUCCEEDED`;

export async function autoApplyLostCallback(
  run: Pick<ReconciliationRun, 'runId' | 'provider' | 'businessDate'>,
  discrepancy: Discrepancy,
  deps: ActionDependencies,
  /** The payment as the run's lookup read it (consistently), saving the first attempt a read. */
  payment?: Payment,
): Promise<AutoApplyResult> {
  const { paymentId, providerTxnId, providerAmount, providerPaidAt, internalStatus } = discrepancy;
  if (!paymentId || !providerTxnId || providerAmount === null || !providerPaidAt || !internalStatus) {
    throw new Error('an auto-applicable discrepancy names its payment, row and amounts');
  }
  const ours: AutoApplyRecord = { paymentId, providerTxnId, previousStatus: internalStatus, state: 'APPLYING', runId: run.runId };
  const intent = await deps.autoApplies.begin(run.provider, run.businessDate, ours, deps.clock.now());
  const began = intent === ours;
  if (intent.state === 'NOT_APPLIED' || intent.providerTxnId !== providerTxnId) return { applied: false, began, outcome: intent.outcome ?? 'NOT_APPLIED' };
  // APPLIED is written last, with or after the payment's note: nothing is left to do.
  if (intent.state === 'APPLIED') return { applied: true, began, outcome: intent.outcome ?? 'APPLIED' };

  const report: ProviderPaymentReport = {
    provider: run.provider,
    eventId: settlementEventId(providerTxnId),
    providerTxnId,
    paymentId,
    amount: providerAmount,
    status: 'SUCCEEDED',
    occurredAt: toVietnamIso(new Date(providerPaidAt)),
  };
  const now = deps.clock.now();
  const note: ReconciliationNote = { provider: run.provider, providerTxnId, settlementBusinessDate: run.businessDate, runId: run.runId, at: toVietnamIso(now) };
  if (began) {
    // The usual case, in one transaction: the move, its AutoApplied note, and the record's APPLIED.
    const result = await applyProviderReport(report, deps, {
      ...(payment ? { payment } : {}),
      autoApplied: note,
      source: 'RECONCILIATION',
      alsoWrites: (outcome) => [deps.autoApplies.finishWrite(run.provider, run.businessDate, paymentId, 'APPLIED', outcome, now)],
    });
    if (result.moved) return { applied: true, began, outcome: result.outcome };
    return settle(run, report, result.outcome, began, note, internalStatus, deps);
  }
  // A record left APPLYING by an earlier delivery that stopped: the payment may have moved without
  // its note. The dedupe record decides whether this row moved it.
  const { outcome } = await applyProviderReport(report, deps, { source: 'RECONCILIATION' });
  return settle(run, report, outcome, began, note, internalStatus, deps);
}

/** After an attempt that did not move the payment itself: notes an earlier move of this row, or records that none was made. */
async function settle(
  run: Pick<ReconciliationRun, 'provider' | 'businessDate'>,
  report: ProviderPaymentReport,
  outcome: ReportOutcome,
  began: boolean,
  note: ReconciliationNote,
  /** The payment's status when the run found the lost callback. */
  previousStatus: PaymentStatus,
  deps: ActionDependencies,
): Promise<AutoApplyResult> {
  const now = deps.clock.now();
  const movedEarlier = outcome === 'DUPLICATE' && (await appliedFromSettlement(report, deps));
  if (!movedEarlier && outcome !== 'APPLIED' && outcome !== 'LATE_SUCCESS') {
    await deps.autoApplies.finish(run.provider, run.businessDate, report.paymentId, 'NOT_APPLIED', outcome, now);
    return { applied: false, began, outcome };
  }
  // This row moved the payment in an earlier delivery: the record keeps that move's outcome, as the
  // first attempt would have answered it (a late success when the payment had expired), not the
  // DUPLICATE this second attempt was told.
  const applied: ReportOutcome = movedEarlier ? (previousStatus === 'EXPIRED' ? 'LATE_SUCCESS' : 'APPLIED') : outcome;
  const noted = await deps.payments.recordAutoApplied(report.paymentId, note, now);
  if (noted.kind !== 'RECORDED' && noted.kind !== 'ALREADY_RECORDED') throw new Error(`the AutoApplied event on ${report.paymentId} was refused (${noted.kind})`);
  await deps.autoApplies.finish(run.provider, run.businessDate, report.paymentId, 'APPLIED', applied, now);
  return { applied: true, began, outcome: applied };
}

/**
 * A DUPLICATE answer means either an earlier run applied this row (its dedupe record exists and the
 * payment's success carries the row's transaction) or something else paid the payment first.
 */
async function appliedFromSettlement(report: ProviderPaymentReport, deps: ActionDependencies): Promise<boolean> {
  const { Item } = await deps.doc.send(new GetCommand({ TableName: deps.tableName, Key: callbackDedupeKey(report), ConsistentRead: true }));
  if (!Item) return false;
  const payment = await deps.payments.getPayment(report.paymentId);
  return payment?.status === 'SUCCEEDED' && payment.providerTxnId === report.providerTxnId;
}

/** Notes a provider's reversal on a SUCCEEDED payment and reverses its counters; true once noted. */
export async function recordProviderReversal(
  run: Pick<ReconciliationRun, 'runId' | 'provider' | 'businessDate'>,
  discrepancy: Discrepancy,
  deps: ActionDependencies,
  /** The payment as the run read it (consistently); its status and note are conditions of the write. */
  known?: Payment,
): Promise<boolean> {
  if (!discrepancy.paymentId || !discrepancy.providerTxnId) throw new Error('a reversal names its payment and row');
  const payment = known?.paymentId === discrepancy.paymentId ? known : await deps.payments.getPayment(discrepancy.paymentId);
  if (!payment || payment.status !== 'SUCCEEDED' || payment.provider !== run.provider) return false;
  if (payment.reversal) return true;
  const now = deps.clock.now();
  const note: ReconciliationNote = {
    provider: run.provider,
    providerTxnId: discrepancy.providerTxnId,
    settlementBusinessDate: run.businessDate,
    runId: run.runId,
    at: toVietnamIso(now),
  };
  const outcome = await deps.payments.recordProviderReversal(payment.paymentId, note, now, {
    // On the shard its success went to, so every shard of a counter stays a true count on its own.
    additionalWrites: counterUpdateItems(deps.tableName, reversalDeltas(payment), shardOfPayment(payment.paymentId)),
  });
  switch (outcome.kind) {
    case 'RECORDED':
    case 'ALREADY_RECORDED':
      return true;
    case 'NOT_APPLICABLE':
    case 'UNKNOWN_PAYMENT':
      return false;
    case 'ADDITIONAL_WRITE_REFUSED':
      throw new Error(`a counter write of the reversal of ${payment.paymentId} was refused`);
  }
}

/**
 * What the payment's success added to the report counters, taken back. A success kept as a duplicate
 * of the dossier's payment was never counted (counters.ts rule 3), so it takes nothing back; any
 * other carried its dossier's count (applyProviderReport counts it as the dossier's first), and no
 * other counted success of the dossier can inherit it (later ones are duplicates).
 */
export function reversalDeltas(payment: Payment) {
  if (payment.duplicateOfPaymentId !== undefined || !payment.businessDate) return [];
  return counterDeltasFor({
    type: 'PAYMENT_REVERSED',
    channel: 'ONLINE',
    payment: { agencyCode: payment.agencyCode, procedureCode: payment.procedureCode, businessDate: payment.businessDate, amount: payment.paidAmount ?? payment.amount },
    carriedDossierCount: true,
    dossierCountHeir: null,
  });
}
