import { scopedCaller } from '../../domain/payments/idempotency';
import type { Refund } from '../../domain/refunds/refund';
import { paymentKey } from '../payments/payment-items';

/**
 * Refunds in the service table, beside their payment (one Query reads a payment's refunds):
 *
 *   refund        pk PAYMENT#<paymentId>                 sk REFUND#<refundId>
 *                 while SUBMITTED: gsi2pk REFUNDS_SUBMITTED  gsi2sk <createdAt, UTC ISO>#<refundId>
 *                 (the mop-up's list of refunds waiting for an answer; removed when the refund finishes)
 *   refund key    pk REFUND_KEY#<caller>#<Idempotency-Key> sk REFUND_KEY
 *                 fingerprint, paymentId, refundId, expiresAtEpoch (TTL, 24 h, as payments' keys)
 *   refund answer pk CALLBACK#<provider>#refund:<eventId> sk CALLBACK (the answer's dedupe record,
 *                 in the callbacks' format, written in the transaction of its effects)
 *
 * The payment item carries refundsReserved and refundedAmount (domain/refunds/refund-summary.ts),
 * changed only in the transaction of the refund that moves them.
 *
 * Access patterns: a payment's refunds (Query pk = PAYMENT#<id> AND begins_with(sk, "REFUND#")); a
 * refund by payment and id (GetItem); a key's record (GetItem); SUBMITTED refunds created before an
 * instant (Query gsi2 gsi2pk = REFUNDS_SUBMITTED AND gsi2sk < instant). Refunds are few (a fraction of
 * payments, each waiting seconds), so the SUBMITTED partition is not hot.
 */
export const REFUND_SK_PREFIX = 'REFUND#';
export const SUBMITTED_PARTITION = 'REFUNDS_SUBMITTED';
const KEY_SK = 'REFUND_KEY';
const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi2pk', 'gsi2sk', 'entity'] as const;

export function refundKey(paymentId: string, refundId: string) {
  return { pk: paymentKey(paymentId).pk, sk: `${REFUND_SK_PREFIX}${refundId}` };
}

export function refundItem(refund: Refund): Record<string, unknown> {
  return {
    ...refund,
    ...refundKey(refund.paymentId, refund.refundId),
    entity: 'REFUND',
    gsi2pk: SUBMITTED_PARTITION,
    gsi2sk: `${new Date(refund.createdAt).toISOString()}#${refund.refundId}`,
  };
}

export function toRefund(item: Record<string, unknown>): Refund {
  const refund: Record<string, unknown> = { ...item };
  for (const name of KEY_ATTRIBUTES) delete refund[name];
  return refund as unknown as Refund;
}

export function refundIdempotencyKey(caller: string, key: string) {
  return { pk: `REFUND_KEY#${scopedCaller(caller)}#${key}`, sk: KEY_SK };
}
