import type { ProviderName } from '../../domain/providers/provider-payment-report';
import type { BusinessDate } from '../../domain/shared/business-date';
import { toVietnamIso } from '../../domain/shared/business-date';
import { newReconciliationRunId } from '../../domain/reconciliation-runs/reconciliation-ids';
import type { ReconciliationRun } from '../../domain/reconciliation-runs/reconciliation-run';
import type { Dependencies } from '../composition';
import { RECONCILIATION_JOBS_QUEUE, RUN_LEASE_MS, type ReconciliationJob } from './reconciliation-jobs';

/**
 * Requests a reconciliation run of one provider's business date: a QUEUED run reconciling the day's
 * current settlement file, and one message on the reconciliation-jobs queue. At most one run of a
 * day is under way at a time; a new request while one is QUEUED or RUNNING is refused (409) with the
 * active run's id, so finance follows that run instead of starting a competing one. Once it has
 * ended, a new request starts a new run that supersedes it.
 */
export type StartOutcome =
  | { readonly kind: 'QUEUED'; readonly run: ReconciliationRun }
  | { readonly kind: 'NO_SETTLEMENT_FILE' }
  | { readonly kind: 'IN_PROGRESS'; readonly activeRunId: string };

export async function startReconciliation(
  input: { readonly provider: ProviderName; readonly businessDate: BusinessDate; readonly requestedBy: string },
  deps: Pick<Dependencies, 'clock' | 'queue' | 'settlements' | 'reconciliations'>,
): Promise<StartOutcome> {
  const file = await deps.settlements.getCurrent(input.provider, input.businessDate);
  if (!file) return { kind: 'NO_SETTLEMENT_FILE' };
  const now = deps.clock.now();
  const run: ReconciliationRun = {
    runId: newReconciliationRunId(now),
    provider: input.provider,
    businessDate: input.businessDate,
    status: 'QUEUED',
    requestedBy: input.requestedBy,
    requestedAt: toVietnamIso(now),
    attempts: 0,
    settlementFile: {
      uploadId: file.uploadId,
      objectKey: file.objectKey,
      ...(file.versionId ? { versionId: file.versionId } : {}),
      checksumSha256: file.checksumSha256,
      sizeBytes: file.sizeBytes,
      rows: file.rows,
      totalAmount: file.totalAmount,
    },
  };
  const created = await deps.reconciliations.createRun(run, now.getTime() + RUN_LEASE_MS, now);
  if (created.kind === 'IN_PROGRESS') return created;
  const job: ReconciliationJob = { runId: run.runId };
  try {
    await deps.queue.send(RECONCILIATION_JOBS_QUEUE, [{ body: JSON.stringify(job) }]);
  } catch (error) {
    // Never leave a QUEUED run no worker will see holding the day: end it, then report the fault.
    await deps.reconciliations.failRun(run.runId, { reason: 'UNEXPECTED', message: 'The run could not be queued.', at: toVietnamIso(deps.clock.now()), attempt: 0, final: true });
    await deps.reconciliations.releaseDay(run, false);
    throw error;
  }
  return { kind: 'QUEUED', run };
}
