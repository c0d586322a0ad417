import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { autoApplies, clock, config, dynamoDb, getDependencies, messageRetries, payments, reconciliations, settlementFiles, tableName, cases } from '../composition';
import { logger } from '../observability/logger';
import { flushMetrics } from '../observability/metrics';
import { RECONCILIATION_JOBS_QUEUE, RECONCILIATION_MAX_RECEIVES, RETRY_BACKOFF_SECONDS } from './reconciliation-jobs';
import { runReconciliation } from './run-reconciliation';
import { countRunOutcome, countRunThrown } from './run-metrics';
import { RUN_ID_PATTERN } from '../../domain/reconciliation-runs/reconciliation-ids';

/**
 * Consumer of `reconciliation-jobs` (one message per run, batch size 1): runs the reconciliation.
 * A run that fails unexpectedly is reported as a failed item after its visibility is set to a
 * backoff, so the queue retries it a little later; after the last receive it is dead-lettered.
 */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const deps = await getDependencies([config, clock, payments, reconciliations, autoApplies, settlementFiles, tableName, dynamoDb, messageRetries, cases]);
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const message of event.Records) {
    const runId = runIdOf(message.body);
    if (!runId) {
      logger.warn('reconciliation job dropped: not a run', { messageId: message.messageId });
      continue;
    }
    const receiveCount = Math.max(1, Number(message.attributes?.ApproximateReceiveCount ?? 1) || 1);
    try {
      countRunOutcome(await runReconciliation(runId, { receiveCount, maxReceiveCount: RECONCILIATION_MAX_RECEIVES }, deps));
    } catch (error) {
      countRunThrown(error, { receiveCount, maxReceiveCount: RECONCILIATION_MAX_RECEIVES });
      batchItemFailures.push({ itemIdentifier: message.messageId });
      await deps.messageRetries.retryLater(RECONCILIATION_JOBS_QUEUE, message.receiptHandle, RETRY_BACKOFF_SECONDS * receiveCount).catch((error: unknown) => {
        logger.warn('could not delay the retry of a reconciliation job', { runId, error: error as Error });
      });
    } finally {
      flushMetrics();
    }
  }
  return { batchItemFailures };
};

function runIdOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { runId?: unknown };
    return typeof parsed.runId === 'string' && RUN_ID_PATTERN.test(parsed.runId) ? parsed.runId : undefined;
  } catch {
    return undefined;
  }
}
