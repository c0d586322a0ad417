import { createHash } from 'node:crypto';
import type { Payment } from '../../domain/payments/payment';
import { SettlementObjectMissingError } from '../../domain/ports/settlement-file-store';
import { addDays, toVietnamIso } from '../../domain/shared/business-date';
import {
  emptyDiscrepancyCounts,
  InternalTransactionError,
  reconcile,
  ReconciliationError,
  settlementFileOptions,
  SettlementFileError,
  type CarriedOverPayment,
  type CountAndAmount,
  type Discrepancy,
  type DiscrepancyType,
  type InternalTransaction,
  type KnownPayment,
} from '../../domain/reconciliation';
import { discrepancyIdOf } from '../../domain/reconciliation-runs/reconciliation-ids';
import {
  RECONCILIATION_ACTOR,
  RETRIED_FAILURES,
  type AgencyRunFigures,
  type ReconciliationRun,
  type RunFailure,
  type RunFailureReason,
  type RunSummary,
  type StoredDiscrepancy,
} from '../../domain/reconciliation-runs/reconciliation-run';
import { AUTO_APPLIED_ACTION } from '../../domain/reconciliation-runs/discrepancy-resolution';
import type { Dependencies } from '../composition';
import { logger } from '../observability/logger';
import { hashed, pendingWindowMs, SettlementFileTooLargeError } from '../settlements/store-settlement-file';
import { hasSpareProcessor, readSettlementFileInThread } from './file-reader-thread';
import { autoApplyLostCallback, recordProviderReversal, type ActionDependencies } from './discrepancy-actions';
import type { AutoApplyRecord } from './auto-apply-records';
import { ReconciliationLimitError } from './reconciliation-repository';
import { RUN_LEASE_MS } from './reconciliation-jobs';

/**
 * The reconciliation worker's use case: one run, one provider, one business date.
 *
 * 1. Take the run (RUNNING, the day's lease extended); a completed, unknown or superseded run is left.
 * 2. Check the stored settlement file against the checksum recorded when it was accepted.
 * 3. Stream it and the day's successes (Query pages of the SUCCEEDED index) through `reconcile`, with
 *    the previous day's PENDING_NEXT_DAY payments carried over and payments the file names outside
 *    the day looked up by id (BatchGetItem). Memory stays bounded by the engine's tables.
 * 4. Every batch of findings gets its deterministic id, its agency and the day's decision on it, the
 *    lost callbacks are applied (AUTO_APPLIED) and reversals recorded, then it is written (BatchWrite).
 * 5. Store the summary and each agency's figures; COMPLETED; release the day.
 *
 * Running a day again finds the same things: findings keep their ids and their resolutions, effects
 * are applied once (see discrepancy-actions.ts), and a payment whose lost callback an earlier run of
 * the day applied is shown to the engine as that run found it (its status before), so the second run
 * classifies it the same way instead of counting it matched.
 *
 * Failures that another attempt would repeat (a missing, changed or invalid file, broken internal
 * data, a limit) end the run FAILED at once. Anything else is thrown for the queue to retry after a
 * backoff; the last attempt leaves the run FAILED (final) before the message is dead-lettered.
 */
export type RunDependencies = Pick<
  Dependencies,
  'config' | 'clock' | 'payments' | 'reconciliations' | 'autoApplies' | 'settlementFiles' | 'tableName' | 'dynamoDb'
>;

export interface Delivery {
  /** 1 for the first delivery of the message. */
  readonly receiveCount: number;
  readonly maxReceiveCount: number;
}

export type RunOutcome =
  | { readonly kind: 'COMPLETED'; readonly summary: RunSummary }
  | { readonly kind: 'FAILED'; readonly failure: RunFailure }
  | { readonly kind: 'SKIPPED'; readonly why: 'UNKNOWN_RUN' | 'ALREADY_COMPLETED' | 'SUPERSEDED' };

