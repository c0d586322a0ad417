import { randomUUID } from 'node:crypto';
import { MOCK_BANK_SIGNATURE_HEADER, verifyMockBankSignature } from '../../domain/providers/mock-bank-protocol';
import { MOCK_BANK_STATUS_PATH, parseMockBankStatusResponse, signMockBankStatusQuery } from '../../domain/providers/mock-bank-status-query';
import { buildMockPortalQueryRequest, MOCK_PORTAL_QUERYDR_PATH, parseMockPortalQueryResponse } from '../../domain/providers/mock-portal-querydr';
import type { ProviderName, ProviderPaymentReport } from '../../domain/providers/provider-payment-report';
import type { Clock } from '../../domain/ports/clock';

/**
 * Asks a provider what became of a payment (the mop-up job's question when a callback is late).
 * Both answers are signed by the provider and verified here, so a forged answer cannot mark a
 * payment paid; an answer that cannot be trusted is an error, never "not found".
 */
export type StatusAnswer = { readonly found: false } | { readonly found: true; readonly report: ProviderPaymentReport };

export interface ProviderStatusClient {
  query(provider: ProviderName, paymentId: string): Promise<StatusAnswer>;
}

export interface ProviderStatusOptions {
  readonly baseUrl: string;
  readonly mockBankSecrets: readonly string[];
  readonly mockPortalSecrets: readonly string[];
  readonly mockPortalTmnCode: string;
  readonly clock: Clock;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

export class ProviderStatusError extends Error {
  constructor(provider: ProviderName, reason: string) {
    super(`${provider} status query failed: ${reason}`);
    this.name = 'ProviderStatusError';
  }
}

export function providerStatusClient(options: ProviderStatusOptions): ProviderStatusClient {
  const send = options.fetch ?? globalThis.fetch;
  const timeout = () => AbortSignal.timeout(options.timeoutMs ?? 5_000);

  async function mockBank(paymentId: string): Promise<StatusAnswer> {
    const now = options.clock.now();
    const response = await send(`${options.baseUrl}${MOCK_BANK_STATUS_PATH}${encodeURIComponent(paymentId)}`, {
      headers: { [MOCK_BANK_SIGNATURE_HEADER]: signMockBankStatusQuery(paymentId, options.mockBankSecrets[0]!, now) },
      signal: timeout(),
    });
    const body = await response.text();
    if (response.status !== 200 && response.status !== 404) throw new ProviderStatusError('mock-bank', `HTTP ${response.status}`);
    const signature = verifyMockBankSignature({ header: response.headers.get(MOCK_BANK_SIGNATURE_HEADER) ?? undefined, rawBody: body, secrets: options.mockBankSecrets, now });
    if (!signature.valid) throw new ProviderStatusError('mock-bank', `answer signature ${signature.reason}`);
    const parsed = parseMockBankStatusResponse(body);
    if (!parsed.ok) throw new ProviderStatusError('mock-bank', `answer ${parsed.reason}`);
    return parsed.found ? { found: true, report: { ...parsed.report, eventId: `status:${parsed.report.eventId}` } } : { found: false };
  }

  async function mockPortal(paymentId: string): Promise<StatusAnswer> {
    const response = await send(`${options.baseUrl}${MOCK_PORTAL_QUERYDR_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: buildMockPortalQueryRequest({
        paymentId,
        tmnCode: options.mockPortalTmnCode,
        requestId: randomUUID().replaceAll('-', ''),
        at: options.clock.now(),
        secret: options.mockPortalSecrets[0]!,
      }),
      signal: timeout(),
    });
    if (!response.ok) throw new ProviderStatusError('mock-portal', `HTTP ${response.status}`);
    const parsed = parseMockPortalQueryResponse(await response.json(), options.mockPortalSecrets);
    if (!parsed.ok) throw new ProviderStatusError('mock-portal', `${parsed.reason} ${parsed.issues.map((issue) => issue.message).join('; ')}`);
    // The answer describes the same transaction an IPN would, so its event id dedupes against the IPN's.
    return parsed.found ? { found: true, report: parsed.report } : { found: false };
  }

  return {
    query: (provider, paymentId) => (provider === 'mock-bank' ? mockBank(paymentId) : mockPortal(paymentId)),
  };
}
