import { randomBytes } from 'node:crypto';
import { timeOrderedId } from '../shared/time-ordered-id';

/**
 * Payment ids are opaque to callers but travel as provider references: VNPAY-style TxnRef (at most
 * 34 of [A-Za-z0-9_]), URL paths, CSV cells and the 25-character purpose of a VietQR transfer. So:
 * `pay_` + 10 characters of time + 11 random characters, Crockford base32 (no I, L, O, U), 25 in all.
 * The time prefix keeps ids roughly in creation order, which helps whoever reads logs; 55 random
 * bits per millisecond make a collision negligible, and the write that stores a payment refuses one.
 */
export const PAYMENT_ID_PATTERN = /^pay_[0-9A-HJKMNP-TV-Z]{21}$/;
export const PAYMENT_ID_LENGTH = 25;

export function newPaymentId(now: Date, random: (size: number) => Uint8Array = randomBytes): string {
  return `pay_${timeOrderedId(now, random)}`;
}

export function isPaymentId(value: string): boolean {
  return PAYMENT_ID_PATTERN.test(value);
}
