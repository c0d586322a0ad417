import * as z from 'zod/mini';
import { toVietnamIso } from '../shared/business-date';
import { type AmountVnd, isAmountVnd } from '../shared/money';
import { validateInput } from '../shared/validation';
import { decodeHexDigest, digestsEqual, hmacDigest, secretList } from './hmac';
import { type FieldIssue, PROVIDER_REFERENCE_PATTERN, type ProviderPaymentReport } from './provider-payment-report';

/**
 * mock-portal's protocol (CONTRACT.md, "Provider callbacks"): form fields named `pg_*`, signed the way
 * VNPAY signs `vnp_*` fields. The hash covers a canonical query string rebuilt from the decoded
 * fields, not the bytes received, so `+` and `%20` for a space, or a different field order, sign the same.
 */
export const MOCK_PORTAL_PROVIDER = 'mock-portal' as const;
export const PORTAL_SECURE_HASH_FIELD = 'pg_SecureHash';
export const MOCK_PORTAL_MAX_BODY_BYTES = 16 * 1024;
const MAX_FIELDS = 40;
const MAX_VALUE_LENGTH = 2048;
const FIELD_NAME = /^pg_[A-Za-z0-9_]{1,60}$/;

export type PortalFields = Record<string, string>;

/** The platform's answers to an IPN (VNPAY's RspCode values and messages). */
export const PORTAL_RSP = {
  CONFIRMED: { RspCode: '00', Message: 'Confirm Success' },
  ORDER_NOT_FOUND: { RspCode: '01', Message: 'Order not found' },
  ALREADY_CONFIRMED: { RspCode: '02', Message: 'Order already confirmed' },
  INVALID_AMOUNT: { RspCode: '04', Message: 'Invalid amount' },
  INVALID_SIGNATURE: { RspCode: '97', Message: 'Invalid signature' },
  UNKNOWN_ERROR: { RspCode: '99', Message: 'Unknown error' },
} as const;

export type PortalRsp = (typeof PORTAL_RSP)[keyof typeof PORTAL_RSP];

/** The platform stops retrying an IPN only on these answers. */
export function isPortalRspFinal(rspCode: string): boolean {
  return rspCode === PORTAL_RSP.CONFIRMED.RspCode || rspCode === PORTAL_RSP.ALREADY_CONFIRMED.RspCode;
}

/** pg_ResponseCode values the mock emits; success is 00, the others are VNPAY's meanings. */
export const PORTAL_RESPONSE_CODE = { SUCCESS: '00', CANCELLED_BY_PAYER: '24', INSUFFICIENT_FUNDS: '51' } as const;
/** pg_TransactionStatus values: 00 success, 02 the transaction ended in error. */
export const PORTAL_TRANSACTION_STATUS = { SUCCESS: '00', FAILED: '02' } as const;

// ---------------------------------------------------------------------------------------------
// Canonical string and hash

/** encodeURIComponent, then spaces as `+`, the form-encoding VNPAY hashes. */
export function portalUrlEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

/** Every pg_* field except pg_SecureHash, sorted by name, `name=urlencoded(value)` joined by `&`. */
export function canonicalPortalQuery(fields: PortalFields): string {
  return Object.keys(fields)
    .filter((name) => name.startsWith('pg_') && name !== PORTAL_SECURE_HASH_FIELD)
    .sort()
    .map((name) => {
      if (!FIELD_NAME.test(name)) throw new RangeError(`not a portal field name: ${name}`);
      return `${name}=${portalUrlEncode(fields[name]!)}`;
    })
    .join('&');
}

export function signPortalFields(fields: PortalFields, secret: string): string {
  return hmacDigest('sha512', secret, canonicalPortalQuery(fields)).toString('hex');
}

/** The fields plus their pg_SecureHash, ready to send. */
export function withPortalSecureHash(fields: PortalFields, secret: string): PortalFields {
  const unsigned = { ...fields };
  delete unsigned[PORTAL_SECURE_HASH_FIELD];
  return { ...unsigned, [PORTAL_SECURE_HASH_FIELD]: signPortalFields(unsigned, secret) };
}

export type PortalSignatureVerification =
  | { valid: true; secretIndex: number }
  | { valid: false; reason: 'MISSING_HASH' | 'MALFORMED_HASH' | 'MALFORMED_FIELDS' | 'SIGNATURE_MISMATCH' };

