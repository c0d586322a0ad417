import { isIdempotencyKey } from '../../domain/payments/idempotency';
import { idempotencyKeyMissing } from './http-errors';

/** The request's Idempotency-Key (CONTRACT.md, Payments: required, 1–255 of [A-Za-z0-9_-]), or a 400 naming it. */
export function requiredIdempotencyKey(headers: Readonly<Record<string, string | undefined>>): string {
  const key = headers['idempotency-key'];
  if (key === undefined || key === '') throw idempotencyKeyMissing();
  if (!isIdempotencyKey(key)) throw idempotencyKeyMissing('The Idempotency-Key header is not a valid key.', 'must be 1–255 characters of A-Z, a-z, 0-9, "_" or "-"');
  return key;
}
