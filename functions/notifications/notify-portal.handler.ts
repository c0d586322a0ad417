import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { PaymentSucceededEvent } from '../../domain/payments/payment-succeeded';
import { PAYMENT_EVENTS_QUEUE } from '../callbacks/apply-provider-report';
import { catalog, clock, config, dynamoDb, getDependencies, messageRetries, tableName } from '../composition';
import { queues } from '../manifest';
import { METRIC } from '../observability/metric-names';
import { countMetric, flushMetrics } from '../observability/metrics';
import { logger } from '../observability/logger';
import { issueReceiptForCounterPayment } from '../receipts/issue-receipt';
import { COUNTER_PAYMENT_RECORDED, type CounterPaymentRecordedMessage } from '../receipts/counter-receipt-message';
import { DynamoDbReceiptRepository } from '../receipts/receipt-repository';
import { shippedReceiptSeries } from '../receipts/shipped-receipt-series';
import { handlePaymentSucceeded } from './payment-notifications';

/**
 * Consumes payment-events: issues the e-receipt and notifies the portal for each PaymentSucceeded,
 * and issues the e-receipt of each counter payment recorded (CounterPaymentRecorded; the portal is
 * not told of those).
 * A message that fails is pushed back with an exponential backoff (base × 2^(tries−1), at most
 * 15 minutes) and reported as failed; after the queue's maxReceiveCount it goes to the dead-letter
 * queue, whose depth alarms. One bad message never redelivers the rest of the batch.
 */
const MAX_BACKOFF_SECONDS = 900;
/** A message that fails on this delivery goes to the dead-letter queue (the queue's maxReceiveCount). */
const MAX_RECEIVES = queues.find((queue) => queue.name === PAYMENT_EVENTS_QUEUE)!.maxReceiveCount;

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const deps = await getDependencies([config, clock, dynamoDb, tableName, messageRetries, catalog]);
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const message = JSON.parse(record.body) as PaymentSucceededEvent | CounterPaymentRecordedMessage;
      if (message.type === COUNTER_PAYMENT_RECORDED) {
        const receipts = new DynamoDbReceiptRepository(deps.dynamoDb.doc, deps.tableName);
        await issueReceiptForCounterPayment(message, { receipts, catalog: deps.catalog, seriesConfig: shippedReceiptSeries(), clock: deps.clock, tableName: deps.tableName });
        continue;
      }
      if (message.type !== 'PaymentSucceeded') {
        logger.warn('payment-events message of an unknown type dropped', { type: (message as { type?: unknown }).type, messageId: record.messageId });
        continue;
      }
      await handlePaymentSucceeded(message, {
        doc: deps.dynamoDb.doc,
        tableName: deps.tableName,
        clock: deps.clock,
        portalWebhookUrl: deps.config.portalWebhookUrl,
        portalWebhookSecret: deps.config.PORTAL_WEBHOOK_SECRET,
        catalog: deps.catalog,
        receiptSeries: shippedReceiptSeries(),
        publicBaseUrl: deps.config.publicBaseUrl,
      });
    } catch (error) {
      const tries = Number(record.attributes.ApproximateReceiveCount) || 1;
      const backoffSeconds = Math.min(MAX_BACKOFF_SECONDS, deps.config.NOTIFY_BACKOFF_BASE_SECONDS * 2 ** (tries - 1));
      logger.warn('payment notification failed; will retry', { messageId: record.messageId, tries, backoffSeconds, error: (error as Error).message });
      batchItemFailures.push({ itemIdentifier: record.messageId });
      if (tries >= MAX_RECEIVES) countMetric(METRIC.notificationDeadLettered);
      await deps.messageRetries.retryLater(PAYMENT_EVENTS_QUEUE, record.receiptHandle, backoffSeconds).catch((retryError: unknown) => {
        logger.warn('could not delay the retry; the visibility timeout applies', { error: (retryError as Error).message });
      });
    }
  }
  flushMetrics();
  return { batchItemFailures };
};
