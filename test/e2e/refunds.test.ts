// Proves finance refunds a paid payment over HTTP on the local stack per CONTRACT.md: refundSummary on the payment, 202 SUBMITTED, eight concurrent clicks with one key make one refund, a stale refundAmountAvailable gets 409, bad input gets a 4xx naming the field and writes nothing.
import type { LocalStack } from '../../functions/local/local-stack';
import { applyProviderReport } from '../../functions/callbacks/apply-provider-report';
import { startTestStack, tokenFor } from '../support/local-stack';
import { itemsWritten, ManualClock } from '../support/payments';

const clock = new ManualClock(new Date('2026-01-10T09:00:00+07:00'));

describe('refunds over HTTP', () => {
  let stack: LocalStack;
  let portal: string;
  let finance: string;

  beforeAll(async () => {
    stack = await startTestStack({ clock });
    portal = await tokenFor(stack, 'portal');
    finance = await tokenFor(stack, { sub: 'finance-tranbien', roles: ['finance'], agencies: ['TRANBIEN'] });
  });
  afterAll(async () => stack.stop());

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked against the API document by the e2e setup
  const body = async (response: Response): Promise<any> => response.json();
  const call = (method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${stack.url}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });

  async function aPaidPayment(): Promise<{ paymentId: string; amount: number }> {
    const dossierId = `HS-R-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
    const created = await call('POST', '/v1/payments', portal, {
      dossierId, procedureCode: 'CT-BANSAO', agencyCode: 'TRANBIEN', provider: 'mock-bank', inputs: { pages: 5, copies: 2 }, payer: { name: 'Nguyễn Văn A' }, returnUrl: 'https://dichvucong.dongnai.gov.vn/ho-so/return',
    }, { 'idempotency-key': `k-${dossierId}` });
    const payment = (await body(created)) as { paymentId: string; amount: number };
    const deps = stack.dependencies;
    await applyProviderReport(
      { provider: 'mock-bank', eventId: `evt-${payment.paymentId}`, providerTxnId: `MB-${payment.paymentId.slice(-8)}`, paymentId: payment.paymentId, amount: payment.amount, status: 'SUCCEEDED', occurredAt: clock.now().toISOString() },
      { payments: deps.payments, doc: deps.dynamoDb.doc, tableName: deps.tableName, clock: deps.clock },
    );
    return payment;
  }

  it('shows what is refundable, takes one refund from eight concurrent clicks, and refuses a stale amount', async () => {
    const payment = await aPaidPayment();
    const before = await body(await call('GET', `/v1/payments/${payment.paymentId}`, finance));
    expect(before.refundSummary).toEqual({ status: 'AVAILABLE', amountAvailable: payment.amount, amountRefunded: 0, amountSubmitted: 0 });

    const request = { amount: payment.amount, reason: 'Nộp trùng', refundAmountAvailable: payment.amount };
    const responses = await Promise.all(Array.from({ length: 8 }, () => call('POST', `/v1/payments/${payment.paymentId}/refunds`, finance, request, { 'idempotency-key': 'double-click' })));
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 202 || status === 409)).toBe(true);
    const refunds = await Promise.all(responses.filter((response) => response.status === 202).map(body));
    expect(new Set(refunds.map((refund) => refund.refundId)).size).toBe(1);
    expect(refunds[0]).toMatchObject({ paymentId: payment.paymentId, amount: payment.amount, status: 'SUBMITTED', reason: 'Nộp trùng' });

    const listed = await body(await call('GET', `/v1/payments/${payment.paymentId}/refunds`, finance));
    expect(listed.items.map((refund: { refundId: string }) => refund.refundId)).toEqual([refunds[0].refundId]);
    expect((await body(await call('GET', `/v1/payments/${payment.paymentId}`, finance))).refundSummary).toEqual({ status: 'FULL', amountAvailable: 0, amountRefunded: 0, amountSubmitted: payment.amount });

    const stale = await call('POST', `/v1/payments/${payment.paymentId}/refunds`, finance, request, { 'idempotency-key': 'second-officer' });
    expect(stale.status).toBe(409);
    expect((await body(stale)).error.code).toBe('REFUND_AMOUNT_AVAILABLE_MISMATCH');
  });

  it('answers bad input with a 4xx naming the field, and writes nothing', async () => {
    const payment = await aPaidPayment();
    const path = `/v1/payments/${payment.paymentId}/refunds`;
    // The success's receipt and notification are written by the queue workers: let them finish first.
    await stack.whenQueuesIdle();
    const before = await itemsWritten(stack.dependencies.dynamoDb.doc, stack.config.TABLE_NAME);
    const fractional = await call('POST', path, finance, { amount: 1.5, reason: 'x', refundAmountAvailable: payment.amount }, { 'idempotency-key': 'k1' });
    expect(fractional.status).toBe(400);
    expect((await body(fractional)).error.details.map((detail: { path: string }) => detail.path)).toContain('amount');
    const tooMuch = await call('POST', path, finance, { amount: payment.amount + 1, reason: 'x', refundAmountAvailable: payment.amount }, { 'idempotency-key': 'k2' });
    expect([tooMuch.status, (await body(tooMuch)).error.code]).toEqual([422, 'REFUND_AMOUNT_INVALID']);
    const noKey = await call('POST', path, finance, { amount: 1, reason: 'x', refundAmountAvailable: payment.amount });
    expect([noKey.status, (await body(noKey)).error.code]).toEqual([400, 'IDEMPOTENCY_KEY_MISSING']);
    const asPortal = await call('POST', path, portal, { amount: 1, reason: 'x', refundAmountAvailable: payment.amount }, { 'idempotency-key': 'k3' });
    expect(asPortal.status).toBe(403);
    expect(await itemsWritten(stack.dependencies.dynamoDb.doc, stack.config.TABLE_NAME)).toEqual(before);
  });
});
