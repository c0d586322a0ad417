/**
 * The business metrics the functions emit (CloudWatch EMF through Powertools Metrics, ./metrics.ts)
 * and the alarms and dashboard read (infra/constructs/monitoring.ts): one list, so a name an alarm
 * watches is a name the code emits. Every metric carries the `service` dimension; the ones listed in
 * METRIC_DIMENSIONS carry one more, naming the breakdown.
 */
export const METRICS_NAMESPACE = 'FeePayments';
export const SERVICE_NAME = 'fee-payments';

export const METRIC = {
  /** A payment request created (201), not a replay. */
  paymentCreated: 'PaymentCreated',
  /** A verified provider callback applied, by outcome (APPLIED, DUPLICATE, LATE_SUCCESS, AMOUNT_MISMATCH, UNKNOWN_PAYMENT, IGNORED). */
  callbackOutcome: 'CallbackOutcome',
  /** A provider callback refused for a missing, wrong or stale signature. */
  signatureRefused: 'SignatureRefused',
  reconciliationCompleted: 'ReconciliationCompleted',
  /** A reconciliation run that ended FAILED: refused at once, or on its last delivery. */
  reconciliationFailed: 'ReconciliationFailed',
  /** Discrepancies a completed run found, by type. */
  discrepancyOpened: 'DiscrepancyOpened',
  /** Review items a callback opened for finance, by reason. */
  reviewItemOpened: 'ReviewItemOpened',
  /** A PaymentSucceeded notification that failed on its last delivery: SQS moves it to the dead-letter queue. */
  notificationDeadLettered: 'NotificationDeadLettered',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** The breakdown dimension of the metrics that have one. */
export const METRIC_DIMENSIONS = {
  CallbackOutcome: 'outcome',
  DiscrepancyOpened: 'type',
  ReviewItemOpened: 'reason',
} as const satisfies Partial<Record<MetricName, string>>;
