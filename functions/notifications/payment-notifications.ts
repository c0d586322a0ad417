import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../domain/ports/clock';
import { eReceiptNumberOf, type PaymentSucceededEvent } from '../../domain/payments/payment-succeeded';
import { SERVICE_SIGNATURE_HEADER, signServiceNotification } from '../../domain/providers/service-notification-protocol';
import { toVietnamIso } from '../../domain/shared/business-date';

/**
 * What follows a PaymentSucceeded event: the e-receipt is issued and the portal is told, with a
 * signed webhook. Both steps are idempotent (conditional writes on the payment), so a redelivered
 * message does neither twice; the webhook itself is at-least-once and carries the event id for the
 * portal to drop a repeat that a crash between sending and recording could cause.
 */
export interface NotificationDependencies {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly clock: Clock;
  readonly portalWebhookUrl: string;
  readonly portalWebhookSecret: string;
  readonly fetch?: typeof fetch;
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
  const eReceiptNo = eReceiptNumberOf(event);
  await issueEReceipt(event.paymentId, eReceiptNo, deps);
  if (await wasNotified(event.paymentId, deps)) return 'ALREADY_NOTIFIED';

  const body = JSON.stringify({ ...event, eReceiptNo });
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

async function issueEReceipt(paymentId: string, eReceiptNo: string, deps: NotificationDependencies): Promise<void> {
  const now = deps.clock.now();
  try {
    await deps.doc.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: { pk: `PAYMENT#${paymentId}`, sk: 'PAYMENT' },
        UpdateExpression: 'SET eReceiptNo = :no, eReceiptIssuedAt = :at, #events = list_append(#events, :event)',
        ConditionExpression: 'attribute_exists(pk) AND #status = :succeeded AND attribute_not_exists(eReceiptNo)',
        ExpressionAttributeNames: { '#events': 'events', '#status': 'status' },
        ExpressionAttributeValues: {
          ':no': eReceiptNo,
          ':at': toVietnamIso(now),
          ':succeeded': 'SUCCEEDED',
          ':event': [{ type: 'EReceiptIssued', at: toVietnamIso(now), eReceiptNo }],
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error; // issued already: nothing to do
  }
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
