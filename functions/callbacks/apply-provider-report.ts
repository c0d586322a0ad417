import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../domain/ports/clock';
import { toVietnamIso } from '../../domain/shared/business-date';
import type { Payment, ReconciliationNote } from '../../domain/payments/payment';
import { paymentSucceededEventId, type PaymentSucceededEvent } from '../../domain/payments/payment-succeeded';
import type { ProviderPaymentReport } from '../../domain/providers/provider-payment-report';
import { counterDeltasFor } from '../../domain/reports/counters';
import type { FindingSource } from '../../domain/cases/case';
import { caseIdOf } from '../../domain/cases/case';
import { reportCase } from '../../domain/cases/case-findings';
import type { ReviewReason } from '../../domain/review/review-item';
import { caseFindingWrite } from '../cases/case-records';
import { outboxPut } from '../outbox/outbox-record';
import type { DynamoDbPaymentRepository, SuccessEffect } from '../payments/payment-repository';
import { counterUpdateItems, shardOfPayment } from '../reports/report-counter-repository';
import { callbackDedupeKey, callbackDedupeWrite } from './callback-dedupe';

/**
 * Applies one verified provider report (a callback, a status-query answer of the mop-up job, or a
 * settlement row reconciliation auto-applies) — the one path by which a provider moves a payment.
 *
 * Exactly-once: the report's dedupe record, the payment's move, the dossier guard, the report
 * counters, the PaymentSucceeded outbox record and any case for finance (domain/cases/) commit in ONE
 * transaction, or nothing does. Duplicates (sequential or racing), late, reordered and unknown reports are expected
 * outcomes, returned as values.
 */
export type ReportOutcome = 'APPLIED' | 'DUPLICATE' | 'LATE_SUCCESS' | 'AMOUNT_MISMATCH' | 'UNKNOWN_PAYMENT' | 'IGNORED';

export interface ApplyReportDependencies {
  readonly payments: DynamoDbPaymentRepository;
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly clock: Clock;
}

export interface ApplyReportResult {
  readonly outcome: ReportOutcome;
  /** Set when finance has something to review about this report. */
  readonly review?: ReviewReason;
  /** True when this call's transaction moved the payment to SUCCEEDED (APPLIED, LATE_SUCCESS, or kept as the dossier's duplicate). */
  readonly moved?: true;
  /** One of the caller's `alsoWrites` was refused (its condition failed): nothing was written. */
  readonly callerWriteRefused?: true;
}

/** What reconciliation adds when it applies a settlement row it found for a lost callback. */
export interface ApplyReportOptions {
  /** The payment as the caller just read it (consistently): no read before the first attempt. */
  readonly payment?: Payment;
  /** The AutoApplied note, set on the payment in the move itself. */
  readonly autoApplied?: ReconciliationNote;
  /** Writes that commit with a success, after the report's own (given the outcome they record). */
  readonly alsoWrites?: (outcome: ReportOutcome) => readonly TransactItem[];
  /** Which flow's report this is, for the finding on a case it opens (a callback unless said). */
  readonly source?: FindingSource;
  /**
   * A finance decision on a case applies the provider's success: the provider's amount is taken as
   * collected even where it differs from the payment's, and the decision (in alsoWrites) stands for
   * the case, so no finding is written for it.
   */
  readonly decidingCase?: true;
}

