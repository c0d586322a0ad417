import type { ProviderName } from '../providers/provider-payment-report';
import type { BusinessDate } from '../shared/business-date';
import type { AmountVnd } from '../shared/money';
import type { CountAndAmount, Discrepancy, DiscrepancyType, ReconciliationSummary } from '../reconciliation/discrepancy';

/**
 * A reconciliation run: one request to reconcile one provider's settlement file for one business date.
 *
 *   QUEUED ──worker takes it──▶ RUNNING ──▶ COMPLETED
 *                                  │
 *                                  └──────▶ FAILED ──queue retries──▶ RUNNING …  (until dead-lettered)
 *
 * A run reconciles the settlement file that was current when it was requested (the run keeps its
 * reference), so a file uploaded meanwhile never changes a run under way. Several runs of one day
 * may exist one after another; the latest supersedes the earlier ones, and at most one is under way.
 */
export const RUN_STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Why a run failed. Only UNEXPECTED failures are retried: the others would fail the same way again. */
export type RunFailureReason =
  /** The stored file no longer parses (e.g. the next-day window was changed since it was uploaded). */
  | 'SETTLEMENT_FILE_INVALID'
  /** The stored file is gone. */
  | 'SETTLEMENT_FILE_MISSING'
  /** The stored file's bytes differ from the checksum recorded when it was accepted. */
  | 'SETTLEMENT_FILE_CHANGED'
  /** The service's own records broke the engine's preconditions: a bug, never a discrepancy. */
  | 'INTERNAL_DATA_INVALID'
  /** A reconciliation limit was exceeded (see the limits in run-reconciliation.ts). */
  | 'LIMIT_EXCEEDED'
  /** A later run of the same day was requested while this one waited. */
  | 'SUPERSEDED'
  | 'UNEXPECTED';

export const RETRIED_FAILURES: readonly RunFailureReason[] = ['UNEXPECTED'];

export interface RunFailure {
  readonly reason: RunFailureReason;
  /** Safe to show to finance: never a stack trace or an SDK message. */
  readonly message: string;
  readonly at: string;
  readonly attempt: number;
  /** No further attempt will be made. */
  readonly final: boolean;
}

/** The settlement file a run reconciles, as it was when the run was requested. */
export interface SettlementFileRef {
  readonly uploadId: string;
  readonly objectKey: string;
  readonly versionId?: string;
  readonly checksumSha256: string;
  readonly sizeBytes: number;
  readonly rows: number;
  readonly totalAmount: AmountVnd;
}

/** The engine's summary plus what the worker did about it. */
export interface RunSummary extends ReconciliationSummary {
  /** Lost callbacks applied as successes by this run or an earlier run of the day. */
  readonly autoApplied: number;
  /** Provider reversals recorded on payments (by this run or an earlier run of the day). */
  readonly reversalsRecorded: number;
  /** Payments carried over from the previous day's run (its PENDING_NEXT_DAY). */
  readonly carriedOver: number;
}

export interface ReconciliationRun {
  readonly runId: string;
  readonly provider: ProviderName;
  readonly businessDate: BusinessDate;
  readonly status: RunStatus;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly startedAt?: string;
  readonly completedAt?: string;
  readonly attempts: number;
  readonly settlementFile: SettlementFileRef;
  readonly summary?: RunSummary;
  readonly failure?: RunFailure;
  /** The completed run of the previous day whose PENDING_NEXT_DAY payments this run re-checked. */
  readonly carriedOverFromRunId?: string;
}

/** What one agency's finance staff may see of a run: its own payments only. */
export interface AgencyRunFigures {
  readonly agencyCode: string;
  readonly internal: CountAndAmount;
  readonly discrepancies: Record<DiscrepancyType, number>;
}

export const DISCREPANCY_STATUSES = ['OPEN', 'RESOLVED'] as const;
export type DiscrepancyStatus = (typeof DISCREPANCY_STATUSES)[number];

/** How a discrepancy was settled: by finance (resolution actions), or by the worker (AUTO_APPLIED). */
export interface Resolution {
  readonly action: string;
  readonly note: string | null;
  /** The principal's subject, or `reconciliation` for the worker. */
  readonly by: string;
  readonly at: string;
}

/** A discrepancy as a run stores it. */
export interface StoredDiscrepancy extends Discrepancy {
  readonly discrepancyId: string;
  readonly runId: string;
  readonly provider: ProviderName;
  readonly businessDate: BusinessDate;
  /** The agency of the payment it names; null when the payment is unknown (UNKNOWN_REFERENCE). */
  readonly agencyCode: string | null;
  readonly status: DiscrepancyStatus;
  /** Position in the run's findings: file order for rows, then the service's payments. */
  readonly order: number;
  readonly resolution: Resolution | null;
  /** The lost callback was applied as a success (AUTO_APPLIED). */
  readonly autoApplied: boolean;
  /** The provider's reversal was recorded on the payment and its report counters were reversed. */
  readonly reversalRecorded: boolean;
  /** The case this finding belongs to (domain/cases/): its decision is the discrepancy's resolution. */
  readonly caseId: string | null;
  /** The case's status (OPEN, REFUND_DUE, RESOLVED) when the finding was written or last decided. */
  readonly caseStatus?: string;
}

/** The subject resolutions made by the worker carry. */
export const RECONCILIATION_ACTOR = 'reconciliation';
