import { DISCREPANCY_TYPES, emptyDiscrepancyCounts, type CountAndAmount, type DiscrepancyType } from '../../domain/reconciliation';
import type { AgencyRunFigures, ReconciliationRun, Resolution, RunFailure, StoredDiscrepancy } from '../../domain/reconciliation-runs/reconciliation-run';

/**
 * The API's views of runs and discrepancies (CONTRACT.md, Settlement files and reconciliation).
 * `summary` is null until the run has COMPLETED. Objects read back from DynamoDB maps come in no
 * particular key order, so every nested object is rebuilt here in a fixed one.
 */
export function runView(run: ReconciliationRun, options: { summary: ReturnType<typeof fullSummary> | ReturnType<typeof agencySummary> | null; latestRunId?: string | undefined }) {
  return {
    runId: run.runId,
    provider: run.provider,
    businessDate: run.businessDate,
    status: run.status,
    requestedBy: run.requestedBy,
    requestedAt: run.requestedAt,
    ...(run.startedAt ? { startedAt: run.startedAt } : {}),
    ...(run.completedAt ? { completedAt: run.completedAt } : {}),
    attempts: run.attempts,
    settlementFile: { uploadId: run.settlementFile.uploadId, rows: run.settlementFile.rows, totalAmount: run.settlementFile.totalAmount, checksumSha256: run.settlementFile.checksumSha256 },
    ...(run.carriedOverFromRunId ? { carriedOverFromRunId: run.carriedOverFromRunId } : {}),
    ...(run.failure ? { failure: failureView(run.failure) } : {}),
    ...(options.latestRunId && options.latestRunId !== run.runId ? { supersededBy: options.latestRunId } : {}),
    summary: options.summary,
  };
}

/** The file-wide summary, for callers who see every agency. */
export function fullSummary(run: ReconciliationRun) {
  const summary = run.summary;
  if (!summary) return null;
  return {
    scope: 'ALL' as const,
    internal: countAndAmount(summary.internal),
    provider: { ...countAndAmount(summary.provider), fee: summary.provider.fee },
    matched: countAndAmount(summary.matched),
    discrepancies: countsByType(summary.discrepancies),
    rows: summary.rows,
    providerReversed: countAndAmount(summary.providerReversed),
    carriedOverSettled: countAndAmount(summary.carriedOverSettled),
    carriedOver: summary.carriedOver,
    autoApplicable: summary.autoApplicable,
    autoApplied: summary.autoApplied,
    reversalsRecorded: summary.reversalsRecorded,
  };
}

/**
 * The summary of a caller's own agencies: their successes of the day and their findings. What the
 * provider's file says as a whole (provider, matched) spans other agencies, so it is not shown.
 */
export function agencySummary(run: ReconciliationRun, agencies: readonly string[], figures: readonly AgencyRunFigures[]) {
  if (!run.summary) return null;
  const internal = { count: 0, amount: 0 };
  const discrepancies: Record<DiscrepancyType, number> = emptyDiscrepancyCounts();
  for (const figure of figures) {
    internal.count += figure.internal.count;
    internal.amount += figure.internal.amount;
    for (const [type, count] of Object.entries(figure.discrepancies)) discrepancies[type as DiscrepancyType] += count;
  }
  return { scope: 'AGENCIES' as const, agencies: [...agencies].sort(), internal, discrepancies: countsByType(discrepancies) };
}

export function discrepancyView(discrepancy: StoredDiscrepancy) {
  return {
    discrepancyId: discrepancy.discrepancyId,
    runId: discrepancy.runId,
    type: discrepancy.type,
    reason: discrepancy.reason,
    status: discrepancy.status,
    providerTxnId: discrepancy.providerTxnId,
    paymentId: discrepancy.paymentId,
    dossierId: discrepancy.dossierId,
    agencyCode: discrepancy.agencyCode,
    internalAmount: discrepancy.internalAmount,
    providerAmount: discrepancy.providerAmount,
    internalStatus: discrepancy.internalStatus,
    providerStatus: discrepancy.providerStatus,
    internalPaidAt: discrepancy.internalPaidAt,
    providerPaidAt: discrepancy.providerPaidAt,
    line: discrepancy.line,
    autoApplied: discrepancy.autoApplied,
    reversalRecorded: discrepancy.reversalRecorded,
    resolution: discrepancy.resolution ? resolutionView(discrepancy.resolution) : null,
    caseId: discrepancy.caseId ?? null,
    caseStatus: discrepancy.caseStatus ?? (discrepancy.status === 'OPEN' ? 'OPEN' : 'RESOLVED'),
  };
}

function resolutionView(resolution: Resolution) {
  return { action: resolution.action, note: resolution.note, by: resolution.by, at: resolution.at };
}

function failureView(failure: RunFailure) {
  return { reason: failure.reason, message: failure.message, at: failure.at, attempt: failure.attempt, final: failure.final };
}

function countAndAmount(figures: CountAndAmount): CountAndAmount {
  return { count: figures.count, amount: figures.amount };
}

/** Every type, in CONTRACT.md's order, 0 when none. */
function countsByType(counts: Partial<Record<DiscrepancyType, number>>): Record<DiscrepancyType, number> {
  return Object.fromEntries(DISCREPANCY_TYPES.map((type) => [type, counts[type] ?? 0])) as Record<DiscrepancyType, number>;
}

/** The trail of the discrepancy's case: every action on it, whichever route it came through. */
export { caseTrailView as trailView } from '../cases/case-view';