export function verifyPortalFields(fields: PortalFields, secrets: string | readonly string[]): PortalSignatureVerification {
  const list = secretList(secrets);
  const hash = fields[PORTAL_SECURE_HASH_FIELD];
  if (hash === undefined || hash === '') return { valid: false, reason: 'MISSING_HASH' };
  const provided = decodeHexDigest('sha512', hash);
  if (provided === undefined) return { valid: false, reason: 'MALFORMED_HASH' };

  let canonical: string;
  try {
    canonical = canonicalPortalQuery(fields);
  } catch {
    // A field name outside pg_[A-Za-z0-9_] or a value encodeURIComponent refuses (a lone surrogate).
    return { valid: false, reason: 'MALFORMED_FIELDS' };
  }
  for (let i = 0; i < list.length; i += 1) {
    if (digestsEqual(hmacDigest('sha512', list[i]!, canonical), provided)) return { valid: true, secretIndex: i };
  }
  return { valid: false, reason: 'SIGNATURE_MISMATCH' };
}

// ---------------------------------------------------------------------------------------------
// Reading fields off the wire

export type PortalFieldsResult =
  | { ok: true; fields: PortalFields }
  | { ok: false; reason: 'BODY_TOO_LARGE' | 'TOO_MANY_FIELDS' | 'DUPLICATE_FIELD' | 'VALUE_TOO_LONG'; field?: string };

/**
 * The pg_* fields of a query string or form body. A field sent twice is refused: which copy was
 * signed and which one would be used could differ. Other fields are dropped, as they are not signed.
 */
export function portalFieldsFrom(params: URLSearchParams): PortalFieldsResult {
  const fields: PortalFields = {};
  let count = 0;
  for (const [name, value] of params) {
    count += 1;
    if (count > MAX_FIELDS) return { ok: false, reason: 'TOO_MANY_FIELDS' };
    if (!name.startsWith('pg_')) continue;
    if (Object.prototype.hasOwnProperty.call(fields, name)) return { ok: false, reason: 'DUPLICATE_FIELD', field: name };
    if (value.length > MAX_VALUE_LENGTH) return { ok: false, reason: 'VALUE_TOO_LONG', field: name };
    fields[name] = value;
  }
  return { ok: true, fields };
}

/** A form-encoded body (application/x-www-form-urlencoded) as pg_* fields. */
export function portalFieldsFromForm(body: string | Buffer): PortalFieldsResult {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (Buffer.byteLength(text, 'utf8') > MOCK_PORTAL_MAX_BODY_BYTES) return { ok: false, reason: 'BODY_TOO_LARGE' };
  return portalFieldsFrom(new URLSearchParams(text));
}

/** The fields as a form body or query string, encoded the same way the hash is computed. */
export function encodePortalFields(fields: PortalFields): string {
  return Object.entries(fields)
    .map(([name, value]) => `${name}=${portalUrlEncode(value)}`)
    .join('&');
}

// ---------------------------------------------------------------------------------------------
// Units: amounts × 100 and yyyyMMddHHmmss in UTC+7

const OFFSET_MS = 7 * 60 * 60 * 1000;
const PORTAL_DATE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;
const PORTAL_AMOUNT = /^(0|[1-9]\d{0,16})$/;

/** pg_Amount is VND × 100 (VNPAY's convention, kept though VND has no minor unit). */
export function vndToPortalAmount(amount: AmountVnd): string {
  if (!isAmountVnd(amount)) throw new RangeError(`not an amount in VND: ${amount}`);
  return (BigInt(amount) * 100n).toString();
}

/** Exact integer conversion; undefined unless the text is a multiple of 100 within the amount range. */
export function portalAmountToVnd(text: string): AmountVnd | undefined {
  if (!PORTAL_AMOUNT.test(text)) return undefined;
  const hundredths = BigInt(text);
  if (hundredths % 100n !== 0n) return undefined;
  const amount = Number(hundredths / 100n);
  return isAmountVnd(amount) ? amount : undefined;
}

export function formatPortalDate(instant: Date): string {
  const shifted = new Date(Math.floor(instant.getTime() / 1000) * 1000 + OFFSET_MS).toISOString();
  return shifted.slice(0, 19).replace(/[-T:]/g, '');
}

/** The instant a yyyyMMddHHmmss time in UTC+7 names; undefined for text that is not a real time. */
export function parsePortalDate(text: string): Date | undefined {
  const m = PORTAL_DATE.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const instant = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - OFFSET_MS);
  // Date.UTC rolls 31 February over into March; a round trip catches that and 24:00:00.
  return formatPortalDate(instant) === text ? instant : undefined;
}