/** The queue PaymentSucceeded events are carried to (see functions/manifest.ts). */
export const PAYMENT_EVENTS_QUEUE = 'payment-events';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export async function applyProviderReport(report: ProviderPaymentReport, deps: ApplyReportDependencies, options: ApplyReportOptions = {}): Promise<ApplyReportResult> {
  const now = deps.clock.now();
  // With the payment in hand the dedupe record's condition in the transaction answers a duplicate
  // (writeIndex 0 below); a callback reads it first, so that a repeat costs one read and no write.
  const known = options.payment?.paymentId === report.paymentId ? options.payment : undefined;
  if (!known && (await alreadyReceived(report, deps))) return { outcome: 'DUPLICATE' };

  const payment = known ?? (await deps.payments.getPayment(report.paymentId));
  if (!payment) {
    if (report.status === 'FAILED') return { outcome: 'UNKNOWN_PAYMENT' }; // no money moved: nothing to review
    return recordOnly(report, 'UNKNOWN_PAYMENT', 'UNKNOWN_PAYMENT', {}, deps, now, options.source);
  }
  const context = { agencyCode: payment.agencyCode, dossierId: payment.dossierId, expectedAmount: payment.amount };

  if (report.status === 'FAILED') {
    const result = await deps.payments.recordFailure(
      { paymentId: report.paymentId, provider: report.provider, providerTxnId: report.providerTxnId, occurredAt: report.occurredAt },
      now,
      { additionalWrites: [callbackDedupeWrite(deps.tableName, report, 'APPLIED', now)] },
    );
    switch (result.kind) {
      case 'APPLIED':
        return { outcome: 'APPLIED' };
      case 'IGNORED': // a failure never undoes a success, nor moves any finished payment
        return { outcome: 'IGNORED' };
      case 'UNKNOWN_PAYMENT':
        return { outcome: 'UNKNOWN_PAYMENT' };
      case 'ADDITIONAL_WRITE_REFUSED':
        return { outcome: 'DUPLICATE' };
    }
  }

  // Answering a mismatch does not undo the money: the payment stays as it is and finance reviews it.
  // A payment already paid by this very transaction (e.g. finance accepted the provider's amount) is
  // not a mismatch again: the success path answers it as the duplicate it is.
  const paidByThisTransaction = payment.status === 'SUCCEEDED' && payment.providerTxnId === report.providerTxnId;
  if (report.amount !== payment.amount && !options.decidingCase && !paidByThisTransaction) return recordOnly(report, 'AMOUNT_MISMATCH', 'AMOUNT_MISMATCH', context, deps, now, options.source);

  let ownWrites = 0;
  const result = await deps.payments.recordSuccess(
    { paymentId: report.paymentId, provider: report.provider, providerTxnId: report.providerTxnId, amount: report.amount, occurredAt: report.occurredAt },
    now,
    {
      writesFor: (effect) => {
        const own = successWrites(report, effect, deps.tableName, now, options);
        ownWrites = own.length;
        return [...own, ...(options.alsoWrites?.(outcomeOf(effect)) ?? [])];
      },
      ...(known ? { payment: known } : {}),
      ...(options.autoApplied ? { autoApplied: options.autoApplied } : {}),
    },
  );
  switch (result.kind) {
    case 'APPLIED':
      return { outcome: 'APPLIED', moved: true };
    case 'LATE_SUCCESS':
      return { outcome: 'LATE_SUCCESS', review: 'LATE_SUCCESS', moved: true };
    case 'DUPLICATE_FOR_DOSSIER':
      return { outcome: 'DUPLICATE', review: 'DUPLICATE_PAYMENT_FOR_DOSSIER', moved: true };
    case 'ALREADY_SUCCEEDED':
      if (result.sameProviderTxn) return { outcome: 'DUPLICATE' };
      // The same payment collected a second time under another provider transaction: refund one.
      return recordOnly(report, 'DUPLICATE', 'SECOND_PROVIDER_TRANSACTION', context, deps, now, options.source);
    case 'UNKNOWN_PAYMENT':
      return { outcome: 'UNKNOWN_PAYMENT' };
    case 'ADDITIONAL_WRITE_REFUSED':
      if (result.writeIndex === 0) return { outcome: 'DUPLICATE' }; // the same event, applied by a racing delivery
      if (options.alsoWrites && result.writeIndex >= ownWrites) return { outcome: 'IGNORED', callerWriteRefused: true };
      throw new Error(`a write of the success of ${report.paymentId} was refused (index ${result.writeIndex})`);
  }
}

function outcomeOf(effect: SuccessEffect): ReportOutcome {
  return effect.kind === 'APPLIED' ? 'APPLIED' : effect.kind === 'LATE_SUCCESS' ? 'LATE_SUCCESS' : 'DUPLICATE';
}

