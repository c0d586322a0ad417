import { paymentParams } from '../../payments/payment-schemas';
import { createRefundSchema } from '../../refunds/refund-schemas';
import type { RouteDoc } from '../route-doc';
import { EXAMPLE } from './examples';

const exampleRefund = {
  refundId: 'rfd_01JGZ8Q4W6R9T2Y5U8I1O3P7AB',
  paymentId: EXAMPLE.paymentId,
  amount: 14000,
  status: 'SUBMITTED',
  reason: 'Nộp trùng hồ sơ đã thanh toán',
  createdAt: '2026-01-11T10:00:00+07:00',
  createdBy: 'finance-tanphong',
  updatedAt: '2026-01-11T10:00:00+07:00',
  events: [{ type: 'RefundSubmitted', at: '2026-01-11T10:00:00+07:00', amount: 14000, by: 'finance-tanphong' }],
};

/** Refunds of online payments (CONTRACT.md, Refunds). */
export const refundRoutes: readonly RouteDoc[] = [
  {
    method: 'POST',
    path: '/v1/payments/{paymentId}/refunds',
    operationId: 'createRefund',
    tag: 'Payments',
    summary: 'Refund a payment, fully or in part',
    description:
      'Asks the provider that took the money to give `amount` back. `refundAmountAvailable` must be the payment\'s `refundSummary.amountAvailable` as the caller saw it: two officers refunding at once cannot refund twice (one gets 409). The refund is SUBMITTED; the provider\'s answer makes it SUCCEEDED or FAILED.',
    auth: ['finance'],
    params: paymentParams,
    headers: [
      {
        name: 'Idempotency-Key',
        required: true,
        description: 'As for payments: the same key and body answer the same refund again (`Idempotent-Replayed: true`); another body, 422 IDEMPOTENCY_KEY_REUSED; while the first is in flight, 409 IDEMPOTENCY_KEY_IN_USE.',
        schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,255}$' },
      },
    ],
    body: { contentType: 'application/json', schema: createRefundSchema, example: { amount: 14000, reason: 'Nộp trùng hồ sơ đã thanh toán', refundAmountAvailable: 14000 } },
    responses: {
      202: {
        description: 'The refund, SUBMITTED (or, on a replay, as it is now, with `Idempotent-Replayed: true`).',
        json: 'Refund',
        example: exampleRefund,
        headers: {
          Location: { description: 'The payment\'s refunds.', schema: { type: 'string' } },
          'Idempotent-Replayed': { description: '`true` on a replay.', schema: { type: 'string', const: 'true' } },
        },
      },
    },
    errors: {
      400: { codes: ['VALIDATION_FAILED', 'IDEMPOTENCY_KEY_MISSING'], description: 'A field is malformed, or the Idempotency-Key header is missing or malformed.' },
      403: { codes: ['FORBIDDEN'], description: 'Not a `finance` token, or not for the payment\'s agency.' },
      404: { codes: ['NOT_FOUND'] },
      409: { codes: ['REFUND_AMOUNT_AVAILABLE_MISMATCH', 'IDEMPOTENCY_KEY_IN_USE'], description: '`refundAmountAvailable` is not what can be refunded now; or the first request with this key is still in flight.' },
      422: { codes: ['REFUND_NOT_AVAILABLE', 'REFUND_AMOUNT_INVALID', 'IDEMPOTENCY_KEY_REUSED'], description: 'The payment is not SUCCEEDED, was reversed or is fully refunded; the amount is not from 1 to the amount available; or the key was used with another body.' },
    },
  },
  {
    method: 'GET',
    path: '/v1/payments/{paymentId}/refunds',
    operationId: 'listRefunds',
    tag: 'Payments',
    summary: 'A payment\'s refunds',
    auth: ['finance'],
    params: paymentParams,
    responses: { 200: { description: 'Oldest first.', json: 'RefundList', example: { items: [exampleRefund] } } },
    errors: { 403: { codes: ['FORBIDDEN'], description: 'A payment of an agency this token may not act for.' }, 404: { codes: ['NOT_FOUND'] } },
  },
];
