// Proves a PaymentSucceeded notification the portal keeps refusing is retried with backoff up to the queue's limit and then kept in the dead-letter queue, counted once as NotificationDeadLettered in EMF, while the payment stays paid.
import type { LocalStack } from '../../functions/local/local-stack';
import { queues } from '../../functions/manifest';
import { emfLines, metricValues, withEmfEnabled } from '../support/emf';
import { startTestStack, tokenFor } from '../support/local-stack';
import { actOnPaymentPage } from '../support/providers';

withEmfEnabled();

describe('portal notifications that never get through', () => {
  let stack: LocalStack;
  beforeAll(async () => (stack = await startTestStack({ env: { NOTIFY_BACKOFF_BASE_SECONDS: '0.01' } })));
  afterAll(async () => stack.stop());

  it('end in the dead-letter queue after the last try', async () => {
    const maxReceiveCount = queues.find((queue) => queue.name === 'payment-events')!.maxReceiveCount;
    const fault = await fetch(`${stack.url}/mock-portal/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ failNotifications: 100 }) });
    expect(fault.status).toBeLessThan(300);
    const created = await fetch(`${stack.url}/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(stack, 'portal')}`, 'idempotency-key': 'dlq-1' },
      body: JSON.stringify({ dossierId: 'HS-DLQ-1', procedureCode: 'CT-CHUKY', agencyCode: 'TRANBIEN', provider: 'mock-bank', inputs: {}, payer: { name: 'A' }, returnUrl: 'https://x.gov.vn/r' }),
    });
    const payment = (await created.json()) as { paymentId: string; paymentUrl: string };
    const deadLetters = stack.deadLetterQueues.get('payment-events')!;
    const lines = await emfLines(async () => {
      await actOnPaymentPage(payment.paymentUrl, 'pay');
      const deadline = Date.now() + 60_000;
      while (deadLetters.peekBodies().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    });

    expect(deadLetters.peekBodies().map((body) => (JSON.parse(body) as { paymentId: string }).paymentId)).toEqual([payment.paymentId]);
    const summary = (await (await fetch(`${stack.url}/mock-portal/notifications`)).json()) as { count: number; outagesAnswered: number };
    expect(summary).toMatchObject({ count: 0, outagesAnswered: maxReceiveCount });
    expect(metricValues(lines, 'NotificationDeadLettered')).toEqual([{ value: 1, namespace: 'FeePayments', dimensions: { service: 'fee-payments' } }]);
    const paid = await stack.dependencies.payments.getPayment(payment.paymentId);
    expect(paid?.status).toBe('SUCCEEDED');
    expect(paid?.eReceiptNo).toBeDefined();
    expect(paid?.portalNotifiedAt).toBeUndefined();
  });
});
