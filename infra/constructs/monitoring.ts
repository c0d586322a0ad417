import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { StageSettings } from '../stage';
import type { DeadLetterQueue } from './message-queues';
import { METRIC, METRIC_DIMENSIONS, METRICS_NAMESPACE, SERVICE_NAME, type MetricName } from '../../functions/observability/metric-names';
import type { ServiceFunction } from './service-functions';

/** The custom metric a failed reconciliation run emits (functions/reconciliation/run-metrics.ts). */
export const RECONCILIATION_FAILED_METRIC = METRIC.reconciliationFailed;
/** How many refused callback signatures in 5 minutes raise the alarm: one is a stray request, a run of them is not. */
export const SIGNATURES_REFUSED_THRESHOLD = 5;

export interface MonitoringProps {
  readonly stage: StageSettings;
  readonly api: HttpApi;
  readonly functions: readonly ServiceFunction[];
  readonly deadLetterQueues: readonly DeadLetterQueue[];
  readonly table: TableV2;
  /** Alarm e-mails go here when set (context `alarmEmail`). */
  readonly alarmEmail?: string;
}

/**
 * What tells an operator something is wrong, and where they look: one SNS topic every alarm notifies,
 * alarms on API 5xx and p99 latency, on every dead-letter queue holding a message, on each function's
 * errors, on failed reconciliations and on refused callback signatures; and one dashboard with the
 * same signals and the business metrics side by side. The custom metrics are the EMF the functions
 * write (functions/observability/metric-names.ts lists them; docs/OPERATIONS.md maps metric to alarm).
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', {
      description: 'Encrypts the fee-payments alarm topic',
      enableKeyRotation: true,
      removalPolicy: props.stage.removalPolicy,
    });
    // CloudWatch publishes alarms into the encrypted topic, so it may use the key for that.
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
    this.topic = new Topic(this, 'AlarmTopic', { displayName: `fee-payments ${props.stage.name} alarms`, masterKey: key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const { api } = props;
    this.alarm('Api5xx', api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }), {
      threshold: 5,
      description: 'The API answered 5 or more 5xx responses in 5 minutes.',
    });
    this.alarm('ApiLatencyP99', api.metricLatency({ period: Duration.minutes(5), statistic: 'p99' }), {
      threshold: props.stage.apiLatencyP99Threshold.toMilliseconds(),
      evaluationPeriods: 3,
      description: `The API's p99 latency stayed above ${props.stage.apiLatencyP99Threshold.toSeconds()} s for 15 minutes.`,
    });
    for (const { label, queue } of props.deadLetterQueues) {
      this.alarm(`${alarmId(label)}Depth`, queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }), {
        threshold: 1,
        description: `${label} holds failed work: inspect it and redrive it once the cause is fixed.`,
      });
    }
    for (const { definition, fn } of props.functions) {
      this.alarm(`${definition.name}Errors`, fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), {
        threshold: 1,
        description: `${definition.name} failed with an unhandled error.`,
      });
    }
    const reconciliationFailed = businessMetric(RECONCILIATION_FAILED_METRIC);
    this.alarm('ReconciliationFailed', reconciliationFailed, { threshold: 1, description: 'A reconciliation run failed; its run id is in the logs.' });
    this.alarm('SignaturesRefused', businessMetric(METRIC.signatureRefused), {
      threshold: SIGNATURES_REFUSED_THRESHOLD,
      description: `${SIGNATURES_REFUSED_THRESHOLD} or more provider callbacks were refused for their signature in 5 minutes: a provider secret changed without us, or someone is forging callbacks.`,
    });

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `fee-payments-${props.stage.name}`,
      defaultInterval: Duration.hours(6),
    });
    const byFunction = (metric: (f: ServiceFunction) => IMetric) => props.functions.map(metric);
    this.dashboard.addWidgets(
      new TextWidget({ markdown: `# Fee payments (${props.stage.name})\nAlarms notify the SNS topic; see the README, Deploy.`, width: 24, height: 2 }),
      new GraphWidget({ title: 'API requests and errors', left: [api.metricCount(), api.metricClientError(), api.metricServerError()], width: 12 }),
      new GraphWidget({
        title: 'API latency (ms)',
        left: [api.metricLatency({ statistic: 'p50' }), api.metricLatency({ statistic: 'p99' })],
        width: 12,
      }),
      new GraphWidget({ title: 'Lambda errors', left: byFunction(({ fn }) => fn.metricErrors()), width: 8 }),
      new GraphWidget({ title: 'Lambda duration p99 (ms)', left: byFunction(({ fn }) => fn.metricDuration({ statistic: 'p99' })), width: 8 }),
      new GraphWidget({ title: 'Lambda throttles', left: byFunction(({ fn }) => fn.metricThrottles()), width: 8 }),
      new GraphWidget({
        title: 'Dead-letter queues (messages)',
        left: props.deadLetterQueues.map(({ queue }) => queue.metricApproximateNumberOfMessagesVisible()),
        width: 12,
      }),
      new GraphWidget({
        title: 'Table throttled requests',
        left: [
          new Metric({ namespace: 'AWS/DynamoDB', metricName: 'ThrottledRequests', dimensionsMap: { TableName: props.table.tableName }, statistic: 'Sum' }),
        ],
        width: 6,
      }),
      new SingleValueWidget({ title: 'Failed reconciliations (6 h)', metrics: [reconciliationFailed.with({ period: Duration.hours(6) })], width: 6 }),
      new GraphWidget({
        title: 'Payments and callbacks',
        left: [
          businessMetric(METRIC.paymentCreated),
          ...['APPLIED', 'DUPLICATE', 'LATE_SUCCESS', 'AMOUNT_MISMATCH', 'UNKNOWN_PAYMENT', 'IGNORED'].map((outcome) => businessMetric(METRIC.callbackOutcome, outcome)),
          businessMetric(METRIC.signatureRefused),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Reconciliation and notifications',
        left: [businessMetric(METRIC.reconciliationCompleted), reconciliationFailed, businessMetric(METRIC.notificationDeadLettered)],
        width: 12,
      }),
    );
  }

  private alarm(id: string, metric: IMetric, options: { threshold: number; evaluationPeriods?: number; description: string }): void {
    const alarm = new Alarm(this, id, {
      metric,
      threshold: options.threshold,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No data means no requests, no failed messages, no failed runs: nothing is wrong.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: options.description,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}

/** A metric the functions emit: the service dimension, and the breakdown's value when the metric has one. */
function businessMetric(name: MetricName, breakdown?: string): Metric {
  const dimension = (METRIC_DIMENSIONS as Partial<Record<MetricName, string>>)[name];
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service: SERVICE_NAME, ...(dimension && breakdown ? { [dimension]: breakdown } : {}) },
    ...(breakdown ? { label: `${name} ${breakdown}` } : {}),
    period: Duration.minutes(5),
    statistic: 'Sum',
  });
}

function alarmId(label: string): string {
  return label.replace(/(^|[^A-Za-z0-9])([A-Za-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '');
}
