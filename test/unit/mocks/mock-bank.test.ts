// Proves mock-bank shows a signed payment page, records the outcome in its own ledger and delivers exactly the signed callbacks the domain verifier accepts, retrying as a bank does.
import { parseMockBankCallback, verifyMockBankSignature } from '../../../domain/providers/mock-bank-protocol';
import { parseMockBankStatusResponse, signMockBankStatusQuery } from '../../../domain/providers/mock-bank-status-query';
import { aMockWorld, BANK_SECRET, bodyText, RETURN_URL, SERVICE } from './mock-world';

describe('mock-bank payment page', () => {
  it('shows the amount, payment id, expiry and three buttons in Vietnamese', async () => {
    const world = aMockWorld();
    const page = await world.get(world.bankUrl('pay_01', 1_250_000));
    const html = bodyText(page);
    expect(page.status).toBe(200);
    expect(page.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(html).toContain('lang="vi"');
    expect(html).toContain('1.250.000 ₫');
    expect(html).toContain('pay_01');
    expect(html).toContain('10:15:00 ngày 22/11/2026');
    for (const label of ['Thanh toán</button>', 'Thanh toán thất bại</button>', 'Hủy</button>']) expect(html).toContain(label);
    expect(html).toContain('action="/mock-bank/pay/pay_01"');
  });

  it('refuses a forged link (amount changed) and an expired one with a 400 page', async () => {
    const world = aMockWorld();
    const forged = world.bankUrl('pay_01', 52000).replace('amount=52000', 'amount=1000');
    const refused = await world.get(forged);
    expect(refused.status).toBe(400);
    expect(bodyText(refused)).toContain('Liên kết thanh toán không hợp lệ');

    const url = world.bankUrl('pay_01');
    world.setNow('2026-11-22T03:15:00Z');
    const expired = await world.get(url);
    expect(expired.status).toBe(400);
    expect(bodyText(expired)).toContain('hết hạn');
  });

  it('refuses a forged form POST and records nothing', async () => {
    const world = aMockWorld();
    const forged = world.bankUrl('pay_01').replace('amount=52000', 'amount=1000');
    const response = await world.submit(forged, 'pay');
    await world.mocks.whenIdle();
    expect(response.status).toBe(400);
    expect(world.mocks.bank.ledger.all()).toHaveLength(0);
    expect(world.calls).toHaveLength(0);
  });
});

describe('mock-bank pay flow', () => {
  it('redirects to the return URL and sends exactly one callback the domain verifier accepts', async () => {
    const world = aMockWorld();
    const response = await world.submit(world.bankUrl('pay_01'), 'pay');
    await world.mocks.whenIdle();

    expect(response.status).toBe(303);
    const location = new URL(response.headers.Location!);
    expect(`${location.origin}${location.pathname}`).toBe(RETURN_URL.split('?')[0]);
    expect(location.searchParams.get('lang')).toBe('vi');
    expect(location.searchParams.get('paymentId')).toBe('pay_01');
    expect(location.searchParams.get('status')).toBe('SUCCEEDED');

    expect(world.calls).toHaveLength(1);
    const call = world.calls[0]!;
    expect(call.url).toBe(`${SERVICE}/v1/callbacks/mock-bank`);
    expect(call.headers['Content-Type']).toBe('application/json');
    const verified = verifyMockBankSignature({ header: call.headers['X-MockBank-Signature'], rawBody: call.body, secrets: BANK_SECRET, now: world.now() });
    expect(verified.valid).toBe(true);
    const parsed = parseMockBankCallback(call.body);
    const [entry] = world.mocks.bank.ledger.all();
    expect(parsed).toMatchObject({
      ok: true,
      report: { provider: 'mock-bank', paymentId: 'pay_01', amount: 52000, status: 'SUCCEEDED', occurredAt: '2026-11-22T10:00:00+07:00', providerTxnId: entry!.providerTxnId, eventId: entry!.eventId },
    });
    expect(location.searchParams.get('providerTxnId')).toBe(entry!.providerTxnId);
    expect(entry).toMatchObject({ paymentId: 'pay_01', status: 'SUCCEEDED', amount: 52000, requestedAmount: 52000, bankCode: 'MOCKBANK' });
  });

  it('sends a FAILED callback for "Thanh toán thất bại"', async () => {
    const world = aMockWorld();
    await world.submit(world.bankUrl('pay_01'), 'fail');
    await world.mocks.whenIdle();
    expect(world.calls).toHaveLength(1);
    expect(parseMockBankCallback(world.calls[0]!.body)).toMatchObject({ ok: true, report: { status: 'FAILED' } });
  });

  it('sends no callback for "Hủy", as real gateways do, and records the cancellation', async () => {
    const world = aMockWorld();
    const response = await world.submit(world.bankUrl('pay_01'), 'cancel');
    await world.mocks.whenIdle();
    expect(world.calls).toHaveLength(0);
    expect(new URL(response.headers.Location!).searchParams.get('status')).toBe('CANCELLED');
    expect(world.mocks.bank.ledger.all()).toMatchObject([{ status: 'CANCELLED' }]);
  });

  it('refuses to take a paid payment twice', async () => {
    const world = aMockWorld();
    const url = world.bankUrl('pay_01');
    await world.submit(url, 'pay');
    const again = await world.submit(url, 'pay');
    const page = await world.get(url);
    await world.mocks.whenIdle();
    expect(again.status).toBe(409);
    expect(page.status).toBe(409);
    expect(world.calls).toHaveLength(1);
  });

  it('lets a payer try again after a failure', async () => {
    const world = aMockWorld();
    const url = world.bankUrl('pay_01');
    await world.submit(url, 'fail');
    await world.submit(url, 'pay');
    await world.mocks.whenIdle();
    expect(world.mocks.bank.ledger.all().map((entry) => entry.status)).toEqual(['FAILED', 'SUCCEEDED']);
  });

  it('waits for the callback before answering when asked to (waitForCallback=1)', async () => {
    const world = aMockWorld();
    await world.submit(world.bankUrl('pay_01'), 'pay', { waitForCallback: '1' });
    expect(world.calls).toHaveLength(1);
  });

  it('refuses an unknown action', async () => {
    const world = aMockWorld();
    const parsed = new URL(world.bankUrl('pay_01'));
    parsed.searchParams.set('action', 'steal');
    const response = await world.post(parsed.pathname, parsed.searchParams.toString());
    expect(response.status).toBe(400);
  });
});

describe('mock-bank callback retries', () => {
  it('retries 5xx with doubling waits, signing each attempt afresh, until the service takes it', async () => {
    const world = aMockWorld({
      answer: (_call, index) => (index < 2 ? { status: 503, body: 'busy' } : { status: 200, body: '{"received":true}' }),
    });
    await world.submit(world.bankUrl('pay_01'), 'pay');
    await world.mocks.whenIdle();
    expect(world.calls).toHaveLength(3);
    expect(world.sleeps).toEqual([1000, 2000]);
    expect(new Set(world.calls.map((call) => call.body)).size).toBe(1);
    expect(world.mocks.bank.deliveries().map((attempt) => attempt.verdict)).toEqual(['RETRY', 'RETRY', 'DELIVERED']);
  });

  it('gives up after the bounded number of attempts', async () => {
    const world = aMockWorld({ answer: () => ({ status: 500, body: 'down' }) });
    await world.submit(world.bankUrl('pay_01'), 'pay');
    await world.mocks.whenIdle();
    expect(world.calls).toHaveLength(5);
    expect(world.mocks.bank.deliveries().at(-1)!.verdict).toBe('GIVE_UP');
  });

  it('does not retry a 4xx such as 401 INVALID_SIGNATURE', async () => {
    const world = aMockWorld({ answer: () => ({ status: 401, body: '{"error":{"code":"INVALID_SIGNATURE"}}' }) });
    await world.submit(world.bankUrl('pay_01'), 'pay');
    await world.mocks.whenIdle();
    expect(world.calls).toHaveLength(1);
  });

  it('retries when the service cannot be reached', async () => {
    let failures = 2;
    const world = aMockWorld({ mocks: { fetch: (async () => {
      if (failures-- > 0) throw new TypeError('fetch failed');
      return new Response('{}', { status: 200 });
    }) as typeof fetch } });
    await world.submit(world.bankUrl('pay_01'), 'pay');
    await world.mocks.whenIdle();
    expect(world.mocks.bank.deliveries().map((attempt) => attempt.verdict)).toEqual(['RETRY', 'RETRY', 'DELIVERED']);
  });

  it('stops waiting when closed', async () => {
    let waiting: () => void = () => undefined;
    const firstWait = new Promise<void>((resolve) => (waiting = resolve));
    const sleepUntilAborted = (_ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        waiting();
        signal.addEventListener('abort', () => resolve());
      });
    const world = aMockWorld({ answer: () => ({ status: 500, body: '' }), mocks: { sleep: sleepUntilAborted } });
    await world.submit(world.bankUrl('pay_01'), 'pay');
    await firstWait;
    world.mocks.close();
    await world.mocks.whenIdle();
    expect(world.calls).toHaveLength(1);
    expect(world.mocks.bank.deliveries().at(-1)!.verdict).toBe('ABORTED');
  });
});

