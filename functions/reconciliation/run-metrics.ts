import { DISCREPANCY_TYPES } from '../../domain/reconciliation/discrepancy';
import { METRIC } from '../observability/metric-names';
import { countMetric, countMetricBy } from '../observability/metrics';
import { ConcurrentDeliveryError, type RunOutcome } from './run-reconciliation';

/** Counts how a run ended: completed (with the discrepancies it found, by type) or failed; a skipped run counts nothing. */
export function countRunOutcome(outcome: RunOutcome): void {
  if (outcome.kind === 'FAILED') countMetric(METRIC.reconciliationFailed);
  if (outcome.kind !== 'COMPLETED') return;
  countMetric(METRIC.reconciliationCompleted);
  for (const type of DISCREPANCY_TYPES) countMetricBy(METRIC.discrepancyOpened, type, outcome.summary.discrepancies[type]);
}

/**
 * Counts a run that threw on its last delivery as failed: the queue dead-letters the message and the
 * run stays FAILED. An earlier delivery is retried, and another delivery of the same run may still
 * complete it, so neither counts.
 */
export function countRunThrown(error: unknown, delivery: { readonly receiveCount: number; readonly maxReceiveCount: number }): void {
  if (delivery.receiveCount >= delivery.maxReceiveCount && !(error instanceof ConcurrentDeliveryError)) countMetric(METRIC.reconciliationFailed);
}
