import { toVietnamIso } from '../shared/business-date';
import type { AmountVnd } from '../shared/money';
import { decodeHexDigest, digestsEqual, hmacDigest, secretList } from './hmac';
import {
  assertPaymentPageInput,
  isReturnUrl,
  type PaymentPageVerification,
  singleParam,
  trimTrailingSlash,
} from './payment-page-request';
import { PROVIDER_REFERENCE_PATTERN } from './provider-payment-report';
import { SIGNATURE_TOLERANCE_SECONDS } from './timestamped-signature';

/**
 * The URL the service sends a citizen to for paying at mock-bank:
 * `${baseUrl}/mock-bank/pay/${paymentId}?amount=…&returnUrl=…&expiresAt=…&t=…&sig=…`
 * where sig = hex HMAC-SHA256(secret, JSON of [purpose, paymentId, amount, returnUrl, expiresAt, t]).
 * A JSON array is the signed text because it cannot be ambiguous, whatever the return URL contains.
 */
export const MOCK_BANK_PAY_PATH = '/mock-bank/pay/';
const SIGNED_PURPOSE = 'mock-bank/pay';
const POSITIVE_INTEGER = /^[1-9]\d{0,15}$/;
const UNIX_SECONDS = /^\d{1,12}$/;

function signedText(paymentId: string, amount: string, returnUrl: string, expiresAt: string, t: string): string {
  return JSON.stringify([SIGNED_PURPOSE, paymentId, amount, returnUrl, expiresAt, t]);
}

export function buildMockBankPaymentUrl(input: {
  baseUrl: string;
  paymentId: string;
  amount: AmountVnd;
  returnUrl: string;
  expiresAt: Date | string;
  secret: string;
  /** When the link is made; defaults to now. */
  issuedAt?: Date;
}): string {
  const expiresAtDate = new Date(input.expiresAt);
  assertPaymentPageInput({ ...input, expiresAt: expiresAtDate });
  const expiresAt = toVietnamIso(expiresAtDate);
  const t = String(Math.floor((input.issuedAt ?? new Date()).getTime() / 1000));
  const amount = String(input.amount);
  const sig = hmacDigest('sha256', input.secret, signedText(input.paymentId, amount, input.returnUrl, expiresAt, t)).toString('hex');
  const query = new URLSearchParams({ amount, returnUrl: input.returnUrl, expiresAt, t, sig });
  return `${trimTrailingSlash(input.baseUrl)}${MOCK_BANK_PAY_PATH}${encodeURIComponent(input.paymentId)}?${query.toString()}`;
}

/** Checks a payment page's parameters (query string of the GET, or the form fields of the POST). */
export function verifyMockBankPaymentRequest(input: {
  paymentId: string;
  params: URLSearchParams;
  secrets: string | readonly string[];
  now: Date;
}): PaymentPageVerification {
  const secrets = secretList(input.secrets);
  const [amount, returnUrl, expiresAt, t, sig] = ['amount', 'returnUrl', 'expiresAt', 't', 'sig'].map((name) =>
    singleParam(input.params, name),
  );
  if (!PROVIDER_REFERENCE_PATTERN.test(input.paymentId)) return malformed('paymentId');
  if (amount === undefined || !POSITIVE_INTEGER.test(amount)) return malformed('amount');
  if (returnUrl === undefined || !isReturnUrl(returnUrl)) return malformed('returnUrl');
  if (expiresAt === undefined || Number.isNaN(Date.parse(expiresAt))) return malformed('expiresAt');
  if (t === undefined || !UNIX_SECONDS.test(t)) return malformed('t');
  const provided = sig === undefined ? undefined : decodeHexDigest('sha256', sig);
  if (provided === undefined) return malformed('sig');

  const text = signedText(input.paymentId, amount, returnUrl, expiresAt, t);
  if (!secrets.some((secret) => digestsEqual(hmacDigest('sha256', secret, text), provided))) {
    return { ok: false, reason: 'SIGNATURE_MISMATCH', detail: 'the link was not signed by the service' };
  }
  const nowMs = input.now.getTime();
  if (Number(t) - SIGNATURE_TOLERANCE_SECONDS > nowMs / 1000) {
    return { ok: false, reason: 'NOT_YET_VALID', detail: 'the link was issued in the future' };
  }
  if (Date.parse(expiresAt) <= nowMs) return { ok: false, reason: 'EXPIRED', detail: `the link expired at ${expiresAt}` };
  return { ok: true, request: { paymentId: input.paymentId, amount: Number(amount), returnUrl, expiresAt } };
}

function malformed(field: string): PaymentPageVerification {
  return { ok: false, reason: 'MALFORMED', detail: `missing or invalid ${field}` };
}
