import type { LocalStack } from '../../functions/local/local-stack';

export { actOnPaymentPage } from '../../functions/local/act-on-payment-page';

export interface ReceivedNotificationBody {
  readonly paymentId: string;
  readonly eventId: string;
  readonly eReceiptNo: string;
}

/** What the mock portal's notification receiver has accepted (signature verified), as a list. */
export async function portalNotifications(stack: LocalStack): Promise<ReceivedNotificationBody[]> {
  const response = await fetch(`${stack.url}/mock-portal/notifications`);
  const body = (await response.json()) as { items?: Array<{ body?: ReceivedNotificationBody } & ReceivedNotificationBody> } | Array<{ body?: ReceivedNotificationBody }>;
  const items = Array.isArray(body) ? body : (body.items ?? []);
  return items.map((item) => (item.body ?? item) as ReceivedNotificationBody);
}

/** Waits until the providers have delivered every callback and the service has drained its queues. */
export async function settle(stack: LocalStack): Promise<void> {
  await stack.mocks.whenIdle();
  await stack.whenQueuesIdle(30_000);
}
