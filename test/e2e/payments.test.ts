// Proves a portal creates, replays, reads, cancels and lets expire payments over HTTP on the local stack, per CONTRACT.md, and that bad input and wrong callers get a 4xx that writes nothing.
import type { LocalStack } from '../../functions/local/local-stack';
import { parseVietQr } from '../../domain/payments/vietqr';
import { startTestStack, tokenFor } from '../support/local-stack';
import { itemsWritten, ManualClock } from '../support/payments';

const clock = new ManualClock(new Date('2026-01-10T09:00:00+07:00'));

describe('payments over HTTP', () => {
  let stack: LocalStack;
  let portal: string;
  let keyCounter = 0;

  beforeAll(async () => {
    stack = await startTestStack({ clock });
    portal = await tokenFor(stack, 'portal');
  });
  afterAll(async () => stack.stop());

  const aBody = (overrides: Record<string, unknown> = {}) => ({
    dossierId: `HS-${++keyCounter}-${Date.now()}`,
    procedureCode: 'CT-BANSAO',
    agencyCode: 'TRANBIEN',
    provider: 'mock-bank',
    inputs: { pages: 5, copies: 2 },
    payer: { name: 'Nguyễn Văn A', idNumber: '079203001234' },
    returnUrl: 'https://dichvucong.dongnai.gov.vn/ho-so/return',
    ...overrides,
  });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${stack.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${portal}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const createPayment = (body: unknown, key = `key-${++keyCounter}`, headers: Record<string, string> = {}) => post('/v1/payments', body, { 'idempotency-key': key, ...headers });
  const getPayment = (paymentId: string, token = portal) => fetch(`${stack.url}/v1/payments/${paymentId}`, { headers: { authorization: `Bearer ${token}` } });
  const written = () => itemsWritten(stack.dependencies.dynamoDb.doc, stack.config.TABLE_NAME);
  type PaymentBody = { paymentId: string; status: string; amount: number; paymentUrl: string; vietQr: string; expiresAt: string; createdAt: string; events?: Array<{ type: string; at: string }> };
  type ErrorBody = { error: { code: string; message: string; details: Array<{ path: string }>; requestId: string } };

  it('creates a payment priced from the catalog, with a provider link and a VietQR code', async () => {
    clock.set('2026-01-10T09:00:00+07:00');
    const response = await createPayment(aBody());
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const payment = (await response.json()) as PaymentBody & Record<string, unknown>;
    expect(payment).toMatchObject({
      status: 'PENDING',
      amount: 14_000,
      currency: 'VND',
      provider: 'mock-bank',
      createdAt: '2026-01-10T09:00:00+07:00',
      expiresAt: '2026-01-10T09:15:00+07:00',
      lines: [{ feeCode: 'LP-CTBS', name: expect.any(String), kind: 'PHI', amount: 14_000, explanation: '2 trang × 2.000 ₫ + 3 trang × 1.000 ₫ = 7.000 ₫ mỗi bản, × 2 bản = 14.000 ₫' }],
    });
    expect(payment.paymentId).toMatch(/^pay_[0-9A-Z]{21}$/);
    expect(response.headers.get('location')).toBe(`/v1/payments/${payment.paymentId}`);
    expect(payment.paymentUrl.startsWith(`${stack.config.publicBaseUrl}/mock-bank/pay/${payment.paymentId}?amount=14000&`)).toBe(true);
    const qr = parseVietQr(payment.vietQr);
    expect(qr.ok && qr.value).toMatchObject({ amount: 14_000, purpose: expect.stringMatching(new RegExp(`^${payment.paymentId}`)) });
    expect(JSON.stringify(payment)).not.toContain('079203001234');
  });

  it('links a mock-portal payment to the portal’s page', async () => {
    const payment = (await (await createPayment(aBody({ provider: 'mock-portal' }))).json()) as PaymentBody;
    expect(payment.paymentUrl).toContain(`/mock-portal/pay/${payment.paymentId}?`);
    expect(payment.paymentUrl).toContain('pg_Amount=1400000');
  });

  it('sends the citizen to payment pages the mock providers accept', async () => {
    clock.set(new Date());
    for (const provider of ['mock-bank', 'mock-portal']) {
      const payment = (await (await createPayment(aBody({ provider }))).json()) as PaymentBody;
      const page = await fetch(payment.paymentUrl);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(payment.paymentId);
    }
  });

  it('answers the same key and body with the same payment, marked as replayed, and makes no second one', async () => {
    const body = aBody();
    const first = (await (await createPayment(body, 'same-key-1')).json()) as PaymentBody;
    const again = await createPayment({ ...body, payer: { ...body.payer } }, 'same-key-1');
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as PaymentBody).paymentId).toBe(first.paymentId);
    expect(await stack.dependencies.payments.listDossierPayments(body.dossierId)).toHaveLength(1);
  });

  it('refuses the same key with a different body (422) and writes nothing', async () => {
    const body = aBody();
    await createPayment(body, 'same-key-2');
    const before = await written();
    const response = await createPayment({ ...body, inputs: { pages: 6 } }, 'same-key-2');
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorBody).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await written()).toEqual(before);
  });

  it('needs a well-formed Idempotency-Key', async () => {
    const missing = await post('/v1/payments', aBody());
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as ErrorBody).error).toMatchObject({ code: 'IDEMPOTENCY_KEY_MISSING', details: [{ path: 'Idempotency-Key' }] });
    for (const key of ['has space', 'k'.repeat(256), 'ключ']) {
      const invalid = await createPayment(aBody(), encodeURIComponent(key) === key ? key : 'a%20b');
      expect(invalid.status).toBe(400);
      expect(((await invalid.json()) as ErrorBody).error.details[0]?.path).toBe('Idempotency-Key');
    }
  });

  it('refuses any new payment, whatever the key, once the dossier is paid', async () => {
    const body = aBody();
    const paid = (await (await createPayment(body, 'paid-1')).json()) as PaymentBody;
    const outcome = await stack.dependencies.payments.recordSuccess(
      { paymentId: paid.paymentId, provider: 'mock-bank', providerTxnId: 'MB-E2E-1', amount: paid.amount, occurredAt: clock.now() },
      clock.now(),
    );
    expect(outcome.kind).toBe('APPLIED');
    for (const key of ['paid-2', 'paid-3']) {
      const response = await createPayment({ ...body, provider: key === 'paid-2' ? 'mock-bank' : 'mock-portal' }, key);
      expect(response.status).toBe(409);
      expect(((await response.json()) as ErrorBody).error.code).toBe('DOSSIER_ALREADY_PAID');
    }
    const read = (await (await getPayment(paid.paymentId)).json()) as PaymentBody & { providerTxnId: string };
    expect(read).toMatchObject({ status: 'SUCCEEDED', providerTxnId: 'MB-E2E-1' });
    expect(read.events?.map((event) => event.type)).toEqual(['PaymentCreated', 'PaymentSucceeded']);
  });

  it('reads a payment with its events and cancels it once', async () => {
    clock.set('2026-01-10T10:00:00+07:00');
    const payment = (await (await createPayment(aBody())).json()) as PaymentBody;
    const read = await getPayment(payment.paymentId);
    expect(read.status).toBe(200);
    expect(((await read.json()) as PaymentBody).events).toEqual([{ type: 'PaymentCreated', at: '2026-01-10T10:00:00+07:00', amount: 14_000, provider: 'mock-bank' }]);

    clock.advance(2 * 60_000);
    const cancelled = await post(`/v1/payments/${payment.paymentId}/cancel`, '');
    expect(cancelled.status).toBe(200);
    const body = (await cancelled.json()) as PaymentBody;
    expect(body.status).toBe('CANCELLED');
    expect(body.events?.map((event) => [event.type, event.at])).toEqual([
      ['PaymentCreated', '2026-01-10T10:00:00+07:00'],
      ['PaymentCancelled', '2026-01-10T10:02:00+07:00'],
    ]);
    const again = await post(`/v1/payments/${payment.paymentId}/cancel`, '');
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorBody).error.code).toBe('INVALID_STATE');
  });

  it('expires PENDING payments when the scheduled job runs after expiresAt', async () => {
    clock.set('2026-01-11T08:00:00+07:00');
    const payment = (await (await createPayment(aBody())).json()) as PaymentBody;
    clock.set('2026-01-11T08:14:59+07:00');
    await stack.runScheduled('ExpirePayments');
    expect(((await (await getPayment(payment.paymentId)).json()) as PaymentBody).status).toBe('PENDING');

    clock.set('2026-01-11T08:16:00+07:00');
    expect(await stack.runScheduled('ExpirePayments')).toMatchObject({ expired: expect.any(Number) });
    const expired = (await (await getPayment(payment.paymentId)).json()) as PaymentBody;
    expect(expired.status).toBe('EXPIRED');
    expect(expired.events?.at(-1)).toEqual({ type: 'PaymentExpired', at: '2026-01-11T08:16:00+07:00' });
    const cancel = await post(`/v1/payments/${payment.paymentId}/cancel`, '');
    expect(cancel.status).toBe(409);
  });

  describe('who may call', () => {
    it('answers 401 without a token', async () => {
      const noToken = await fetch(`${stack.url}/v1/payments`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'k' }, body: JSON.stringify(aBody()) });
      expect(noToken.status).toBe(401);
      expect(((await noToken.json()) as ErrorBody).error.code).toBe('UNAUTHENTICATED');
      expect((await fetch(`${stack.url}/v1/payments/pay_0000000000AAAAAAAAAAA`)).status).toBe(401);
      expect((await fetch(`${stack.url}/v1/payments/pay_0000000000AAAAAAAAAAA/cancel`, { method: 'POST' })).status).toBe(401);
    });

    it('answers 403 to another role and to a portal of another agency, writing nothing', async () => {
      const before = await written();
      const finance = await tokenFor(stack, 'finance');
      const asFinance = await createPayment(aBody(), 'k-finance', { authorization: `Bearer ${finance}` });
      expect(asFinance.status).toBe(403);
      const stpPortal = await tokenFor(stack, { sub: 'portal-stp', roles: ['portal'], agencies: ['STP'] });
      const otherAgency = await createPayment(aBody(), 'k-stp', { authorization: `Bearer ${stpPortal}` });
      expect(otherAgency.status).toBe(403);
      expect(((await otherAgency.json()) as ErrorBody).error.code).toBe('FORBIDDEN');
      expect(await written()).toEqual(before);

      const payment = (await (await createPayment(aBody())).json()) as PaymentBody;
      expect((await getPayment(payment.paymentId, stpPortal)).status).toBe(403);
      expect((await getPayment(payment.paymentId, finance)).status).toBe(403);
      const cancel = await fetch(`${stack.url}/v1/payments/${payment.paymentId}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${stpPortal}` } });
      expect(cancel.status).toBe(403);
      expect(((await (await getPayment(payment.paymentId)).json()) as PaymentBody).status).toBe('PENDING');
    });
  });

  describe('bad input', () => {
    const cases: ReadonlyArray<[string, Record<string, unknown>, number, string, string | undefined]> = [
      ['no dossierId', { dossierId: undefined }, 400, 'VALIDATION_FAILED', 'dossierId'],
      ['a dossierId with "#"', { dossierId: 'HS#1' }, 400, 'VALIDATION_FAILED', 'dossierId'],
      ['negative pages', { inputs: { pages: -1 } }, 400, 'VALIDATION_FAILED', 'inputs.pages'],
      ['fractional pages', { inputs: { pages: 2.5 } }, 400, 'VALIDATION_FAILED', 'inputs.pages'],
      ['pages as text', { inputs: { pages: '3' } }, 400, 'VALIDATION_FAILED', 'inputs.pages'],
      ['absurd pages', { inputs: { pages: 1_000_000 } }, 400, 'VALIDATION_FAILED', 'inputs.pages'],
      ['absurd copies', { inputs: { pages: 3, copies: 100_000 } }, 400, 'VALIDATION_FAILED', 'inputs.copies'],
      ['absurd declared value', { procedureCode: 'TB-NHADAT', agencyCode: 'SNNMT', inputs: { declaredValue: 1e15 } }, 400, 'VALIDATION_FAILED', 'inputs.declaredValue'],
      ['missing pages', { inputs: { copies: 2 } }, 400, 'VALIDATION_FAILED', 'inputs.pages'],
      ['missing declared value', { procedureCode: 'TB-NHADAT', agencyCode: 'SNNMT', inputs: {} }, 400, 'VALIDATION_FAILED', 'inputs.declaredValue'],
      ['a misspelt input', { inputs: { page: 3 } }, 400, 'VALIDATION_FAILED', 'inputs'],
      ['an amount from the caller', { amount: 1 }, 400, 'VALIDATION_FAILED', 'amount'],
      ['an unknown provider', { provider: 'paypal' }, 400, 'VALIDATION_FAILED', 'provider'],
      ['no payer', { payer: undefined }, 400, 'VALIDATION_FAILED', 'payer'],
      ['a bad id number', { payer: { name: 'A', idNumber: '12' } }, 400, 'VALIDATION_FAILED', 'payer.idNumber'],
      ['a javascript: return URL', { returnUrl: 'javascript:alert(1)' }, 400, 'VALIDATION_FAILED', 'returnUrl'],
      ['an unknown procedure', { procedureCode: 'NOPE' }, 422, 'UNKNOWN_PROCEDURE', 'procedureCode'],
      ['another agency’s procedure', { agencyCode: 'STP' }, 422, 'AGENCY_MISMATCH', 'agencyCode'],
      ['a procedure without obligation', { procedureCode: 'HT-KETHON', inputs: {} }, 422, 'NO_PAYMENT_REQUIRED', undefined],
      ['an exempt dossier', { inputs: { exemption: true } }, 422, 'NO_PAYMENT_REQUIRED', undefined],
    ];

    it.each(cases)('refuses %s', async (_case, overrides, status, code, path) => {
      const before = await written();
      const response = await createPayment(aBody(overrides));
      expect(response.status).toBe(status);
      const body = (await response.json()) as ErrorBody;
      expect(body.error.code).toBe(code);
      if (path !== undefined) expect(body.error.details.map((detail) => detail.path)).toContain(path);
      expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
      expect(await written()).toEqual(before);
    });

    it('refuses malformed JSON, a 10 MB body and a non-JSON body, writing nothing', async () => {
      const before = await written();
      const malformed = await createPayment('{"dossierId":');
      expect(malformed.status).toBe(400);
      expect(((await malformed.json()) as ErrorBody).error.details[0]?.path).toBe('body');
      const huge = await createPayment(JSON.stringify({ ...aBody(), padding: 'x'.repeat(10 * 1024 * 1024) }));
      expect(huge.status).toBe(413);
      const form = await createPayment('a=1', undefined, { 'content-type': 'application/x-www-form-urlencoded' });
      expect(form.status).toBe(415);
      expect(await written()).toEqual(before);
    });

    it('answers 400 for a malformed payment id and 404 for an unknown one', async () => {
      const malformed = await getPayment('not-a-payment');
      expect(malformed.status).toBe(400);
      expect(((await malformed.json()) as ErrorBody).error.details[0]?.path).toBe('paymentId');
      expect((await getPayment('pay_0000000000AAAAAAAAAAA')).status).toBe(404);
      expect((await post('/v1/payments/pay_0000000000AAAAAAAAAAA/cancel', '')).status).toBe(404);
    });
  });
});
