import * as z from 'zod/mini';
import { validateInput } from '../shared/validation';
import { mockBankCallbackSchema, mockBankReportOf, readMockBankJson, zodIssues } from './mock-bank-protocol';
import { type FieldIssue, PROVIDER_REFERENCE_PATTERN, type ProviderPaymentReport } from './provider-payment-report';
import { signTimestamped } from './timestamped-signature';

/**
 * mock-bank's status query, what the service's mop-up job asks when a callback is late:
 * `GET /mock-bank/payments/{paymentId}` with `X-MockBank-Signature` signed over
 * `GET /mock-bank/payments/{paymentId}`; the answer's raw body is signed the same way as a callback
 * (verify it with verifyMockBankSignature), so a forged answer cannot mark a payment paid.
 */
export const MOCK_BANK_STATUS_PATH = '/mock-bank/payments/';

export function mockBankStatusQueryText(paymentId: string): string {
  return `GET ${MOCK_BANK_STATUS_PATH}${paymentId}`;
}

/** The X-MockBank-Signature header value for a status query. */
export function signMockBankStatusQuery(paymentId: string, secrets: string | readonly string[], at: Date): string {
  return signTimestamped({ rawBody: mockBankStatusQueryText(paymentId), secrets, at });
}

const foundSchema = z.extend(z.omit(mockBankCallbackSchema, { status: true }), {
  found: z.literal(true),
  /** CANCELLED: the payer left the bank's page; no callback is sent for it. */
  status: z.enum(['SUCCEEDED', 'FAILED', 'CANCELLED']),
});
const notFoundSchema = z.object({ found: z.literal(false), paymentId: z.string().check(z.regex(PROVIDER_REFERENCE_PATTERN)) });

export type MockBankStatusFound = z.infer<typeof foundSchema>;
export type MockBankStatusNotFound = z.infer<typeof notFoundSchema>;
export type MockBankStatusBody = MockBankStatusFound | MockBankStatusNotFound;

export type MockBankStatusResult =
  | { ok: true; found: false; paymentId: string }
  | { ok: true; found: true; providerStatus: MockBankStatusFound['status']; report: ProviderPaymentReport }
  | { ok: false; reason: 'BODY_TOO_LARGE' | 'INVALID_JSON' | 'INVALID_FIELDS'; issues: FieldIssue[] };

/**
 * Parses an answer whose signature has been verified. A cancelled attempt is reported as FAILED: the
 * bank will not take money for it any more.
 */
export function parseMockBankStatusResponse(rawBody: string | Buffer): MockBankStatusResult {
  const body = readMockBankJson(rawBody);
  if (!body.ok) return body;
  const json = body.value;
  const notFound = validateInput(notFoundSchema, json);
  if (notFound.success) return { ok: true, found: false, paymentId: notFound.data.paymentId };
  const found = validateInput(foundSchema, json);
  if (!found.success) return { ok: false, reason: 'INVALID_FIELDS', issues: zodIssues(found.error) };
  const { found: _found, status, ...callback } = found.data;
  const report = mockBankReportOf({ ...callback, status: status === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED' });
  return { ok: true, found: true, providerStatus: status, report };
}
