import type { LocalStack } from '../../functions/local/local-stack';

/**
 * Pays (or fails, or cancels) on a mock provider's page the way a citizen's browser does: the page's
 * form posts the signed link fields back with the chosen action. `waitForCallback` makes the mock
 * answer only once its callback has been delivered, so a test can look at the result at once.
 */
export async function actOnPaymentPage(paymentUrl: string, action: 'pay' | 'fail' | 'cancel'): Promise<Response> {
  const url = new URL(paymentUrl);
  const form = new URLSearchParams(url.searchParams);
  form.set('action', action);
  form.set('waitForCallback', '1');
  return fetch(`${url.origin}${url.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
}

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
