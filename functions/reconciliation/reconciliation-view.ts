import { emptyDiscrepancyCounts, type DiscrepancyType } from '../../domain/reconciliation';
import type { AgencyRunFigures, ReconciliationRun, StoredDiscrepancy } from '../../domain/reconciliation-runs/reconciliation-run';
import type { TrailEntry } from './reconciliation-repository';

/**
 * The API's views of runs and discrepancies (CONTRACT.md, Settlement files and reconciliation).
 * `summary` is null until the run has COMPLETED.
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
    ...(run.failure ? { failure: run.failure } : {}),
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
    internal: summary.internal,
    provider: summary.provider,
    matched: summary.matched,
    discrepancies: summary.discrepancies,
    rows: summary.rows,
    providerReversed: summary.providerReversed,
    carriedOverSettled: summary.carriedOverSettled,
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
  return { scope: 'AGENCIES' as const, agencies: [...agencies].sort(), internal, discrepancies };
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
    resolution: discrepancy.resolution,
  };
}

export function trailView(entries: readonly TrailEntry[]) {
  return entries.map((entry) => ({ action: entry.action, note: entry.note, by: entry.by, at: entry.at, runId: entry.runId }));
}
