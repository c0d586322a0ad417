// Proves a signed mock-portal IPN whose pg_Amount is not a whole number of đồng answers 04 and leaves one amount-mismatch review item for finance, however often it is delivered.
import { encodePortalFields, formatPortalDate, withPortalSecureHash } from '../../domain/providers/mock-portal-protocol';
import type { LocalStack } from '../../functions/local/local-stack';
import { startTestStack, tokenFor } from '../support/local-stack';
import { ManualClock } from '../support/payments';

const clock = new ManualClock(new Date('2026-05-04T10:00:00+07:00'));
type Review = { reviewId: string; reason: string; paymentId: string; reportedAmount: number; providerAmount?: string; expectedAmount?: number };

describe('an IPN amount that is not a whole number of đồng', () => {
  let stack: LocalStack;
  let portal: string;
  let finance: string;
  beforeAll(async () => {
    stack = await startTestStack({ clock });
    portal = await tokenFor(stack, 'portal');
    finance = await tokenFor(stack, { sub: 'kt-stp', roles: ['finance'], agencies: ['STP'] });
  });
  afterAll(async () => stack.stop());

  const ipn = (fields: Record<string, string>) =>
    fetch(`${stack.url}/v1/callbacks/mock-portal`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: encodePortalFields(withPortalSecureHash(fields, stack.config.MOCK_PORTAL_SECRET)),
    });
  const reviewItems = async () =>
    ((await (await fetch(`${stack.url}/v1/review-items`, { headers: { authorization: `Bearer ${finance}` } })).json()) as { items: Review[] }).items;

  it('answers 04 and leaves one AMOUNT_MISMATCH item with the provider’s amount; a second delivery adds nothing', async () => {
    const created = await fetch(`${stack.url}/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${portal}`, 'idempotency-key': 'odd-amount-1' },
      body: JSON.stringify({ dossierId: 'HS-ODD-1', procedureCode: 'LLTP-CAP', agencyCode: 'STP', provider: 'mock-portal', inputs: {}, payer: { name: 'Trần Thị B' }, returnUrl: 'https://dichvucong.dongnai.gov.vn/r' }),
    });
    expect(created.status).toBe(201);
    const payment = (await created.json()) as { paymentId: string; amount: number };
    const pgAmount = String(payment.amount * 100 + 50); // e.g. 5200050: 52 000,50 đ
    const fields = {
      pg_TmnCode: stack.config.MOCK_PORTAL_TMN_CODE,
      pg_Amount: pgAmount,
      pg_TxnRef: payment.paymentId,
      pg_TransactionNo: 'MP-ODD-1',
      pg_ResponseCode: '00',
      pg_TransactionStatus: '00',
      pg_PayDate: formatPortalDate(clock.now()),
      pg_BankCode: 'NCB',
    };

    const first = await ipn(fields);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ RspCode: '04', Message: 'Invalid amount' });
    const items = (await reviewItems()).filter((item) => item.paymentId === payment.paymentId);
    expect(items).toEqual([
      expect.objectContaining({ reason: 'AMOUNT_MISMATCH', expectedAmount: payment.amount, reportedAmount: 0, providerAmount: pgAmount }),
    ]);

    const again = await ipn(fields);
    expect(((await again.json()) as { RspCode: string }).RspCode).not.toBe('00');
    expect((await reviewItems()).filter((item) => item.paymentId === payment.paymentId)).toHaveLength(1);

    // The payment itself did not move: finance decides.
    const read = (await (await fetch(`${stack.url}/v1/payments/${payment.paymentId}`, { headers: { authorization: `Bearer ${portal}` } })).json()) as { status: string };
    expect(read.status).toBe('PENDING');
  });
});