// ---------------------------------------------------------------------------------------------
// The IPN

const reference = z.string().check(z.regex(PROVIDER_REFERENCE_PATTERN, 'expected 1–128 characters of [A-Za-z0-9_.:-]'));
const twoDigits = z.string().check(z.regex(/^\d{2}$/, 'expected two digits'));

const ipnSchema = z.object({
  pg_TmnCode: z.string().check(z.regex(/^[A-Za-z0-9]{1,32}$/, 'expected 1–32 letters or digits')),
  pg_Amount: z.string(),
  pg_TxnRef: reference,
  pg_TransactionNo: reference,
  pg_ResponseCode: twoDigits,
  pg_TransactionStatus: twoDigits,
  pg_PayDate: z.string(),
  pg_BankCode: z.string().check(z.minLength(1), z.maxLength(20)),
});

export interface MockPortalIpn {
  tmnCode: string;
  amount: AmountVnd;
  /** pg_TxnRef: the service's payment id. */
  paymentId: string;
  transactionNo: string;
  responseCode: string;
  transactionStatus: string;
  /** pg_PayDate as an instant written with +07:00. */
  paidAt: string;
  bankCode: string;
  succeeded: boolean;
}

export type MockPortalParseResult =
  | { ok: true; ipn: MockPortalIpn; report: ProviderPaymentReport }
  | { ok: false; reason: 'INVALID_AMOUNT' | 'INVALID_FIELDS'; rsp: PortalRsp; issues: FieldIssue[] };

/** The dedupe key of an IPN: one transaction reported SUCCEEDED and later FAILED are two events. */
export function mockPortalEventId(transactionNo: string, status: 'SUCCEEDED' | 'FAILED'): string {
  return `${transactionNo}:${status}`;
}

/** Parses IPN fields that have already passed verifyPortalFields. */
export function parseMockPortalIpn(fields: PortalFields): MockPortalParseResult {
  const issues: FieldIssue[] = [];
  const parsed = validateInput(ipnSchema, fields);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) issues.push({ path: issue.path.join('.'), message: issue.message });
  }
  const amount = fields.pg_Amount === undefined ? undefined : portalAmountToVnd(fields.pg_Amount);
  const amountInvalid = fields.pg_Amount !== undefined && (amount === undefined || amount === 0);
  if (amountInvalid) issues.push({ path: 'pg_Amount', message: 'expected a positive multiple of 100 (VND × 100)' });
  const paidAt = fields.pg_PayDate === undefined ? undefined : parsePortalDate(fields.pg_PayDate);
  if (fields.pg_PayDate !== undefined && paidAt === undefined) {
    issues.push({ path: 'pg_PayDate', message: 'expected yyyyMMddHHmmss, a real time in UTC+7' });
  }

  if (!parsed.success || amount === undefined || amountInvalid || paidAt === undefined) {
    // 04 only when the amount is there and is the one thing wrong; anything else is VNPAY's 99.
    const onlyAmount = amountInvalid && issues.every((issue) => issue.path === 'pg_Amount');
    return onlyAmount
      ? { ok: false, reason: 'INVALID_AMOUNT', rsp: PORTAL_RSP.INVALID_AMOUNT, issues }
      : { ok: false, reason: 'INVALID_FIELDS', rsp: PORTAL_RSP.UNKNOWN_ERROR, issues };
  }

  const data = parsed.data;
  const succeeded =
    data.pg_ResponseCode === PORTAL_RESPONSE_CODE.SUCCESS && data.pg_TransactionStatus === PORTAL_TRANSACTION_STATUS.SUCCESS;
  const ipn: MockPortalIpn = {
    tmnCode: data.pg_TmnCode,
    amount,
    paymentId: data.pg_TxnRef,
    transactionNo: data.pg_TransactionNo,
    responseCode: data.pg_ResponseCode,
    transactionStatus: data.pg_TransactionStatus,
    paidAt: toVietnamIso(paidAt),
    bankCode: data.pg_BankCode,
    succeeded,
  };
  const status = succeeded ? 'SUCCEEDED' : 'FAILED';
  return {
    ok: true,
    ipn,
    report: {
      provider: MOCK_PORTAL_PROVIDER,
      eventId: mockPortalEventId(ipn.transactionNo, status),
      providerTxnId: ipn.transactionNo,
      paymentId: ipn.paymentId,
      amount: ipn.amount,
      status,
      occurredAt: ipn.paidAt,
    },
  };
}
