// Proves payment ids are unique, URL-safe and fit every provider reference they travel as (VNPAY TxnRef, provider reference pattern, VietQR purpose).
import { isPaymentId, newPaymentId, PAYMENT_ID_LENGTH } from '../../../domain/payments/payment-id';
import { canonicalJson, isIdempotencyKey, requestFingerprint } from '../../../domain/payments/idempotency';
import { buildVietQrPayload, parseVietQr, VIETQR_MAX_PURPOSE_LENGTH } from '../../../domain/payments/vietqr';
import { PROVIDER_REFERENCE_PATTERN } from '../../../domain/providers/provider-payment-report';

describe('newPaymentId', () => {
  it('makes 10 000 distinct ids in the same millisecond, each a valid reference everywhere', () => {
    const now = new Date('2026-01-10T02:00:00Z');
    const ids = Array.from({ length: 10_000 }, () => newPaymentId(now));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 100)) {
      expect(id).toHaveLength(PAYMENT_ID_LENGTH);
      expect(isPaymentId(id)).toBe(true);
      expect(id).toMatch(/^[A-Za-z0-9_]{1,34}$/);
      expect(PROVIDER_REFERENCE_PATTERN.test(id)).toBe(true);
      expect(encodeURIComponent(id)).toBe(id);
    }
    expect(PAYMENT_ID_LENGTH).toBeLessThanOrEqual(VIETQR_MAX_PURPOSE_LENGTH);
  });

  it('sorts by creation time', () => {
    const earlier = newPaymentId(new Date('2026-01-10T02:00:00Z'));
    const later = newPaymentId(new Date('2026-01-10T02:00:00.001Z'));
    expect(earlier.slice(0, 14) < later.slice(0, 14)).toBe(true);
  });

  it('survives whole in a VietQR purpose', () => {
    const paymentId = newPaymentId(new Date());
    const parsed = parseVietQr(buildVietQrPayload({ bankBin: '970436', accountNumber: '0071000888888', amount: 14_000, paymentId, note: 'le phi' }));
    expect(parsed.ok && parsed.value.purpose).toBe(paymentId);
    expect(parsed.ok && parsed.value.amount).toBe(14_000);
  });

  it('refuses ids it did not make', () => {
    for (const id of ['pay_', 'PAY_01JD0000000000000000000', 'pay_01jd0000000000000000000', 'pay_01JD00000000000000000000', 'x']) expect(isPaymentId(id)).toBe(false);
  });
});

describe('idempotency keys and fingerprints', () => {
  it('accepts 1–255 characters of [A-Za-z0-9_-] only', () => {
    expect(isIdempotencyKey('a')).toBe(true);
    expect(isIdempotencyKey('k'.repeat(255))).toBe(true);
    expect(isIdempotencyKey('2f1c-ab_9')).toBe(true);
    for (const key of ['', 'k'.repeat(256), 'has space', 'a#b', 'ü']) expect(isIdempotencyKey(key)).toBe(false);
  });

  it('fingerprints the same body the same whatever its key order, and another body differently', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}');
    expect(requestFingerprint({ a: 1, b: 2 })).toBe(requestFingerprint({ b: 2, a: 1 }));
    expect(requestFingerprint({ a: 1, b: 2 })).not.toBe(requestFingerprint({ a: 1, b: 3 }));
    expect(requestFingerprint({ a: 1, b: undefined })).toBe(requestFingerprint({ a: 1 }));
  });
});