/** What commits with a success, by the move it makes. */
function successWrites(report: ProviderPaymentReport, effect: SuccessEffect, tableName: string, now: Date, options: ApplyReportOptions): TransactItem[] {
  const { payment } = effect;
  const review = (reason: ReviewReason): TransactItem[] =>
    options.decidingCase ? [] : [caseWriteOf(tableName, report, reason, { agencyCode: payment.agencyCode, dossierId: payment.dossierId, expectedAmount: payment.amount }, now, options.source)];
  if (effect.kind === 'DUPLICATE_FOR_DOSSIER') {
    // Money moved but the dossier was paid already: kept for refund, never counted, never announced.
    return [callbackDedupeWrite(tableName, report, 'DUPLICATE', now), ...review('DUPLICATE_PAYMENT_FOR_DOSSIER')];
  }
  const lateSuccess = effect.kind === 'LATE_SUCCESS';
  const event: PaymentSucceededEvent = {
    type: 'PaymentSucceeded',
    eventId: paymentSucceededEventId(payment.paymentId),
    paymentId: payment.paymentId,
    dossierId: payment.dossierId,
    procedureCode: payment.procedureCode,
    agencyCode: payment.agencyCode,
    provider: report.provider,
    providerTxnId: report.providerTxnId,
    amount: report.amount,
    paidAt: effect.paidAt,
    businessDate: effect.businessDate,
    lateSuccess,
  };
  const deltas = counterDeltasFor({
    type: 'ONLINE_PAYMENT_SUCCEEDED',
    payment: { agencyCode: payment.agencyCode, procedureCode: payment.procedureCode, businessDate: effect.businessDate, amount: report.amount },
    // The dossier guard in this same transaction makes this payment the dossier's (first) payment.
    firstSuccessOfDossier: true,
  });
  return [
    callbackDedupeWrite(tableName, report, lateSuccess ? 'LATE_SUCCESS' : 'APPLIED', now),
    // A few counter items per key keep a report's cost independent of the number of payments; the
    // payment picks one of them, so a burst of successes on one key does not contend for one item
    // (report-counter-repository.ts on sharding).
    ...counterUpdateItems(tableName, deltas, shardOfPayment(payment.paymentId)),
    outboxPut(tableName, { messageId: event.eventId, queue: PAYMENT_EVENTS_QUEUE, body: event }, now),
    ...(lateSuccess ? review('LATE_SUCCESS') : []),
  ];
}

/** The case a report opens or joins: about the provider transaction it reports. */
function caseWriteOf(
  tableName: string,
  report: ProviderPaymentReport,
  reason: ReviewReason,
  context: { agencyCode?: string; dossierId?: string; expectedAmount?: number },
  now: Date,
  source: FindingSource = 'CALLBACK',
): TransactItem {
  const { type, subject } = reportCase(reason, report.provider, report.providerTxnId);
  return caseFindingWrite(
    tableName,
    {
      caseId: caseIdOf(subject),
      type,
      provider: report.provider,
      providerTxnId: report.providerTxnId,
      paymentId: report.paymentId,
      dossierId: context.dossierId ?? null,
      agencyCode: context.agencyCode ?? null,
      expectedAmount: context.expectedAmount ?? null,
      // A provider amount that was not a positive whole number of đồng is kept as the provider wrote it.
      providerAmount: report.providerAmount !== undefined ? null : report.amount,
      ...(report.providerAmount !== undefined ? { providerAmountText: report.providerAmount } : {}),
      providerPaidAt: report.occurredAt,
      reviewReason: reason,
      finding: { source, type, contractType: reason, eventId: report.eventId, at: toVietnamIso(now) },
    },
    now,
  );
}

/** A report that moves no payment but must be remembered (dedupe) and reviewed. */
async function recordOnly(
  report: ProviderPaymentReport,
  outcome: ReportOutcome,
  reason: ReviewReason,
  context: { agencyCode?: string; dossierId?: string; expectedAmount?: number },
  deps: ApplyReportDependencies,
  now: Date,
  source?: FindingSource,
): Promise<ApplyReportResult> {
  const items: TransactItem[] = [callbackDedupeWrite(deps.tableName, report, outcome, now), caseWriteOf(deps.tableName, report, reason, context, now, source)];
  try {
    await deps.doc.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return { outcome: 'DUPLICATE' };
    throw error;
  }
  return { outcome, review: reason };
}

async function alreadyReceived(report: ProviderPaymentReport, deps: ApplyReportDependencies): Promise<boolean> {
  const { Item } = await deps.doc.send(new GetCommand({ TableName: deps.tableName, Key: callbackDedupeKey(report), ConsistentRead: true }));
  return Item !== undefined;
}