/** Bounds on what one run keeps in memory or reads besides the engine's own tables. */
export const RUN_LIMITS = {
  /** Lost callbacks applied on one day (each kept in memory to show the engine its payment as found). */
  autoAppliesPerDay: 100_000,
  /** PENDING_NEXT_DAY payments taken over from the previous day's run. */
  carriedOver: 100_000,
  /** Agencies with figures in one run. */
  agencies: 10_000,
  /** Payments remembered with their agency between the engine's lookup and the recording of findings. */
  paymentInfoCache: 50_000,
  /** Findings handled together: one BatchGetItem of decisions, four BatchWriteItem requests. */
  findingsPerSlice: 100,
} as const;

export async function runReconciliation(runId: string, delivery: Delivery, deps: RunDependencies): Promise<RunOutcome> {
  const { reconciliations } = deps;
  const taken = await reconciliations.markRunning(runId, delivery.receiveCount, deps.clock.now().getTime() + RUN_LEASE_MS, deps.clock.now());
  if (taken.kind === 'SUPERSEDED') {
    await reconciliations.failRun(runId, failureOf('SUPERSEDED', 'A later run of the same day took over.', delivery, true, deps));
    return { kind: 'SKIPPED', why: 'SUPERSEDED' };
  }
  if (taken.kind === 'NOT_RUNNABLE') {
    if (!taken.run) return { kind: 'SKIPPED', why: 'UNKNOWN_RUN' };
    // A redelivered message of a completed run: make sure the day was released, nothing else.
    await reconciliations.releaseDay(taken.run, true);
    return { kind: 'SKIPPED', why: 'ALREADY_COMPLETED' };
  }
  const run = taken.run;
  try {
    const summary = await reconcileRun(run, deps);
    await reconciliations.completeRun(run.runId, summary.summary, summary.carriedOverFromRunId, deps.clock.now());
    await reconciliations.releaseDay(run, true);
    logger.info('reconciliation run completed', { runId, provider: run.provider, businessDate: run.businessDate, discrepancies: summary.summary.discrepancies });
    return { kind: 'COMPLETED', summary: summary.summary };
  } catch (error) {
    if (error instanceof ConcurrentDeliveryError) {
      // Not a failure of the run: the other delivery may well complete it. Retried like one.
      logger.info('reconciliation run met another delivery of itself; the queue delivers it again', { runId });
      throw error;
    }
    const [reason, message] = classify(error);
    const retried = RETRIED_FAILURES.includes(reason);
    const final = !retried || delivery.receiveCount >= delivery.maxReceiveCount;
    const failure = failureOf(reason, message, delivery, final, deps);
    await reconciliations.failRun(run.runId, failure);
    if (final) await reconciliations.releaseDay(run, false);
    if (retried) {
      logger.error('reconciliation run failed; the queue will retry it', { runId, attempt: delivery.receiveCount, final, error: error as Error });
      throw error;
    }
    logger.warn('reconciliation run failed', { runId, reason, message });
    return { kind: 'FAILED', failure };
  }
}

