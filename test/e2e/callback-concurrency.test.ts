// Proves exactly-once effects under load: 200 payments × 5 identical callbacks plus a FAILED after each success, all concurrent over HTTP, give 200 successes, 200 notifications and counters of 200.
import { signMockBankBody } from '../../domain/providers/mock-bank-protocol';
import type { LocalStack } from '../../functions/local/local-stack';
import { DynamoDbReportCounterRepository } from '../../functions/reports/report-counter-repository';
import { startTestStack, tokenFor } from '../support/local-stack';
import { ManualClock } from '../support/payments';
import { portalNotifications, settle } from '../support/providers';

const PAYMENTS = 200;
const DUPLICATES = 5;
const clock = new ManualClock(new Date('2026-04-15T14:00:00+07:00'));

/** Runs tasks with at most `limit` in flight, like a provider's pool of delivery workers. */
async function inParallel<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

describe('callbacks under concurrency', () => {
  let stack: LocalStack;
  beforeAll(async () => (stack = await startTestStack({ clock })));
  afterAll(async () => stack.stop());

  it('counts every payment once however its callbacks interleave', async () => {
    const portal = await tokenFor(stack, 'portal');
    const payments = await inParallel(
      Array.from({ length: PAYMENTS }, (_, i) => async () => {
        const response = await fetch(`${stack.url}/v1/payments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${portal}`, 'idempotency-key': `load-${i}` },
          body: JSON.stringify({
            dossierId: `HS-LOAD-${i}`,
            procedureCode: 'LLTP-CAP',
            agencyCode: 'STP',
            provider: 'mock-bank',
            inputs: {},
            payer: { name: 'Lê Văn C' },
            returnUrl: 'https://dichvucong.dongnai.gov.vn/ho-so/return',
          }),
        });
        expect(response.status).toBe(201);
        return (await response.json()) as { paymentId: string; amount: number };
      }),
      20,
    );

    // The service is the bank's peer here: each callback is signed as the bank signs it, and a 5xx
    // is retried as the bank would. Every success is sent five times, then a FAILED for the same payment.
    const callbacks = payments.flatMap((payment, i) => {
      const base = { providerTxnId: `MB-LOAD-${i}`, paymentId: payment.paymentId, amount: payment.amount, currency: 'VND', occurredAt: '2026-04-15T14:00:10+07:00', bankCode: 'BIDV' };
      const success = JSON.stringify({ ...base, eventId: `evt-${i}-ok`, status: 'SUCCEEDED' });
      const failure = JSON.stringify({ ...base, eventId: `evt-${i}-failed`, status: 'FAILED' });
      return [...Array.from({ length: DUPLICATES }, () => ({ kind: 'success', body: success })), { kind: 'failure', body: failure }];
    });
    // Interleave payments so that duplicates of one payment race each other and other payments.
    const shuffled = callbacks.map((callback, i) => ({ ...callback, key: (i * 7919) % callbacks.length })).sort((a, b) => a.key - b.key);
    let serverErrors = 0;
    const outcomes = await inParallel(
      shuffled.map(({ body }) => async () => {
        for (let attempt = 0; attempt < 8; attempt++) {
          const response = await fetch(`${stack.url}/v1/callbacks/mock-bank`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-mockbank-signature': signMockBankBody(body, stack.config.MOCK_BANK_SECRET, clock.now()) },
            body,
          });
          if (response.status === 200) return ((await response.json()) as { outcome: string }).outcome;
          serverErrors += 1;
          expect(response.status).toBeGreaterThanOrEqual(500);
          await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        }
        throw new Error('a callback was never accepted');
      }),
      64,
    );
    await settle(stack);

    const count = (kind: string, outcome: string) => outcomes.filter((value, i) => shuffled[i]!.kind === kind && value === outcome).length;
    // Of each payment's five success deliveries exactly one applies (late, when its FAILED won the
    // race); the other four are duplicates. A FAILED applies only when it came first, else is ignored.
    expect(count('success', 'APPLIED') + count('success', 'LATE_SUCCESS')).toBe(PAYMENTS);
    expect(count('success', 'DUPLICATE')).toBe(PAYMENTS * (DUPLICATES - 1));
    expect(count('failure', 'APPLIED')).toBe(count('success', 'LATE_SUCCESS'));
    expect(count('failure', 'IGNORED')).toBe(PAYMENTS - count('failure', 'APPLIED'));
    const statuses = await inParallel(
      payments.map((payment) => async () => (await stack.dependencies.payments.getPayment(payment.paymentId))?.status),
      20,
    );
    expect(statuses.filter((status) => status === 'SUCCEEDED')).toHaveLength(PAYMENTS);

    const successEvents = (
      await inParallel(payments.map((payment) => async () => (await stack.dependencies.payments.getPayment(payment.paymentId))!.events), 20)
    ).map((events) => events.filter((event) => event.type === 'PaymentSucceeded' || event.type === 'LateSuccessRecorded').length);
    expect(successEvents.every((n) => n === 1)).toBe(true);

    const notifications = (await portalNotifications(stack)).filter((n) => payments.some((p) => p.paymentId === n.paymentId));
    expect(notifications).toHaveLength(PAYMENTS);
    expect(new Set(notifications.map((n) => n.paymentId)).size).toBe(PAYMENTS);

    const counters = await new DynamoDbReportCounterRepository(stack.dependencies.dynamoDb.doc, stack.config.TABLE_NAME).queryCounters({
      agencies: ['STP'],
      from: '2026-04-15',
      to: '2026-04-15',
    });
    const online = counters.filter((counter) => counter.channel === 'ONLINE');
    expect(online.reduce((sum, c) => sum + c.paymentTransactions, 0)).toBe(PAYMENTS);
    expect(online.reduce((sum, c) => sum + c.dossiersPaid, 0)).toBe(PAYMENTS);
    expect(online.reduce((sum, c) => sum + c.amount, 0)).toBe(PAYMENTS * 200_000);
    console.log(
      `concurrency: ${outcomes.length} callbacks; successes applied ${count('success', 'APPLIED')}, late ${count('success', 'LATE_SUCCESS')}, ` +
        `duplicates ${count('success', 'DUPLICATE')}; failures applied ${count('failure', 'APPLIED')}, ignored ${count('failure', 'IGNORED')}; ${serverErrors} retried 5xx`,
    );
  });
});
