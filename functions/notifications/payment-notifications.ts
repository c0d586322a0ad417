import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CatalogReader } from '../../domain/catalog/catalog';
import type { Clock } from '../../domain/ports/clock';
import type { PaymentSucceededEvent } from '../../domain/payments/payment-succeeded';
import { receiptPath } from '../../domain/receipts/receipt-link';
import type { ReceiptSeriesConfig } from '../../domain/receipts/receipt-series';
import { SERVICE_SIGNATURE_HEADER, signServiceNotification, type PaymentSucceededNotification } from '../../domain/providers/service-notification-protocol';
import { toVietnamIso } from '../../domain/shared/business-date';
import { getPayment } from '../payments/payment-items';
import { issueReceiptForPayment } from '../receipts/issue-receipt';
import { DynamoDbReceiptRepository, type StoredReceipt } from '../receipts/receipt-repository';

/**
 * What follows a PaymentSucceeded event: the e-receipt is issued (functions/receipts/) and the portal
 * is told, with a signed webhook carrying the receipt's number and link. Both steps are idempotent
 * (the receipt is issued once per payment, the notification recorded on the payment), so a
 * redelivered message does neither twice; the webhook itself is at-least-once and carries the event
 * id for the portal to drop a repeat that a crash between sending and recording could cause.
 */
export interface NotificationDependencies {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly clock: Clock;
  readonly portalWebhookUrl: string;
  readonly portalWebhookSecret: string;
  readonly fetch?: typeof fetch;
  readonly catalog: Pick<CatalogReader, 'listAgencies' | 'getProcedure'>;
  readonly receiptSeries: ReceiptSeriesConfig;
  /** Where the citizen's receipt links point (config.publicBaseUrl). */
  readonly publicBaseUrl: string;
}

/** A portal that does not answer within this is treated as down, and the message is retried later. */
const WEBHOOK_TIMEOUT_MS = 5_000;

export class PortalNotificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PortalNotificationError';
  }
}

export async function handlePaymentSucceeded(event: PaymentSucceededEvent, deps: NotificationDependencies): Promise<'NOTIFIED' | 'ALREADY_NOTIFIED'> {
  const receipt = await issueEReceipt(event.paymentId, deps);
  if (await wasNotified(event.paymentId, deps)) return 'ALREADY_NOTIFIED';

  const notification: PaymentSucceededNotification = {
    ...event,
    ...(receipt ? { eReceiptNo: receipt.receiptNo, receiptNo: receipt.receiptNo, receiptUrl: `${deps.publicBaseUrl}${receiptPath(receipt.linkToken)}` } : {}),
  };
  const body = JSON.stringify(notification);
  const send = deps.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await send(deps.portalWebhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SERVICE_SIGNATURE_HEADER]: signServiceNotification(body, deps.portalWebhookSecret, deps.clock.now()) },
      body,
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
  } catch (error) {
    throw new PortalNotificationError(`the portal did not answer: ${(error as Error).message}`);
  }
  if (!response.ok) throw new PortalNotificationError(`the portal answered ${response.status}`);
  await recordNotified(event.paymentId, deps);
  return 'NOTIFIED';
}

/** The payment's receipt, issued now or before; none when the payment is no longer SUCCEEDED (nothing is issued then). */
async function issueEReceipt(paymentId: string, deps: NotificationDependencies): Promise<StoredReceipt | undefined> {
  const receipts = new DynamoDbReceiptRepository(deps.doc, deps.tableName);
  const payment = await getPayment(deps.doc, deps.tableName, paymentId);
  if (!payment || payment.status !== 'SUCCEEDED') return receipts.getByPayment(paymentId);
  const outcome = await issueReceiptForPayment(payment, { receipts, catalog: deps.catalog, seriesConfig: deps.receiptSeries, clock: deps.clock, tableName: deps.tableName });
  return outcome.kind === 'NOT_ELIGIBLE' ? undefined : outcome.receipt;
}

async function wasNotified(paymentId: string, deps: NotificationDependencies): Promise<boolean> {
  const { Item } = await deps.doc.send(
    new GetCommand({ TableName: deps.tableName, Key: { pk: `PAYMENT#${paymentId}`, sk: 'PAYMENT' }, ProjectionExpression: 'portalNotifiedAt', ConsistentRead: true }),
  );
  return Boolean(Item?.portalNotifiedAt);
}

async function recordNotified(paymentId: string, deps: NotificationDependencies): Promise<void> {
  const at = toVietnamIso(deps.clock.now());
  try {
    await deps.doc.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: { pk: `PAYMENT#${paymentId}`, sk: 'PAYMENT' },
        UpdateExpression: 'SET portalNotifiedAt = :at, #events = list_append(#events, :event)',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(portalNotifiedAt)',
        ExpressionAttributeNames: { '#events': 'events' },
        ExpressionAttributeValues: { ':at': at, ':event': [{ type: 'PortalNotified', at }] },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