describe('mock-bank status query', () => {
  it('answers a signed query with a signed status the domain parser reads', async () => {
    const world = aMockWorld();
    await world.submit(world.bankUrl('pay_01'), 'pay');
    await world.mocks.whenIdle();
    const response = await world.get('/mock-bank/payments/pay_01', { 'x-mockbank-signature': signMockBankStatusQuery('pay_01', BANK_SECRET, world.now()) });
    expect(response.status).toBe(200);
    const verified = verifyMockBankSignature({ header: response.headers['X-MockBank-Signature'], rawBody: bodyText(response), secrets: BANK_SECRET, now: world.now() });
    expect(verified.valid).toBe(true);
    const [entry] = world.mocks.bank.ledger.all();
    expect(parseMockBankStatusResponse(bodyText(response))).toEqual({
      ok: true,
      found: true,
      providerStatus: 'SUCCEEDED',
      report: { provider: 'mock-bank', eventId: entry!.eventId, providerTxnId: entry!.providerTxnId, paymentId: 'pay_01', amount: 52000, status: 'SUCCEEDED', occurredAt: entry!.occurredAt },
    });
  });

  it('answers 404 found:false for a payment it never saw, and 401 to an unsigned query', async () => {
    const world = aMockWorld();
    const unknown = await world.get('/mock-bank/payments/pay_09', { 'X-MockBank-Signature': signMockBankStatusQuery('pay_09', BANK_SECRET, world.now()) });
    expect(unknown.status).toBe(404);
    expect(parseMockBankStatusResponse(bodyText(unknown))).toEqual({ ok: true, found: false, paymentId: 'pay_09' });
    expect((await world.get('/mock-bank/payments/pay_09')).status).toBe(401);
    const forOther = signMockBankStatusQuery('pay_01', BANK_SECRET, world.now());
    expect((await world.get('/mock-bank/payments/pay_09', { 'X-MockBank-Signature': forOther })).status).toBe(401);
  });
});

describe('mock routing', () => {
  it('leaves paths that are not the mocks to the dev server', async () => {
    const world = aMockWorld();
    const req = { method: 'GET', path: '/v1/payments', query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0) };
    expect(await world.mocks.handle(req)).toBeUndefined();
    expect(await world.mocks.handle({ ...req, path: '/mock-bankrupt' })).toBeUndefined();
    expect((await world.get('/mock-bank/nowhere')).status).toBe(404);
    expect((await world.get('/mock-bank')).status).toBe(200);
    expect((await world.post('/mock-bank/ledger', '')).status).toBe(405);
  });
});
