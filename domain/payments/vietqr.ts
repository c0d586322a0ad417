import { type AmountVnd, isAmountVnd } from '../shared/money';

/**
 * VietQR payloads: NAPAS's profile of the EMVCo merchant-presented QR code, which every Vietnamese
 * banking app scans to pre-fill a NAPAS 247 transfer (bank, account, amount, purpose).
 *
 * Written here rather than taken from npm: the whole format is a TLV writer, a TLV reader and a
 * CRC-16, and the service needs its own validation anyway (lengths, the purpose alphabet, a payment id
 * that must survive intact). The one maintained package for it (vietnam-qr-pay) is small and lightly
 * used; pulling it into money-handling code would add more risk than these lines do. The unit tests pin
 * the output to payloads published by others, so a mistake here cannot hide behind our own round trip.
 *
 * Layout produced (tags in this order):
 *   00 "01"                payload format indicator
 *   01 "12"                point of initiation: dynamic (one payment, one amount)
 *   38 ┬ 00 "A000000727"   NAPAS GUID
 *      ├ 01 ┬ 00 BIN       beneficiary organization: bank BIN (6 digits)
 *      │    └ 01 account   and account number
 *      └ 02 "QRIBFTTA"     service: transfer to an account
 *   53 "704"               currency VND
 *   54 amount              whole đồng
 *   58 "VN"                country
 *   62 └ 08 purpose        additional data: purpose of transaction, carrying the payment id
 *   63 CRC                 CRC-16/CCITT-FALSE over everything before it, "6304" included
 */
export const VIETQR_GUID = 'A000000727';
export const VIETQR_SERVICE_TO_ACCOUNT = 'QRIBFTTA';
export const VIETQR_SERVICE_TO_CARD = 'QRIBFTTC';
/** NAPAS limits the purpose (62/08) to 25 characters. */
export const VIETQR_MAX_PURPOSE_LENGTH = 25;
const MAX_TLV_VALUE_LENGTH = 99;
/** Purpose characters every bank app accepts; diacritics are stripped first, the rest dropped. */
const PURPOSE_ALLOWED = /[^A-Za-z0-9 ._-]/g;
const PAYMENT_ID_IN_PURPOSE = /^[A-Za-z0-9._-]+$/;

// ---------------------------------------------------------------------------------------------
// CRC and TLV

/** CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR; 4 uppercase hex. */
export function crc16CcittFalse(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit += 1) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

export interface TlvField {
  tag: string;
  value: string;
}

export function encodeTlv(tag: string, value: string): string {
  if (!/^\d{2}$/.test(tag)) throw new RangeError(`an EMVCo tag is two digits: ${tag}`);
  if (value.length === 0 || value.length > MAX_TLV_VALUE_LENGTH) {
    throw new RangeError(`tag ${tag}: a value is 1–${MAX_TLV_VALUE_LENGTH} characters, got ${value.length}`);
  }
  return `${tag}${String(value.length).padStart(2, '0')}${value}`;
}

/** Splits a TLV string; undefined when a length runs past the end or a tag/length is not digits. */
export function decodeTlv(text: string): TlvField[] | undefined {
  const fields: TlvField[] = [];
  let at = 0;
  while (at < text.length) {
    const tag = text.slice(at, at + 2);
    const length = text.slice(at + 2, at + 4);
    if (!/^\d{2}$/.test(tag) || !/^\d{2}$/.test(length)) return undefined;
    const end = at + 4 + Number(length);
    if (end > text.length) return undefined;
    fields.push({ tag, value: text.slice(at + 4, end) });
    at = end;
  }
  return fields;
}

// ---------------------------------------------------------------------------------------------
// Building

export interface VietQrInput {
  /** The beneficiary bank's 6-digit NAPAS BIN (e.g. 970436 Vietcombank). */
  bankBin: string;
  accountNumber: string;
  amount: AmountVnd;
  /** Put first in the purpose, whole, so a transfer can be matched to its payment. */
  paymentId: string;
  /** Optional words after the payment id (Vietnamese is fine: diacritics are stripped), cut to fit. */
  note?: string;
}

