import * as z from 'zod/mini';
import { toVietnamIso } from '../shared/business-date';
import { isAmountVnd } from '../shared/money';
import { decodeUtf8, jsonPathOfInvalidUtf8 } from '../shared/utf8';
import { validateInput } from '../shared/validation';
import { type FieldIssue, PROVIDER_REFERENCE_PATTERN, type ProviderPaymentReport } from './provider-payment-report';
import { type SignatureVerification, signTimestamped, verifyTimestamped } from './timestamped-signature';

/**
 * mock-bank's callback protocol (CONTRACT.md, "Provider callbacks"): a JSON webhook like Stripe's or
 * GOV.UK Pay's, signed over the raw body. The service must verify the signature on the exact bytes it
 * received, before parsing, so a re-serialised body can never pass for the signed one.
 */
export const MOCK_BANK_PROVIDER = 'mock-bank' as const;
export const MOCK_BANK_SIGNATURE_HEADER = 'X-MockBank-Signature';
/** A callback is a few hundred bytes; anything near this is not one. */
export const MOCK_BANK_MAX_BODY_BYTES = 16 * 1024;

const reference = z.string().check(z.regex(PROVIDER_REFERENCE_PATTERN, 'expected 1–128 characters of [A-Za-z0-9_.:-]'));

export const mockBankCallbackSchema = z.object({
  eventId: reference,
  providerTxnId: reference,
  paymentId: reference,
  amount: z.number().check(z.refine((value) => isAmountVnd(value) && value > 0, 'expected a positive whole number of đồng')),
  currency: z.literal('VND'),
  status: z.enum(['SUCCEEDED', 'FAILED']),
  occurredAt: z.iso
    .datetime({ offset: true, error: 'expected an ISO 8601 time with an offset' })
    .check(z.refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO 8601 time with an offset')),
  bankCode: z.string().check(z.minLength(1), z.maxLength(20)),
});

export type MockBankCallback = z.infer<typeof mockBankCallbackSchema>;

export type MockBankParseResult =
  | { ok: true; callback: MockBankCallback; report: ProviderPaymentReport }
  | { ok: false; reason: 'BODY_TOO_LARGE' | 'INVALID_JSON' | 'INVALID_FIELDS'; issues: FieldIssue[] };

export function signMockBankBody(rawBody: string | Buffer, secrets: string | readonly string[], at: Date): string {
  return signTimestamped({ rawBody, secrets, at });
}

export function verifyMockBankSignature(input: {
  header: string | undefined;
  rawBody: string | Buffer;
  secrets: string | readonly string[];
  now: Date;
  toleranceSeconds?: number;
}): SignatureVerification {
  return verifyTimestamped(input);
}

/** Parses a callback body that has already passed verifyMockBankSignature. */
export function parseMockBankCallback(rawBody: string | Buffer): MockBankParseResult {
  const json = readMockBankJson(rawBody);
  if (!json.ok) return json;
  const parsed = validateInput(mockBankCallbackSchema, json.value);
  if (!parsed.success) return { ok: false, reason: 'INVALID_FIELDS', issues: zodIssues(parsed.error) };
  return { ok: true, callback: parsed.data, report: mockBankReportOf(parsed.data) };
}

/** A mock-bank body (callback or status answer) as JSON, refusing one over the size limit. */
export function readMockBankJson(
  rawBody: string | Buffer,
): { ok: true; value: unknown } | { ok: false; reason: 'BODY_TOO_LARGE' | 'INVALID_JSON'; issues: FieldIssue[] } {
  const size = typeof rawBody === 'string' ? Buffer.byteLength(rawBody, 'utf8') : rawBody.byteLength;
  if (size > MOCK_BANK_MAX_BODY_BYTES) {
    return { ok: false, reason: 'BODY_TOO_LARGE', issues: [{ path: '', message: `over ${MOCK_BANK_MAX_BODY_BYTES} bytes` }] };
  }
  let text: string | undefined;
  if (typeof rawBody === 'string') text = rawBody;
  else if ((text = decodeUtf8(rawBody)) === undefined) {
    return { ok: false, reason: 'INVALID_JSON', issues: [{ path: jsonPathOfInvalidUtf8(rawBody), message: 'is not valid UTF-8' }] };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, reason: 'INVALID_JSON', issues: [{ path: '', message: 'body is not JSON' }] };
  }
}

export function zodIssues(error: z.core.$ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

export function mockBankReportOf(callback: MockBankCallback): ProviderPaymentReport {
  return {
    provider: MOCK_BANK_PROVIDER,
    eventId: callback.eventId,
    providerTxnId: callback.providerTxnId,
    paymentId: callback.paymentId,
    amount: callback.amount,
    status: callback.status,
    occurredAt: toVietnamIso(new Date(Date.parse(callback.occurredAt))),
  };
}
