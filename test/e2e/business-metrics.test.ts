// Proves the payment flows write their business metrics as CloudWatch EMF over HTTP on the local stack: a created payment counts PaymentCreated (a replay does not), a callback counts CallbackOutcome by outcome, and a forged one counts SignatureRefused, each in the namespace and with the dimensions the alarms and dashboard read.
import { signMockBankBody } from '../../domain/providers/mock-bank-protocol';
import type { LocalStack } from '../../functions/local/local-stack';
import { emfLines, metricValues, withEmfEnabled } from '../support/emf';
import { startTestStack, tokenFor } from '../support/local-stack';
import { ManualClock } from '../support/payments';

withEmfEnabled();

const clock = new ManualClock(new Date('2026-03-10T10:00:00+07:00'));
const service = { service: 'fee-payments' };

describe('business metrics over HTTP', () => {
  let stack: LocalStack;
  let portal: string;
  beforeAll(async () => {
    stack = await startTestStack({ clock });
    portal = await tokenFor(stack, 'portal');
  });
  afterAll(async () => stack.stop());

  const createPayment = (idempotencyKey: string) =>
    fetch(`${stack.url}/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${portal}`, 'idempotency-key': idempotencyKey },
      body: JSON.stringify({
        dossierId: 'HS-METRICS-1',
        procedureCode: 'LLTP-CAP',
        agencyCode: 'STP',
        provider: 'mock-bank',
        inputs: {},
        payer: { name: 'Trần Thị B' },
        returnUrl: 'https://dichvucong.dongnai.gov.vn/ho-so/return',
      }),
    });
  const bankCallback = (body: Record<string, unknown>, secret = stack.config.MOCK_BANK_SECRET) => {
    const raw = JSON.stringify(body);
    return fetch(`${stack.url}/v1/callbacks/mock-bank`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mockbank-signature': signMockBankBody(raw, secret, clock.now()) },
      body: raw,
    });
  };

  it('counts a created payment, each callback by its outcome, and a refused signature', async () => {
    let payment: { paymentId: string; amount: number } | undefined;
    const created = await emfLines(async () => {
      const response = await createPayment('metrics-1');
      expect(response.status).toBe(201);
      payment = (await response.json()) as { paymentId: string; amount: number };
      expect((await createPayment('metrics-1')).status).toBe(200);
    });
    const callback = {
      eventId: `evt-${payment!.paymentId}`,
      providerTxnId: 'MB-METRICS-1',
      paymentId: payment!.paymentId,
      amount: payment!.amount,
      currency: 'VND',
      status: 'SUCCEEDED',
      occurredAt: '2026-03-10T10:00:05+07:00',
      bankCode: 'VCB',
    };
    const callbacks = await emfLines(async () => {
      expect((await bankCallback(callback, 'not-the-bank-secret-at-all')).status).toBe(401);
      expect((await bankCallback(callback)).status).toBe(200);
      expect((await bankCallback(callback)).status).toBe(200);
    });

    expect(metricValues(created, 'PaymentCreated')).toEqual([{ value: 1, namespace: 'FeePayments', dimensions: service }]);
    expect(metricValues(callbacks, 'SignatureRefused')).toEqual([{ value: 1, namespace: 'FeePayments', dimensions: service }]);
    expect(metricValues(callbacks, 'CallbackOutcome')).toEqual([
      { value: 1, namespace: 'FeePayments', dimensions: { ...service, outcome: 'APPLIED' } },
      { value: 1, namespace: 'FeePayments', dimensions: { ...service, outcome: 'DUPLICATE' } },
    ]);
  });
});