async function reconcileRun(run: ReconciliationRun, deps: RunDependencies): Promise<{ summary: RunSummary; carriedOverFromRunId?: string }> {
  const { reconciliations, payments } = deps;
  const { provider, businessDate } = run;
  const fileRef = { key: run.settlementFile.objectKey, ...(run.settlementFile.versionId ? { versionId: run.settlementFile.versionId } : {}) };

  // The bytes must be the ones accepted; read once to check, before anything is applied on their word.
  const check = createHash('sha256');
  await drain(hashed(await deps.settlementFiles.read(fileRef), check, run.settlementFile.sizeBytes));
  if (check.digest('hex') !== run.settlementFile.checksumSha256) throw new SettlementFileChangedError();

  const appliedBefore = await deps.autoApplies.list(provider, businessDate, RUN_LIMITS.autoAppliesPerDay);
  const shownAsFound = new Map<string, AutoApplyRecord>([...appliedBefore].filter(([, record]) => record.state !== 'NOT_APPLIED'));
  const previousDate = addDays(businessDate, -1);
  const previousRunId = (await reconciliations.getDay(provider, previousDate))?.latestCompletedRunId;
  const carriedOver: CarriedOverPayment[] = previousRunId ? await reconciliations.carriedOverFrom(previousRunId, previousDate, RUN_LIMITS.carriedOver) : [];

  const figures = new AgencyFigures();
  const recorder = new FindingRecorder(run, deps, figures);
  const internalPages = async function* (): AsyncGenerator<InternalTransaction[]> {
    for await (const page of payments.succeededPages(provider, businessDate)) {
      const records: InternalTransaction[] = [];
      for (const payment of page) {
        if (shownAsFound.has(payment.paymentId)) continue;
        figures.addInternal(payment.agencyCode, payment.amount);
        records.push({ paymentId: payment.paymentId, dossierId: payment.dossierId, amount: payment.amount, status: 'SUCCEEDED', paidAt: payment.paidAt ?? null });
      }
      yield records;
    }
  };
  const lookupPayments = async (paymentIds: readonly string[]): Promise<KnownPayment[]> => {
    const found = await payments.getPayments(paymentIds);
    recorder.remember(found);
    // A success this run did not expect may be another delivery of this run applying the lost
    // callback right now: its record is written before the payment moves, so it is there to read.
    const unexpected = found.filter((payment) => payment.status === 'SUCCEEDED' && !shownAsFound.has(payment.paymentId));
    if (unexpected.length > 0) {
      const records = await deps.autoApplies.get(provider, businessDate, unexpected.map((payment) => payment.paymentId));
      for (const [paymentId, record] of records) if (record.state !== 'NOT_APPLIED') shownAsFound.set(paymentId, record);
    }
    return found.map((payment) => {
      const asFound = shownAsFound.get(payment.paymentId);
      const status = asFound ? asFound.previousStatus : payment.status;
      return { paymentId: payment.paymentId, dossierId: payment.dossierId, amount: payment.amount, status, paidAt: status === 'SUCCEEDED' ? (payment.paidAt ?? null) : null };
    });
  };

  const dayOptions = { businessDate, pendingNextDayWindowMs: pendingWindowMs(deps.config) };
  const fileChunks = await deps.settlementFiles.read(fileRef);
  const result = await reconcile({
    ...dayOptions,
    // With a second processor the file is read and checked on a thread while the day's transactions
    // are queried; otherwise the engine reads it itself, after them.
    settlementFile: hasSpareProcessor()
      ? { format: 'rows', batches: readSettlementFileInThread(fileChunks, { ...settlementFileOptions(dayOptions), expectedRows: run.settlementFile.rows }) }
      : fileChunks,
    internalTransactions: { format: 'records', records: internalPages() },
    carriedOver,
    lookupPayments,
    onDiscrepancies: (batch) => recorder.record(batch),
  });
  // A record this delivery neither found at its start nor wrote means another delivery of the run was
  // applying lost callbacks alongside: payments it moved may have been read either way. Leave the run
  // to the queue's next delivery, which reads them as found.
  const appliedAfter = await deps.autoApplies.list(provider, businessDate, RUN_LIMITS.autoAppliesPerDay);
  if ([...appliedAfter.keys()].some((paymentId) => !appliedBefore.has(paymentId) && !recorder.began.has(paymentId))) {
    throw new ConcurrentDeliveryError();
  }
  await reconciliations.putAgencyFigures(run.runId, figures.all());
  return {
    summary: { ...result.summary, autoApplied: recorder.autoApplied, reversalsRecorded: recorder.reversalsRecorded, carriedOver: carriedOver.length },
    ...(previousRunId ? { carriedOverFromRunId: previousRunId } : {}),
  };
}

interface PaymentInfo {
  readonly agencyCode: string;
  readonly provider: string;
}

/** Gives each finding its id, agency and decision, acts on it, and writes it. */
class FindingRecorder {
  autoApplied = 0;
  /** Payments whose auto-apply record this delivery wrote. */
  readonly began = new Set<string>();
  reversalsRecorded = 0;
  private order = 0;
  private readonly repeats = new Map<string, number>();
  private readonly info = new Map<string, PaymentInfo>();
  private readonly actionDeps: ActionDependencies;

