import { METRIC } from '../observability/metric-names';
import { countMetric, countMetricBy } from '../observability/metrics';
import type { ApplyReportResult } from './apply-provider-report';

/** Counts a verified callback by its outcome, and the review item it opened for finance, if any. */
export function countCallback(result: ApplyReportResult): void {
  countMetricBy(METRIC.callbackOutcome, result.outcome);
  if (result.review) countMetricBy(METRIC.reviewItemOpened, result.review);
}

/** Counts a callback refused for its signature: nothing of it was parsed or stored. */
export function countSignatureRefused(): void {
  countMetric(METRIC.signatureRefused);
}