/** Strips Vietnamese diacritics (đ included), drops other characters, collapses spaces. */
export function sanitizeVietQrPurpose(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(PURPOSE_ALLOWED, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function buildVietQrPayload(input: VietQrInput): string {
  if (!/^\d{6}$/.test(input.bankBin)) throw new RangeError('bankBin is the 6-digit NAPAS BIN');
  if (!/^[A-Za-z0-9]{1,19}$/.test(input.accountNumber)) throw new RangeError('accountNumber is 1–19 letters or digits');
  if (!isAmountVnd(input.amount) || input.amount <= 0) throw new RangeError('amount is a positive whole number of đồng');
  if (String(input.amount).length > 13) throw new RangeError('amount has more than 13 digits');
  // The payment id is the reference a transfer is matched by, so it is never altered to fit.
  if (!PAYMENT_ID_IN_PURPOSE.test(input.paymentId) || input.paymentId.length > VIETQR_MAX_PURPOSE_LENGTH) {
    throw new RangeError(`paymentId must be 1–${VIETQR_MAX_PURPOSE_LENGTH} characters of [A-Za-z0-9._-] to fit a VietQR purpose`);
  }
  const note = input.note === undefined ? '' : sanitizeVietQrPurpose(input.note);
  const purpose = `${input.paymentId} ${note}`.slice(0, VIETQR_MAX_PURPOSE_LENGTH).trim();

  const beneficiary = encodeTlv('00', input.bankBin) + encodeTlv('01', input.accountNumber);
  const merchantAccount = encodeTlv('00', VIETQR_GUID) + encodeTlv('01', beneficiary) + encodeTlv('02', VIETQR_SERVICE_TO_ACCOUNT);
  const body =
    encodeTlv('00', '01') +
    encodeTlv('01', '12') +
    encodeTlv('38', merchantAccount) +
    encodeTlv('53', '704') +
    encodeTlv('54', String(input.amount)) +
    encodeTlv('58', 'VN') +
    encodeTlv('62', encodeTlv('08', purpose)) +
    '6304';
  return body + crc16CcittFalse(body);
}

// ---------------------------------------------------------------------------------------------
// Reading back (tests, and checking a payload handed in by someone else)

export interface VietQr {
  pointOfInitiation: 'STATIC' | 'DYNAMIC';
  bankBin: string;
  accountNumber: string;
  serviceCode: string;
  currency: string;
  amount?: AmountVnd;
  countryCode: string;
  purpose?: string;
  crc: string;
}

export type VietQrParseResult =
  | { ok: true; value: VietQr }
  | { ok: false; reason: 'MALFORMED_TLV' | 'CRC_MISMATCH' | 'NOT_VIETQR' | 'INVALID_AMOUNT' };

export function parseVietQr(payload: string): VietQrParseResult {
  const fields = decodeTlv(payload);
  if (fields === undefined) return { ok: false, reason: 'MALFORMED_TLV' };
  const last = fields[fields.length - 1];
  if (last === undefined || last.tag !== '63' || last.value.length !== 4 || !payload.endsWith(`6304${last.value}`)) {
    return { ok: false, reason: 'MALFORMED_TLV' };
  }
  if (crc16CcittFalse(payload.slice(0, -4)) !== last.value.toUpperCase()) return { ok: false, reason: 'CRC_MISMATCH' };

  const top = new Map(fields.map((field) => [field.tag, field.value]));
  const merchant = decodeTlv(top.get('38') ?? '');
  const merchantMap = new Map((merchant ?? []).map((field) => [field.tag, field.value]));
  const beneficiary = new Map((decodeTlv(merchantMap.get('01') ?? '') ?? []).map((field) => [field.tag, field.value]));
  const bankBin = beneficiary.get('00');
  const accountNumber = beneficiary.get('01');
  const serviceCode = merchantMap.get('02');
  if (top.get('00') !== '01' || merchantMap.get('00') !== VIETQR_GUID || !bankBin || !accountNumber || !serviceCode) {
    return { ok: false, reason: 'NOT_VIETQR' };
  }

  const amountText = top.get('54');
  let amount: AmountVnd | undefined;
  if (amountText !== undefined) {
    if (!/^\d{1,13}$/.test(amountText)) return { ok: false, reason: 'INVALID_AMOUNT' };
    amount = Number(amountText);
  }
  const additional = new Map((decodeTlv(top.get('62') ?? '') ?? []).map((field) => [field.tag, field.value]));
  const value: VietQr = {
    pointOfInitiation: top.get('01') === '12' ? 'DYNAMIC' : 'STATIC',
    bankBin,
    accountNumber,
    serviceCode,
    currency: top.get('53') ?? '',
    countryCode: top.get('58') ?? '',
    crc: last.value.toUpperCase(),
  };
  if (amount !== undefined) value.amount = amount;
  const purpose = additional.get('08');
  if (purpose !== undefined) value.purpose = purpose;
  return { ok: true, value };
}