  constructor(
    private readonly run: ReconciliationRun,
    private readonly deps: RunDependencies,
    private readonly figures: AgencyFigures,
  ) {
    this.actionDeps = { payments: deps.payments, doc: deps.dynamoDb.doc, tableName: deps.tableName, clock: deps.clock, reconciliations: deps.reconciliations, autoApplies: deps.autoApplies };
  }

  /** Keeps what the engine's lookup read, so the findings about those payments need no second read. */
  remember(payments: readonly Payment[]): void {
    for (const payment of payments) {
      if (this.info.size >= RUN_LIMITS.paymentInfoCache) return;
      this.info.set(payment.paymentId, { agencyCode: payment.agencyCode, provider: payment.provider });
    }
  }

  async record(batch: readonly Discrepancy[]): Promise<void> {
    for (let start = 0; start < batch.length; start += RUN_LIMITS.findingsPerSlice) {
      await this.recordSlice(batch.slice(start, start + RUN_LIMITS.findingsPerSlice));
    }
  }

  private async recordSlice(slice: readonly Discrepancy[]): Promise<void> {
    const { run } = this;
    // Every finding naming a payment gets its agency, repeats of a row included (the engine gives them
    // no internal side); a payment id the service never issued stays without one.
    const unknown = slice.filter((d) => d.paymentId !== null && !this.info.has(d.paymentId)).map((d) => d.paymentId!);
    if (unknown.length > 0) {
      const read = await this.deps.payments.getPayments(unknown);
      for (const payment of read) this.info.set(payment.paymentId, { agencyCode: payment.agencyCode, provider: payment.provider });
    }
    const ids = slice.map((d) => this.idOf(d));
    const decisions = await this.deps.reconciliations.getResolutions(run.provider, run.businessDate, ids);

    const stored: StoredDiscrepancy[] = [];
    for (const [i, discrepancy] of slice.entries()) {
      const discrepancyId = ids[i]!;
      const info = discrepancy.paymentId !== null ? this.info.get(discrepancy.paymentId) : undefined;
      if (discrepancy.internalStatus !== null && !info) throw new Error(`payment ${discrepancy.paymentId} of a finding could not be read`);
      let decision = decisions.get(discrepancyId) ?? { status: 'OPEN' as const, resolution: null };
      let autoApplied = false;
      let reversalRecorded = false;
      // A payment of another provider named in this file is reported, never moved on this file's word.
      const ownPayment = info?.provider === run.provider;
      if (discrepancy.autoApply && ownPayment) {
        const attempt = await autoApplyLostCallback(run, discrepancy, this.actionDeps);
        if (attempt.began) this.began.add(discrepancy.paymentId!);
        autoApplied = attempt.applied;
        if (autoApplied) {
          this.autoApplied++;
          if (decision.status === 'OPEN') {
            decision = await this.deps.reconciliations.resolveByWorker(
              { provider: run.provider, businessDate: run.businessDate, discrepancyId, runId: run.runId },
              { action: AUTO_APPLIED_ACTION, note: null, by: RECONCILIATION_ACTOR, at: toVietnamIso(this.deps.clock.now()) },
            );
          }
        }
      }
      if (discrepancy.reason === 'REVERSED_SUCCESS' && ownPayment) {
        reversalRecorded = await recordProviderReversal(run, discrepancy, this.actionDeps);
        if (reversalRecorded) this.reversalsRecorded++;
      }
      stored.push({
        ...discrepancy,
        discrepancyId,
        runId: run.runId,
        provider: run.provider,
        businessDate: run.businessDate,
        agencyCode: info?.agencyCode ?? null,
        status: decision.status,
        order: this.order++,
        resolution: decision.resolution,
        autoApplied,
        reversalRecorded,
      });
      if (info) this.figures.addDiscrepancy(info.agencyCode, discrepancy.type);
    }
    await this.deps.reconciliations.putDiscrepancies(stored);
  }

