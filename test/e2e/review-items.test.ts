// Proves finance sees and resolves, once, what provider reports left for review: a late success and a second payment of a paid dossier, scoped to its agencies.
import { signMockBankBody } from '../../domain/providers/mock-bank-protocol';
import type { LocalStack } from '../../functions/local/local-stack';
import { startTestStack, tokenFor } from '../support/local-stack';
import { ManualClock } from '../support/payments';
import { actOnPaymentPage, settle } from '../support/providers';

const clock = new ManualClock(new Date('2026-07-01T09:00:00+07:00'));
type Review = { reviewId: string; reason: string; paymentId: string; agencyCode?: string; status: string; resolution?: { action: string; by: string } };

describe('review items over HTTP', () => {
  let stack: LocalStack;
  let portal: string;
  let financeStp: string;
  let financeSyt: string;
  beforeAll(async () => {
    stack = await startTestStack({ clock });
    portal = await tokenFor(stack, 'portal');
    financeStp = await tokenFor(stack, { sub: 'kt-stp', roles: ['finance'], agencies: ['STP'] });
    financeSyt = await tokenFor(stack, { sub: 'kt-syt', roles: ['finance'], agencies: ['SYT'] });
  });
  afterAll(async () => stack.stop());

  const create = async (dossierId: string, key: string) =>
    (await (
      await fetch(`${stack.url}/v1/payments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${portal}`, 'idempotency-key': key },
        body: JSON.stringify({ dossierId, procedureCode: 'LLTP-CAP', agencyCode: 'STP', provider: 'mock-portal', inputs: {}, payer: { name: 'A' }, returnUrl: 'https://x.gov.vn/r' }),
      })
    ).json()) as { paymentId: string; paymentUrl: string };
  const list = async (token: string, status = 'OPEN') =>
    ((await (await fetch(`${stack.url}/v1/review-items?status=${status}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: Review[] }).items;
  const resolve = (reviewId: string, token: string, body: unknown = { action: 'REFUND', note: 'Hoàn tiền cho công dân' }) =>
    fetch(`${stack.url}/v1/review-items/${encodeURIComponent(reviewId)}/resolve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  it('lists a second payment of a paid dossier for refund, to its agency only, and resolves it once', async () => {
    const first = await create('HS-REVIEW-1', 'r-1');
    const second = await create('HS-REVIEW-1', 'r-2');
    await actOnPaymentPage(first.paymentUrl, 'pay');
    await actOnPaymentPage(second.paymentUrl, 'pay');
    await settle(stack);

    const items = await list(financeStp);
    const duplicate = items.find((item) => item.paymentId === second.paymentId);
    expect(duplicate).toMatchObject({ reason: 'DUPLICATE_PAYMENT_FOR_DOSSIER', agencyCode: 'STP', status: 'OPEN' });
    expect((await list(financeSyt)).find((item) => item.paymentId === second.paymentId)).toBeUndefined();

    expect((await resolve(duplicate!.reviewId, financeSyt)).status).toBe(403);
    const resolved = await resolve(duplicate!.reviewId, financeStp);
    expect(resolved.status).toBe(200);
    expect(await resolved.json()).toMatchObject({ status: 'RESOLVED', resolution: { action: 'REFUND', by: 'kt-stp' } });
    const again = await resolve(duplicate!.reviewId, financeStp);
    expect(again.status).toBe(409);
    expect((await list(financeStp, 'RESOLVED')).map((item) => item.reviewId)).toContain(duplicate!.reviewId);
  });

  it('lists a success that came after expiry for finance to accept or refund', async () => {
    const created = await fetch(`${stack.url}/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${portal}`, 'idempotency-key': 'r-3' },
      body: JSON.stringify({ dossierId: 'HS-REVIEW-2', procedureCode: 'LLTP-CAP', agencyCode: 'STP', provider: 'mock-bank', inputs: {}, payer: { name: 'A' }, returnUrl: 'https://x.gov.vn/r' }),
    });
    const payment = (await created.json()) as { paymentId: string; paymentUrl: string; amount: number };
    await fetch(`${stack.url}/mock-bank/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ paymentId: payment.paymentId, drop: true }) });
    await actOnPaymentPage(payment.paymentUrl, 'pay');
    clock.advance(16 * 60_000);
    await stack.runScheduled('ExpirePayments');
    const paid = stack.mocks.ledgers['mock-bank'].all().find((entry) => entry.paymentId === payment.paymentId)!;
    const body = JSON.stringify({ eventId: 'late-1', providerTxnId: paid.providerTxnId, paymentId: payment.paymentId, amount: payment.amount, currency: 'VND', status: 'SUCCEEDED', occurredAt: paid.occurredAt, bankCode: 'VCB' });
    const callback = await fetch(`${stack.url}/v1/callbacks/mock-bank`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mockbank-signature': signMockBankBody(body, stack.config.MOCK_BANK_SECRET, clock.now()) },
      body,
    });
    expect(await callback.json()).toEqual({ received: true, outcome: 'LATE_SUCCESS' });
    const late = (await list(financeStp)).find((item) => item.paymentId === payment.paymentId);
    expect(late).toMatchObject({ reason: 'LATE_SUCCESS', status: 'OPEN', agencyCode: 'STP' });
    expect((await resolve(late!.reviewId, financeStp, { action: 'ACCEPT', note: 'Hồ sơ vẫn được xử lý' })).status).toBe(200);
  });

  it('refuses a resolution without a note, with an unknown action, or for an unknown item', async () => {
    expect((await resolve('nope', financeStp)).status).toBe(404);
    const resolved = (await list(financeStp, 'RESOLVED'))[0]!;
    expect((await resolve(resolved.reviewId, financeStp, { action: 'REFUND', note: '  ' })).status).toBe(400);
    expect((await resolve(resolved.reviewId, financeStp, { action: 'IGNORE', note: 'x' })).status).toBe(400);
    expect((await fetch(`${stack.url}/v1/review-items?cursor=bm90LWpzb24`, { headers: { authorization: `Bearer ${financeStp}` } })).status).toBe(400);
  });
});
