import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import { METRIC_DIMENSIONS, METRICS_NAMESPACE, SERVICE_NAME, type MetricName } from './metric-names';

/**
 * Business metrics, as CloudWatch EMF lines on stdout (Powertools Metrics): the functions count what
 * happened at the edge of each flow, and the stored counts are flushed once per invocation (middy's
 * `flushMetricsAfter` for the API handlers, `flushMetrics` in a `finally` for the queue consumers).
 *
 * The Metrics object is built once per cold start, on first use: it reads POWERTOOLS_METRICS_DISABLED
 * then, which the local stack and the tests set to "true" by default so EMF does not flood their logs
 * (a test that checks the EMF sets it to "false"). A metric with a breakdown (metric-names.ts) is
 * emitted at once with its own dimension set, as Powertools' single metrics are.
 */
let metrics: Metrics | undefined;

function metricsObject(): Metrics {
  metrics ??= new Metrics({
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || METRICS_NAMESPACE,
    serviceName: process.env.POWERTOOLS_SERVICE_NAME || SERVICE_NAME,
  });
  return metrics;
}

type Breakdown = keyof typeof METRIC_DIMENSIONS;

/** Counts `value` of a metric without a breakdown, flushed with the invocation's other metrics. */
export function countMetric(name: Exclude<MetricName, Breakdown>, value = 1): void {
  if (value > 0) metricsObject().addMetric(name, MetricUnit.Count, value);
}

/** Counts `value` of a metric under its breakdown (`CallbackOutcome` with outcome=APPLIED), emitted now. */
export function countMetricBy(name: Breakdown, dimensionValue: string, value = 1): void {
  if (value <= 0) return;
  const single = metricsObject().singleMetric();
  single.addDimension(METRIC_DIMENSIONS[name], dimensionValue);
  single.addMetric(name, MetricUnit.Count, value);
}

/** Writes the invocation's stored metrics, if any (Powertools warns on an empty flush; most requests count nothing). */
export function flushMetrics(): void {
  if (metrics?.hasStoredMetrics()) metrics.publishStoredMetrics();
}

/** middy middleware: flushes after the handler, whether it answered or threw. */
export function flushMetricsAfter(): MiddlewareObj {
  return { after: flushMetrics, onError: flushMetrics };
}
