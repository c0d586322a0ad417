import { buildMockBankPaymentUrl } from '../../../domain/providers/mock-bank-payment-url';
import { buildMockPortalPaymentUrl } from '../../../domain/providers/mock-portal-payment-url';
import { createMockProviders, type MockProvidersOptions, type MockRequest, type MockResponse } from '../../../mocks';

/**
 * Test kit for the mocks: an in-process pair of mock providers whose clock, waits and outgoing HTTP
 * are fakes, so a test can script the service's answers and read every callback without a network.
 */
export const BANK_SECRET = 'bank-secret-for-tests';
export const PORTAL_SECRET = 'portal-secret-for-tests';
export const NOTIFY_SECRET = 'notify-secret-for-tests';
export const SERVICE = 'http://service.test';
export const RETURN_URL = 'https://portal.example.vn/ho-so/123/ket-qua?lang=vi';

export interface RecordedCallback {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export type ServiceAnswer = { status: number; body: string };

export function aMockWorld(options: { answer?: (call: RecordedCallback, index: number) => ServiceAnswer; mocks?: Partial<MockProvidersOptions> } = {}) {
  let now = new Date('2026-11-22T03:00:00Z');
  const calls: RecordedCallback[] = [];
  const sleeps: number[] = [];
  const lines: string[] = [];
  const answer = options.answer ?? ((call) => okAnswerFor(call));

  const fakeFetch = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>));
    const call: RecordedCallback = { url: String(input), headers, body: String(init?.body ?? '') };
    calls.push(call);
    const reply = answer(call, calls.length - 1);
    return new Response(reply.body, { status: reply.status });
  }) as typeof fetch;

  const mocks = createMockProviders({
    serviceBaseUrl: SERVICE,
    publicBaseUrl: 'http://127.0.0.1:3000',
    bankSecret: BANK_SECRET,
    portalSecret: PORTAL_SECRET,
    notificationSecret: NOTIFY_SECRET,
    now: () => now,
    fetch: fakeFetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    log: (line) => lines.push(line),
    ...options.mocks,
  });

  const world = {
    mocks,
    calls,
    sleeps,
    lines,
    now: () => now,
    setNow(instant: string | Date) {
      now = new Date(instant);
    },
    bankUrl(paymentId: string, amount = 52000, expiresInMs = 15 * 60_000): string {
      return buildMockBankPaymentUrl({
        baseUrl: 'http://127.0.0.1:3000',
        paymentId,
        amount,
        returnUrl: RETURN_URL,
        expiresAt: new Date(now.getTime() + expiresInMs),
        secret: BANK_SECRET,
        issuedAt: now,
      });
    },
    portalUrl(paymentId: string, amount = 52000, tmnCode = 'MOCKPORTAL'): string {
      return buildMockPortalPaymentUrl({
        baseUrl: 'http://127.0.0.1:3000',
        paymentId,
        amount,
        returnUrl: RETURN_URL,
        expiresAt: new Date(now.getTime() + 15 * 60_000),
        tmnCode,
        secret: PORTAL_SECRET,
      });
    },
    async send(req: MockRequest): Promise<MockResponse> {
      const response = await mocks.handle(req);
      if (response === undefined) throw new Error(`not a mock path: ${req.path}`);
      return response;
    },
    get(url: string, headers: Record<string, string> = {}): Promise<MockResponse> {
      const parsed = new URL(url, 'http://127.0.0.1:3000');
      return world.send({ method: 'GET', path: parsed.pathname, query: parsed.searchParams, headers, body: Buffer.alloc(0) });
    },
    post(path: string, body: string, headers: Record<string, string> = {}, method = 'POST'): Promise<MockResponse> {
      const parsed = new URL(path, 'http://127.0.0.1:3000');
      return world.send({ method, path: parsed.pathname, query: parsed.searchParams, headers, body: Buffer.from(body) });
    },
    /** Submits the payment page's form as a browser (or curl) would: the link's parameters plus the action. */
    async submit(payUrl: string, action: 'pay' | 'fail' | 'cancel', extra: Record<string, string> = {}): Promise<MockResponse> {
      const parsed = new URL(payUrl);
      const form = new URLSearchParams(parsed.searchParams);
      form.set('action', action);
      for (const [name, value] of Object.entries(extra)) form.set(name, value);
      return world.post(parsed.pathname, form.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
    },
    async setFaults(provider: 'mock-bank' | 'mock-portal', faults: Record<string, unknown>): Promise<MockResponse> {
      return world.post(`/${provider}/faults`, JSON.stringify(faults), { 'content-type': 'application/json' });
    },
  };
  return world;
}

/** What the real service answers when it has stored a callback. */
export function okAnswerFor(call: RecordedCallback): ServiceAnswer {
  return call.url.endsWith('/mock-portal')
    ? { status: 200, body: JSON.stringify({ RspCode: '00', Message: 'Confirm Success' }) }
    : { status: 200, body: JSON.stringify({ received: true, outcome: 'APPLIED' }) };
}

export function bodyText(response: MockResponse): string {
  return typeof response.body === 'string' ? response.body : response.body.toString('utf8');
}
