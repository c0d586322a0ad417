import { randomBytes } from 'node:crypto';

/**
 * Payment ids are opaque to callers but travel as provider references: VNPAY-style TxnRef (at most
 * 34 of [A-Za-z0-9_]), URL paths, CSV cells and the 25-character purpose of a VietQR transfer. So:
 * `pay_` + 10 characters of time + 11 random characters, Crockford base32 (no I, L, O, U), 25 in all.
 * The time prefix keeps ids roughly in creation order, which helps whoever reads logs; 55 random
 * bits per millisecond make a collision negligible, and the write that stores a payment refuses one.
 */
export const PAYMENT_ID_PATTERN = /^pay_[0-9A-HJKMNP-TV-Z]{21}$/;
export const PAYMENT_ID_LENGTH = 25;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10;
const RANDOM_CHARS = 11;

export function newPaymentId(now: Date, random: (size: number) => Uint8Array = randomBytes): string {
  let time = now.getTime();
  let timePart = '';
  for (let i = 0; i < TIME_CHARS; i++) {
    timePart = ALPHABET[time % 32] + timePart;
    time = Math.floor(time / 32);
  }
  const bytes = random(RANDOM_CHARS);
  let randomPart = '';
  for (let i = 0; i < RANDOM_CHARS; i++) randomPart += ALPHABET[bytes[i]! % 32];
  return `pay_${timePart}${randomPart}`;
}

export function isPaymentId(value: string): boolean {
  return PAYMENT_ID_PATTERN.test(value);
}
