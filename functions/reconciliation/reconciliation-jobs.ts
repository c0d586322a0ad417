import { queues } from '../manifest';

/**
 * The queue reconciliation runs travel on, one message `{"runId"}` per run, and the lease a run holds
 * on its day: long enough for every delivery the queue makes before dead-lettering the message, so a
 * second run of the day cannot start while the first may still be retried, and short enough that a
 * run lost with its Lambda frees the day on its own.
 */
export const RECONCILIATION_JOBS_QUEUE = 'reconciliation-jobs';

const definition = queues.find((queue) => queue.name === RECONCILIATION_JOBS_QUEUE);
if (!definition) throw new Error(`the manifest declares no ${RECONCILIATION_JOBS_QUEUE} queue`);

export const RECONCILIATION_MAX_RECEIVES = definition.maxReceiveCount;
export const RUN_LEASE_MS = definition.visibilityTimeoutSeconds * 1000 * (definition.maxReceiveCount + 1);
/** Wait before a run that failed unexpectedly is tried again (times the attempt number). */
export const RETRY_BACKOFF_SECONDS = 30;

export interface ReconciliationJob {
  readonly runId: string;
}