  private idOf(discrepancy: Discrepancy): string {
    let occurrence = 0;
    if (discrepancy.reason === 'PROVIDER_TXN_REPEATED') {
      // Only repeats of one provider_txn_id share every other field; they are numbered in line order.
      const key = `${discrepancy.providerTxnId}\u001f${discrepancy.paymentId}`;
      occurrence = this.repeats.get(key) ?? 0;
      this.repeats.set(key, occurrence + 1);
    }
    return discrepancyIdOf({
      provider: this.run.provider,
      businessDate: this.run.businessDate,
      type: discrepancy.type,
      reason: discrepancy.reason,
      providerTxnId: discrepancy.providerTxnId,
      paymentId: discrepancy.paymentId,
      occurrence,
    });
  }
}

/** Each agency's own figures of the run: its day's successes and its findings by type. */
class AgencyFigures {
  private readonly byAgency = new Map<string, { internal: CountAndAmount; discrepancies: Record<DiscrepancyType, number> }>();

  addInternal(agencyCode: string, amount: number): void {
    const figures = this.of(agencyCode);
    figures.internal.count++;
    figures.internal.amount += amount;
  }

  addDiscrepancy(agencyCode: string, type: DiscrepancyType): void {
    this.of(agencyCode).discrepancies[type]++;
  }

  all(): AgencyRunFigures[] {
    return [...this.byAgency].map(([agencyCode, figures]) => ({ agencyCode, ...figures }));
  }

  private of(agencyCode: string) {
    let figures = this.byAgency.get(agencyCode);
    if (!figures) {
      if (this.byAgency.size >= RUN_LIMITS.agencies) throw new ReconciliationLimitError('agencies in one run', RUN_LIMITS.agencies);
      figures = { internal: { count: 0, amount: 0 }, discrepancies: emptyDiscrepancyCounts() };
      this.byAgency.set(agencyCode, figures);
    }
    return figures;
  }
}

async function drain(chunks: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of chunks) void chunk;
}

/** Another delivery of the same run applied lost callbacks while this one read (see reconcileRun). */
export class ConcurrentDeliveryError extends Error {
  constructor() {
    super('another delivery of this run applied lost callbacks meanwhile');
    this.name = 'ConcurrentDeliveryError';
  }
}

class SettlementFileChangedError extends Error {
  constructor() {
    super('the stored settlement file does not match the checksum recorded when it was accepted');
    this.name = 'SettlementFileChangedError';
  }
}

/** The failure reason and a message safe to show finance (SDK errors and stacks stay in the log). */
function classify(error: unknown): [RunFailureReason, string] {
  if (error instanceof SettlementObjectMissingError) return ['SETTLEMENT_FILE_MISSING', 'The settlement file of this run is no longer stored.'];
  if (error instanceof SettlementFileChangedError || error instanceof SettlementFileTooLargeError) {
    return ['SETTLEMENT_FILE_CHANGED', 'The stored settlement file does not match the checksum recorded when it was accepted.'];
  }
  if (error instanceof SettlementFileError) return ['SETTLEMENT_FILE_INVALID', `The settlement file does not parse: ${error.message}.`];
  if (error instanceof InternalTransactionError) return ['INTERNAL_DATA_INVALID', 'The service’s own payments of the day break the reconciliation rules; see the logs.'];
  if (error instanceof ReconciliationLimitError) return ['LIMIT_EXCEEDED', error.message];
  if (error instanceof ReconciliationError) return ['INTERNAL_DATA_INVALID', error.message];
  return ['UNEXPECTED', 'The run stopped on an unexpected error; it is retried.'];
}

function failureOf(reason: RunFailureReason, message: string, delivery: Delivery, final: boolean, deps: Pick<RunDependencies, 'clock'>): RunFailure {
  return {
    reason,
    message: final && reason === 'UNEXPECTED' ? 'The run stopped on an unexpected error after every retry; see the logs.' : message,
    at: toVietnamIso(deps.clock.now()),
    attempt: delivery.receiveCount,
    final,
  };
}
