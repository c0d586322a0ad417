import { toVietnamIso } from '../shared/business-date';
import type { AmountVnd } from '../shared/money';
import {
  formatPortalDate,
  parsePortalDate,
  portalAmountToVnd,
  portalFieldsFrom,
  encodePortalFields,
  verifyPortalFields,
  vndToPortalAmount,
  withPortalSecureHash,
} from './mock-portal-protocol';
import { assertPaymentPageInput, isReturnUrl, type PaymentPageVerification, trimTrailingSlash } from './payment-page-request';
import { PROVIDER_REFERENCE_PATTERN } from './provider-payment-report';

/**
 * The URL the service sends a citizen to for paying through mock-portal, VNPAY style:
 * `${baseUrl}/mock-portal/pay/${paymentId}?pg_Amount=…&pg_TxnRef=…&pg_ReturnUrl=…&pg_ExpireDate=…&pg_TmnCode=…&pg_SecureHash=…`
 * signed like every portal message (sorted pg_* fields, HMAC-SHA512).
 */
export const MOCK_PORTAL_PAY_PATH = '/mock-portal/pay/';

export function buildMockPortalPaymentUrl(input: {
  baseUrl: string;
  paymentId: string;
  amount: AmountVnd;
  returnUrl: string;
  expiresAt: Date | string;
  tmnCode: string;
  secret: string;
}): string {
  const expiresAt = new Date(input.expiresAt);
  assertPaymentPageInput({ ...input, expiresAt });
  if (!/^[A-Za-z0-9]{1,32}$/.test(input.tmnCode)) throw new RangeError(`not a terminal code: ${input.tmnCode}`);
  const fields = withPortalSecureHash(
    {
      pg_Amount: vndToPortalAmount(input.amount),
      pg_TxnRef: input.paymentId,
      pg_ReturnUrl: input.returnUrl,
      pg_ExpireDate: formatPortalDate(expiresAt),
      pg_TmnCode: input.tmnCode,
    },
    input.secret,
  );
  return `${trimTrailingSlash(input.baseUrl)}${MOCK_PORTAL_PAY_PATH}${encodeURIComponent(input.paymentId)}?${encodePortalFields(fields)}`;
}

/** Checks a payment page's pg_* parameters (query string of the GET, or the form fields of the POST). */
export function verifyMockPortalPaymentRequest(input: {
  paymentId: string;
  params: URLSearchParams;
  secrets: string | readonly string[];
  now: Date;
}): PaymentPageVerification {
  const read = portalFieldsFrom(input.params);
  if (!read.ok) return { ok: false, reason: 'MALFORMED', detail: `fields: ${read.reason}` };
  const fields = read.fields;
  const signature = verifyPortalFields(fields, input.secrets);
  if (!signature.valid) {
    const reason = signature.reason === 'SIGNATURE_MISMATCH' ? 'SIGNATURE_MISMATCH' : 'MALFORMED';
    return { ok: false, reason, detail: `pg_SecureHash: ${signature.reason}` };
  }
  // Authentic, but still checked: the service could have signed something this page cannot show.
  const amount = fields.pg_Amount === undefined ? undefined : portalAmountToVnd(fields.pg_Amount);
  const expiresAt = fields.pg_ExpireDate === undefined ? undefined : parsePortalDate(fields.pg_ExpireDate);
  const returnUrl = fields.pg_ReturnUrl;
  if (!PROVIDER_REFERENCE_PATTERN.test(input.paymentId) || fields.pg_TxnRef !== input.paymentId) {
    return { ok: false, reason: 'MALFORMED', detail: 'pg_TxnRef does not name this payment' };
  }
  if (amount === undefined || amount === 0) return { ok: false, reason: 'MALFORMED', detail: 'invalid pg_Amount' };
  if (returnUrl === undefined || !isReturnUrl(returnUrl)) {
    return { ok: false, reason: 'MALFORMED', detail: 'invalid pg_ReturnUrl' };
  }
  if (expiresAt === undefined) return { ok: false, reason: 'MALFORMED', detail: 'invalid pg_ExpireDate' };
  if (fields.pg_TmnCode === undefined) return { ok: false, reason: 'MALFORMED', detail: 'missing pg_TmnCode' };
  if (expiresAt.getTime() <= input.now.getTime()) {
    return { ok: false, reason: 'EXPIRED', detail: `the link expired at ${toVietnamIso(expiresAt)}` };
  }
  const request = { paymentId: input.paymentId, amount, returnUrl, expiresAt: toVietnamIso(expiresAt), tmnCode: fields.pg_TmnCode };
  return { ok: true, request };
}
