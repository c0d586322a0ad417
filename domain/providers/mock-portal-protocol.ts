import { type AmountVnd, isAmountVnd } from '../shared/money';
import { parseUtf8Form } from '../shared/utf8';
import { decodeHexDigest, digestsEqual, hmacDigest, secretList } from './hmac';

/**
 * mock-portal's protocol (CONTRACT.md, "Provider callbacks"): form fields named `pg_*`, signed the way
 * VNPAY signs `vnp_*` fields. The hash covers a canonical query string rebuilt from the decoded
 * fields, not the bytes received, so `+` and `%20` for a space, or a different field order, sign the same.
 * The IPN's own fields are read by mock-portal-ipn.ts.
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
  | { ok: false; reason: 'BODY_TOO_LARGE' | 'TOO_MANY_FIELDS' | 'DUPLICATE_FIELD' | 'VALUE_TOO_LONG' | 'INVALID_ENCODING'; field?: string };

/**
 * The pg_* fields of a query string or form body. A field sent twice is refused: which copy was
 * signed and which one would be used could differ. Other fields are dropped, as they are not signed.
 */
export function portalFieldsFrom(params: Iterable<readonly [string, string]>): PortalFieldsResult {
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

/**
 * A form-encoded body (application/x-www-form-urlencoded) as pg_* fields. Bytes that are not UTF-8,
 * raw or percent-encoded, are INVALID_ENCODING naming the field, rather than read as U+FFFD.
 */
export function portalFieldsFromForm(body: string | Uint8Array): PortalFieldsResult {
  const size = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength;
  if (size > MOCK_PORTAL_MAX_BODY_BYTES) return { ok: false, reason: 'BODY_TOO_LARGE' };
  const form = parseUtf8Form(body);
  if (!form.ok) return { ok: false, reason: 'INVALID_ENCODING', field: form.field };
  return portalFieldsFrom(form.entries);
}

/** The pg_* fields of a GET IPN's raw query string, read like a form body. */
export function portalFieldsFromQuery(rawQueryString: string): PortalFieldsResult {
  return portalFieldsFromForm(rawQueryString);
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
