import { createHash } from 'node:crypto';
import type { Payment } from '../../domain/payments/payment';
import { SettlementObjectMissingError } from '../../domain/ports/settlement-file-store';
import { addDays, toVietnamIso } from '../../domain/shared/business-date';
import {
  emptyDiscrepancyCounts,
  InternalTransactionError,
  reconcile,
  ReconciliationError,
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
import { caseIdOf } from '../../domain/cases/case';
import { discrepancyCase } from '../../domain/cases/case-findings';
import { decideCaseByService } from '../cases/decide-case';
import type { FoundCase } from '../cases/case-records';
import type { Dependencies } from '../composition';
import { logger } from '../observability/logger';
import { hashed, pendingWindowMs, SettlementFileTooLargeError } from '../settlements/store-settlement-file';
import { Limiter, RunStages, type RunStage } from './run-stages';
import { autoApplyLostCallback, recordProviderReversal, type ActionDependencies } from './discrepancy-actions';
import type { AutoApplyRecord } from './auto-apply-records';
import { ReconciliationLimitError, type RunFinding } from './reconciliation-repository';
import type { StoredCase } from '../cases/case-repository';
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
  'config' | 'clock' | 'payments' | 'reconciliations' | 'autoApplies' | 'settlementFiles' | 'tableName' | 'dynamoDb' | 'cases'
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
  /** Slices of findings written at once while the engine goes on matching. */
  slicesInFlight: 8,
  /** Lost callbacks applied and reversals noted at once, over all slices. */
  actionsAtOnce: 16,
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
    const stages = new RunStages();
    const summary = await reconcileRun(run, deps, stages);
    await reconciliations.completeRun(run.runId, summary.summary, summary.carriedOverFromRunId, deps.clock.now());
    await reconciliations.releaseDay(run, true);
    logger.info('reconciliation run completed', { runId, provider: run.provider, businessDate: run.businessDate, discrepancies: summary.summary.discrepancies, stagesMs: stages.report() });
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

async function reconcileRun(run: ReconciliationRun, deps: RunDependencies, stages: RunStages): Promise<{ summary: RunSummary; carriedOverFromRunId?: string }> {
  const { reconciliations, payments } = deps;
  const { provider, businessDate } = run;
  const fileRef = { key: run.settlementFile.objectKey, ...(run.settlementFile.versionId ? { versionId: run.settlementFile.versionId } : {}) };

  // The bytes must be the ones accepted: read once to check, before anything is applied on their
  // word, while the day's records of earlier runs are read.
  const checkFile = stages.time('readingFile', async () => {
    const check = createHash('sha256');
    await drain(hashed(await deps.settlementFiles.read(fileRef), check, run.settlementFile.sizeBytes));
    if (check.digest('hex') !== run.settlementFile.checksumSha256) throw new SettlementFileChangedError();
  });
  const previousDate = addDays(businessDate, -1);
  const [, appliedBefore, previousRunId] = await Promise.all([
    checkFile,
    deps.autoApplies.list(provider, businessDate, RUN_LIMITS.autoAppliesPerDay),
    reconciliations.getDay(provider, previousDate).then((day) => day?.latestCompletedRunId),
  ]);
  const shownAsFound = new Map<string, AutoApplyRecord>([...appliedBefore].filter(([, record]) => record.state !== 'NOT_APPLIED'));
  const carriedOver: CarriedOverPayment[] = previousRunId ? await reconciliations.carriedOverFrom(previousRunId, previousDate, RUN_LIMITS.carriedOver) : [];

  // The engine's own time is its time less what it waited for: pages, file chunks, lookups, writes.
  let waitedMs = 0;
  const waited = async <T>(stage: RunStage | null, work: () => Promise<T>): Promise<T> => {
    const from = performance.now();
    try {
      return stage ? await stages.time(stage, work) : await work();
    } finally {
      waitedMs += performance.now() - from;
    }
  };
  const figures = new AgencyFigures();
  const recorder = new FindingRecorder(run, deps, figures, stages);
  const internalPages = async function* (): AsyncGenerator<InternalTransaction[]> {
    const pages = payments.succeededPages(provider, businessDate)[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await waited('readingDay', () => pages.next());
        if (next.done) return;
        const records: InternalTransaction[] = [];
        for (const payment of next.value) {
          if (shownAsFound.has(payment.paymentId)) continue;
          figures.addInternal(payment.agencyCode, payment.amount);
          records.push({ paymentId: payment.paymentId, dossierId: payment.dossierId, amount: payment.amount, status: 'SUCCEEDED', paidAt: payment.paidAt ?? null });
        }
        yield records;
      }
    } finally {
      await pages.return?.(undefined);
    }
  };
  const fileChunks = async function* (): AsyncGenerator<Uint8Array> {
    const chunks = (await waited('readingFile', () => deps.settlementFiles.read(fileRef)))[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await waited('readingFile', () => chunks.next());
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await chunks.return?.(undefined);
    }
  };
  const lookupPayments = (paymentIds: readonly string[]): Promise<KnownPayment[]> => waited('readingDay', async () => {
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
  });

  const engineFrom = performance.now();
  let result: Awaited<ReturnType<typeof reconcile>>;
  try {
    result = await reconcile({
      businessDate,
      pendingNextDayWindowMs: pendingWindowMs(deps.config),
      settlementFile: fileChunks(),
      internalTransactions: internalPages(),
      carriedOver,
      lookupPayments,
      // Findings are handed over as found; the recorder writes them while the engine goes on, and
      // makes it wait only when enough are in flight.
      onDiscrepancies: (batch) => waited(null, () => recorder.record(batch)),
    });
  } finally {
    const engineTo = performance.now();
    stages.add('matching', engineFrom, engineTo, Math.round(engineTo - engineFrom - waitedMs));
    // Nothing of this delivery is left in flight when it ends, however it ends.
    await recorder.settle().catch(() => undefined);
  }
  await recorder.settle();
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

interface PendingFinding {
  readonly discrepancy: Discrepancy;
  readonly discrepancyId: string;
  /** Repeats of one provider_txn_id in the file, numbered in line order (0 otherwise). */
  readonly occurrence: number;
  readonly order: number;
}

/**
 * Gives each finding its id, agency and decision, acts on it, and writes it. Findings are taken in
 * slices of RUN_LIMITS.findingsPerSlice, several slices at once, and lost callbacks and reversals
 * are applied several at a time: a run is a long series of round trips, and the ones that do not
 * depend on each other go together. Ids and order are given in the engine's order, as findings come.
 */
class FindingRecorder {
  autoApplied = 0;
  /** Payments whose auto-apply record this delivery wrote. */
  readonly began = new Set<string>();
  reversalsRecorded = 0;
  private order = 0;
  private readonly repeats = new Map<string, number>();
  /** Payments read (consistently) by the engine's lookup or by a slice, for the findings about them. */
  private readonly known = new Map<string, Payment>();
  private readonly actionDeps: ActionDependencies;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly actions = new Limiter(RUN_LIMITS.actionsAtOnce);
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly run: ReconciliationRun,
    private readonly deps: RunDependencies,
    private readonly figures: AgencyFigures,
    private readonly stages: RunStages,
  ) {
    this.actionDeps = { payments: deps.payments, doc: deps.dynamoDb.doc, tableName: deps.tableName, clock: deps.clock, reconciliations: deps.reconciliations, autoApplies: deps.autoApplies };
  }

  /** Keeps what the engine's lookup read, so the findings about those payments need no second read. */
  remember(payments: readonly Payment[]): void {
    for (const payment of payments) {
      if (this.known.size >= RUN_LIMITS.paymentInfoCache) return;
      this.known.set(payment.paymentId, payment);
    }
  }

  /** Takes a batch of findings; waits only while RUN_LIMITS.slicesInFlight slices are being written. */
  async record(batch: readonly Discrepancy[]): Promise<void> {
    for (let start = 0; start < batch.length; start += RUN_LIMITS.findingsPerSlice) {
      const slice = batch.slice(start, start + RUN_LIMITS.findingsPerSlice).map((discrepancy) => ({ discrepancy, ...this.idOf(discrepancy), order: this.order++ }));
      const task: Promise<void> = this.recordSlice(slice).catch((error: unknown) => {
        this.failure ??= { error };
      });
      this.inFlight.add(task);
      void task.then(() => this.inFlight.delete(task));
      while (this.inFlight.size >= RUN_LIMITS.slicesInFlight) await Promise.race(this.inFlight);
      if (this.failure) throw this.failure.error;
    }
  }

  /** Waits for every slice in flight; throws the first failure of any. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    if (this.failure) throw this.failure.error;
  }

  private async recordSlice(slice: readonly PendingFinding[]): Promise<void> {
    const { run, stages } = this;
    // Every finding naming a payment gets its agency, repeats of a row included (the engine gives them
    // no internal side); a payment id the service never issued stays without one.
    const unknown = slice.filter(({ discrepancy: d }) => d.paymentId !== null && !this.known.has(d.paymentId)).map(({ discrepancy: d }) => d.paymentId!);
    const read = unknown.length > 0 ? await stages.time('writingCases', () => this.deps.payments.getPayments(unknown)) : [];
    const local = new Map(read.map((payment) => [payment.paymentId, payment]));
    const paymentOf = (paymentId: string | null) => (paymentId === null ? undefined : (this.known.get(paymentId) ?? local.get(paymentId)));
    // Each finding's case: found before by a callback, the mop-up or an earlier run, or opened now.
    const foundCases = slice.map(({ discrepancy, discrepancyId, occurrence }) => this.caseOf(discrepancy, discrepancyId, occurrence, paymentOf(discrepancy.paymentId)));
    const cases = await stages.time('writingCases', () => this.deps.cases.getMany(foundCases.flatMap((found) => (found ? [found.caseId] : []))));

    const autoResolve: string[] = [];
    const findings = await Promise.all(slice.map(async ({ discrepancy, discrepancyId, order }, i) => {
      const payment = paymentOf(discrepancy.paymentId);
      if (discrepancy.internalStatus !== null && !payment) throw new Error(`payment ${discrepancy.paymentId} of a finding could not be read`);
      const found = foundCases[i]!;
      const existing = found ? cases.get(found.caseId) : undefined;
      let autoApplied = false;
      let reversalRecorded = false;
      // A payment of another provider named in this file is reported, never moved on this file's word.
      const ownPayment = payment?.provider === run.provider;
      if (discrepancy.autoApply && ownPayment) {
        const attempt = await this.actions.run(() => stages.time('autoApplying', () => autoApplyLostCallback(run, discrepancy, this.actionDeps, payment)));
        if (attempt.began) this.began.add(discrepancy.paymentId!);
        autoApplied = attempt.applied;
        if (autoApplied) this.autoApplied++;
        // A lost callback applied to a PENDING payment is settled; one applied to an EXPIRED payment is a
        // late success, which stays for finance to accept or refund, on the same case.
        if (autoApplied && discrepancy.internalStatus !== 'EXPIRED' && found && (existing?.status ?? 'OPEN') === 'OPEN') autoResolve.push(found.caseId);
      }
      if (discrepancy.reason === 'REVERSED_SUCCESS' && ownPayment) {
        reversalRecorded = await this.actions.run(() => stages.time('autoApplying', () => recordProviderReversal(run, discrepancy, this.actionDeps, payment)));
        if (reversalRecorded) this.reversalsRecorded++;
      }
      if (payment) this.figures.addDiscrepancy(payment.agencyCode, discrepancy.type);
      const stored: StoredDiscrepancy = {
        ...discrepancy,
        discrepancyId,
        runId: run.runId,
        provider: run.provider,
        businessDate: run.businessDate,
        agencyCode: payment?.agencyCode ?? null,
        order,
        autoApplied,
        reversalRecorded,
        caseId: found?.caseId ?? null,
        ...copyOfCase(existing),
      };
      return { discrepancy: stored, found };
    }));
    await stages.time('writingCases', () => this.writeFindings(findings));
    // The worker's own decision, once the case lists this finding (so the decision updates its copy).
    for (const caseId of new Set(autoResolve)) {
      await this.actions.run(() => stages.time('autoApplying', () => decideCaseByService(caseId, 'AUTO_APPLIED', RECONCILIATION_ACTOR, this.deps)));
    }
  }

  /**
   * Writes findings with their cases; a finding whose case was decided since it was read gets the
   * case's decision and is written again, so a run's copy never shows a decided case OPEN.
   */
  private async writeFindings(findings: readonly RunFinding[]): Promise<void> {
    let pending = findings;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= MAX_FINDING_WRITES) throw new Error('cases kept being decided while the run wrote its findings');
      const refused = await this.deps.reconciliations.putFindings(pending, this.deps.clock.now());
      if (refused.length === 0) return;
      const fresh = await this.deps.cases.getMany(refused.flatMap(({ found }) => (found ? [found.caseId] : [])));
      pending = refused.map(({ discrepancy, found }) => ({ discrepancy: { ...discrepancy, ...copyOfCase(found ? fresh.get(found.caseId) : undefined) }, found }));
    }
  }

  /** The case a finding belongs to (null for a finding about nothing a case can name). */
  private caseOf(discrepancy: Discrepancy, discrepancyId: string, occurrence: number, payment: Payment | undefined): FoundCase | null {
    const { run } = this;
    const paymentTxnId = payment?.provider === run.provider && payment.status === 'SUCCEEDED' ? (payment.providerTxnId ?? null) : null;
    const mapped = discrepancyCase(discrepancy, run.provider, paymentTxnId, occurrence);
    if (!mapped) return null;
    return {
      caseId: caseIdOf(mapped.subject),
      type: mapped.type,
      provider: run.provider,
      providerTxnId: discrepancy.providerTxnId ?? paymentTxnId,
      paymentId: discrepancy.paymentId,
      dossierId: discrepancy.dossierId ?? payment?.dossierId ?? null,
      agencyCode: payment?.agencyCode ?? null,
      expectedAmount: discrepancy.internalAmount ?? payment?.amount ?? null,
      providerAmount: discrepancy.providerAmount,
      providerPaidAt: discrepancy.providerPaidAt ? toVietnamIso(new Date(discrepancy.providerPaidAt)) : null,
      // The run's request time, so that another delivery of the run repeats the same finding exactly.
      finding: { source: 'RECONCILIATION', type: mapped.type, contractType: discrepancy.type, runId: run.runId, discrepancyId, businessDate: run.businessDate, at: run.requestedAt },
    };
  }

  private idOf(discrepancy: Discrepancy): { discrepancyId: string; occurrence: number } {
    let occurrence = 0;
    if (discrepancy.reason === 'PROVIDER_TXN_REPEATED') {
      // Only repeats of one provider_txn_id share every other field; they are numbered in line order.
      const key = `${discrepancy.providerTxnId}\u001f${discrepancy.paymentId}`;
      occurrence = this.repeats.get(key) ?? 0;
      this.repeats.set(key, occurrence + 1);
    }
    const discrepancyId = discrepancyIdOf({
      provider: this.run.provider,
      businessDate: this.run.businessDate,
      type: discrepancy.type,
      reason: discrepancy.reason,
      providerTxnId: discrepancy.providerTxnId,
      paymentId: discrepancy.paymentId,
      occurrence,
    });
    return { discrepancyId, occurrence };
  }
}

/** Attempts at writing a slice of findings while their cases are being decided. */
const MAX_FINDING_WRITES = 4;

/** What a run's copy of a finding shows of its case (a new case is OPEN). */
function copyOfCase(found: StoredCase | undefined): Pick<StoredDiscrepancy, 'status' | 'resolution' | 'caseStatus'> {
  const decision = found?.decision ?? null;
  return {
    status: found && found.status !== 'OPEN' ? 'RESOLVED' : 'OPEN',
    resolution: decision ? { action: decision.action, note: decision.note, by: decision.by, at: decision.at } : null,
    caseStatus: found?.status ?? 'OPEN',
  };
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
