// Proves provider callbacks move payments exactly once over HTTP on the local stack: both mock pages, forged, duplicated, reordered and lost callbacks, and the portal notified once per success.
import { signMockBankBody } from '../../domain/providers/mock-bank-protocol';
import type { LocalStack } from '../../functions/local/local-stack';
import { DynamoDbReportCounterRepository } from '../../functions/reports/report-counter-repository';
import { startTestStack, tokenFor } from '../support/local-stack';
import { ManualClock } from '../support/payments';
import { actOnPaymentPage, portalNotifications, settle } from '../support/providers';

const clock = new ManualClock(new Date('2026-03-10T10:00:00+07:00'));

type PaymentBody = { paymentId: string; status: string; amount: number; paymentUrl: string; lateSuccess?: boolean; eReceiptNo?: string; events: Array<{ type: string }> };

describe('provider callbacks over HTTP', () => {
  let stack: LocalStack;
  let portal: string;
  let sequence = 0;

  beforeAll(async () => {
    stack = await startTestStack({ clock, env: { NOTIFY_BACKOFF_BASE_SECONDS: '0.05', MOPUP_AFTER_MINUTES: '2' } });
    portal = await tokenFor(stack, 'portal');
  });
  afterAll(async () => stack.stop());
  afterEach(async () => {
    await fetch(`${stack.url}/mock-bank/faults`, { method: 'DELETE' });
    await fetch(`${stack.url}/mock-portal/faults`, { method: 'DELETE' });
  });

  async function createPayment(provider: 'mock-bank' | 'mock-portal', dossierId = `HS-CB-${++sequence}`): Promise<PaymentBody> {
    const response = await fetch(`${stack.url}/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${portal}`, 'idempotency-key': `cb-${++sequence}` },
      body: JSON.stringify({
        dossierId,
        procedureCode: 'LLTP-CAP',
        agencyCode: 'STP',
        provider,
        inputs: {},
        payer: { name: 'Trần Thị B' },
        returnUrl: 'https://dichvucong.dongnai.gov.vn/ho-so/return',
      }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as PaymentBody;
  }
  const getPayment = async (paymentId: string) =>
    (await (await fetch(`${stack.url}/v1/payments/${paymentId}`, { headers: { authorization: `Bearer ${portal}` } })).json()) as PaymentBody;
  const setFault = (provider: string, fault: Record<string, unknown>) =>
    fetch(`${stack.url}/${provider}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
  const notificationsFor = async (paymentId: string) => (await portalNotifications(stack)).filter((n) => n.paymentId === paymentId);
  const bankCallback = (body: Record<string, unknown>, secret = stack.config.MOCK_BANK_SECRET) => {
    const raw = JSON.stringify(body);
    return fetch(`${stack.url}/v1/callbacks/mock-bank`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mockbank-signature': signMockBankBody(raw, secret, clock.now()) },
      body: raw,
    });
  };

  it.each(['mock-bank', 'mock-portal'] as const)('marks a payment paid on the %s page, issues an e-receipt and notifies the portal once', async (provider) => {
    const payment = await createPayment(provider);
    const page = await fetch(payment.paymentUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('200.000');

    const answer = await actOnPaymentPage(payment.paymentUrl, 'pay');
    expect(answer.status).toBe(303);
    await settle(stack);

    const paid = await getPayment(payment.paymentId);
    expect(paid.status).toBe('SUCCEEDED');
    expect(paid.eReceiptNo).toMatch(/^\d{7}$/);
    expect(paid.events.map((event) => event.type)).toEqual(['PaymentCreated', 'PaymentSucceeded', 'EReceiptIssued', 'PortalNotified']);
    const notifications = await notificationsFor(payment.paymentId);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ eventId: `PaymentSucceeded:${payment.paymentId}`, eReceiptNo: paid.eReceiptNo, receiptNo: paid.eReceiptNo, receiptUrl: expect.stringMatching(/\/receipts\/[A-Za-z0-9_-]{22}$/) });
  });

  it('records a failure from the page and keeps the payment FAILED', async () => {
    const payment = await createPayment('mock-portal');
    await actOnPaymentPage(payment.paymentUrl, 'fail');
    await settle(stack);
    expect((await getPayment(payment.paymentId)).status).toBe('FAILED');
    expect(await notificationsFor(payment.paymentId)).toEqual([]);
  });

  it('refuses a forged callback without storing anything, and the real one still applies', async () => {
    const payment = await createPayment('mock-bank');
    const body = {
      eventId: `evt-${payment.paymentId}`,
      providerTxnId: `MB${Date.now()}`,
      paymentId: payment.paymentId,
      amount: payment.amount,
      currency: 'VND',
      status: 'SUCCEEDED',
      occurredAt: '2026-03-10T10:00:05+07:00',
      bankCode: 'VCB',
    };
    const forged = await bankCallback(body, 'not-the-bank-secret-at-all');
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('INVALID_SIGNATURE');
    expect((await getPayment(payment.paymentId)).status).toBe('PENDING');

    const real = await bankCallback(body);
    expect(await real.json()).toEqual({ received: true, outcome: 'APPLIED' });
    const again = await bankCallback(body);
    expect(await again.json()).toEqual({ received: true, outcome: 'DUPLICATE' });
    await settle(stack);
    expect(await notificationsFor(payment.paymentId)).toHaveLength(1);
  });

  it('refuses a callback signed too long ago', async () => {
    const payment = await createPayment('mock-bank');
    const raw = JSON.stringify({ eventId: 'old', providerTxnId: 'MBOLD', paymentId: payment.paymentId, amount: payment.amount, currency: 'VND', status: 'SUCCEEDED', occurredAt: '2026-03-10T10:00:05+07:00', bankCode: 'VCB' });
    const stale = signMockBankBody(raw, stack.config.MOCK_BANK_SECRET, new Date(clock.now().getTime() - 301_000));
    const response = await fetch(`${stack.url}/v1/callbacks/mock-bank`, { method: 'POST', headers: { 'x-mockbank-signature': stale, 'content-type': 'application/json' }, body: raw });
    expect(response.status).toBe(401);
    expect((await getPayment(payment.paymentId)).status).toBe('PENDING');
  });

  it('applies a callback sent three times once, and ignores a FAILED that follows the success', async () => {
    const payment = await createPayment('mock-bank');
    await setFault('mock-bank', { paymentId: payment.paymentId, duplicate: 3, failedAfterSucceeded: true });
    await actOnPaymentPage(payment.paymentUrl, 'pay');
    await settle(stack);
    const paid = await getPayment(payment.paymentId);
    expect(paid.status).toBe('SUCCEEDED');
    expect(paid.events.filter((event) => event.type === 'PaymentSucceeded')).toHaveLength(1);
    expect(await notificationsFor(payment.paymentId)).toHaveLength(1);
  });

  it('answers the portal platform with RspCodes: 97 for a bad hash, 02 for a repeat', async () => {
    const payment = await createPayment('mock-portal');
    await setFault('mock-portal', { paymentId: payment.paymentId, duplicate: 2 });
    await actOnPaymentPage(payment.paymentUrl, 'pay');
    await settle(stack);
    const answers = stack.mocks.portal.deliveries().filter((attempt) => attempt.paymentId === payment.paymentId).map((attempt) => attempt.response ?? '');
    expect(answers).toHaveLength(2);
    expect(answers.filter((answer) => answer.includes('"RspCode":"00"'))).toHaveLength(1);
    expect(answers.filter((answer) => answer.includes('"RspCode":"02"'))).toHaveLength(1);

    const forged = await fetch(`${stack.url}/v1/callbacks/mock-portal?pg_TxnRef=${payment.paymentId}&pg_Amount=20000000&pg_SecureHash=${'ab'.repeat(64)}`);
    expect(await forged.json()).toEqual({ RspCode: '97', Message: 'Invalid signature' });
  });

  it('keeps a payment unpaid when the provider reports another amount, and says so', async () => {
    const payment = await createPayment('mock-portal');
    await setFault('mock-portal', { paymentId: payment.paymentId, alterAmount: -1000 });
    await actOnPaymentPage(payment.paymentUrl, 'pay');
    await settle(stack);
    expect((await getPayment(payment.paymentId)).status).toBe('PENDING');
  });

  it('records a success that arrives after expiry as a late success', async () => {
    const payment = await createPayment('mock-bank');
    await setFault('mock-bank', { paymentId: payment.paymentId, drop: true });
    await actOnPaymentPage(payment.paymentUrl, 'pay');
    clock.advance(16 * 60_000);
    await stack.runScheduled('ExpirePayments');
    expect((await getPayment(payment.paymentId)).status).toBe('EXPIRED');
    const ledgerEntry = stack.mocks.ledgers['mock-bank'].all().find((entry) => entry.paymentId === payment.paymentId)!;
    const late = await bankCallback({
      eventId: `late-${payment.paymentId}`,
      providerTxnId: ledgerEntry.providerTxnId,
      paymentId: payment.paymentId,
      amount: payment.amount,
      currency: 'VND',
      status: 'SUCCEEDED',
      occurredAt: ledgerEntry.occurredAt,
      bankCode: 'VCB',
    });
    expect(await late.json()).toEqual({ received: true, outcome: 'LATE_SUCCESS' });
    await settle(stack);
    const paid = await getPayment(payment.paymentId);
    expect(paid).toMatchObject({ status: 'SUCCEEDED', lateSuccess: true });
    expect(await notificationsFor(payment.paymentId)).toHaveLength(1);
  });

  it('heals a dropped callback with the mop-up job', async () => {
    const payment = await createPayment('mock-bank');
    await setFault('mock-bank', { paymentId: payment.paymentId, drop: true });
    await actOnPaymentPage(payment.paymentUrl, 'pay');
    await settle(stack);
    expect((await getPayment(payment.paymentId)).status).toBe('PENDING');

    await stack.runScheduled('MopUpPayments'); // too early: created less than 2 minutes ago
    expect((await getPayment(payment.paymentId)).status).toBe('PENDING');
    clock.advance(3 * 60_000);
    const summary = (await stack.runScheduled('MopUpPayments')) as { outcomes: Record<string, number> };
    expect(summary.outcomes.APPLIED).toBeGreaterThanOrEqual(1);
    await settle(stack);
    expect((await getPayment(payment.paymentId)).status).toBe('SUCCEEDED');
    expect(await notificationsFor(payment.paymentId)).toHaveLength(1);
  });

  it('retries a notification the portal refuses, with backoff, until it is accepted', async () => {
    await setFault('mock-portal', { failNotifications: 2 });
    const payment = await createPayment('mock-bank');
    await actOnPaymentPage(payment.paymentUrl, 'pay');
    await settle(stack);
    const summary = (await (await fetch(`${stack.url}/mock-portal/notifications`)).json()) as { outagesAnswered: number };
    expect(summary.outagesAnswered).toBeGreaterThanOrEqual(2);
    expect(await notificationsFor(payment.paymentId)).toHaveLength(1);
    expect((await getPayment(payment.paymentId)).events.map((event) => event.type)).toContain('PortalNotified');
  });

  it('counts successes in the report counters once each', async () => {
    const counters = new DynamoDbReportCounterRepository(stack.dependencies.dynamoDb.doc, stack.config.TABLE_NAME);
    const rows = await counters.queryCounters({ agencies: ['STP'], from: '2026-03-01', to: '2026-03-31' });
    const online = rows.filter((row) => row.channel === 'ONLINE').reduce((sum, row) => sum + row.paymentTransactions, 0);
    const succeeded = [];
    for (const item of (await portalNotifications(stack))) succeeded.push(item.paymentId);
    expect(online).toBe(new Set(succeeded).size);
  });
});
