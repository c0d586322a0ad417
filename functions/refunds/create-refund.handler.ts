import { clock, payments, refunds } from '../composition';
import { apiHandler } from '../http/api-handler';
import { conflict, forbidden, HttpError, notFound, unprocessable } from '../http/http-errors';
import { requiredIdempotencyKey } from '../http/idempotency-key';
import { json } from '../http/responses';
import { paymentParams } from '../payments/payment-schemas';
import { createRefund } from './create-refund';
import { createRefundSchema } from './refund-schemas';
import { refundView } from './refund-view';

/**
 * POST /v1/payments/{paymentId}/refunds — finance asks for a refund; 202 SUBMITTED, the provider's
 * answer finishes it. Idempotent per caller and Idempotency-Key, with the payments' rules.
 */
export const handler = apiHandler({ auth: ['finance'], params: paymentParams, body: createRefundSchema, uses: [payments, refunds, clock] }, async ({ params, body, headers, principal }, deps) => {
  const idempotencyKey = requiredIdempotencyKey(headers);
  const result = await createRefund({ principal, paymentId: params.paymentId, idempotencyKey, request: body }, deps);
  const location = { location: `/v1/payments/${params.paymentId}/refunds` };
  switch (result.kind) {
    case 'CREATED':
      return json(202, refundView(result.refund), location);
    case 'REPLAYED':
      return json(202, refundView(result.refund), { ...location, 'idempotent-replayed': 'true' });
    case 'IDEMPOTENCY_KEY_REUSED':
      throw unprocessable('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request.', [{ path: 'Idempotency-Key', message: 'already used with another body' }]);
    case 'IDEMPOTENCY_KEY_IN_USE':
      throw new HttpError(409, 'IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still in progress; retry shortly.', [], { 'retry-after': '1' });
    case 'NOT_FOUND':
      throw notFound(`Payment ${params.paymentId}`);
    case 'FORBIDDEN':
      throw forbidden('This token may not refund payments of that agency.');
    case 'REFUND_NOT_AVAILABLE':
      throw unprocessable('REFUND_NOT_AVAILABLE', `Payment ${params.paymentId} cannot be refunded: ${result.why}.`);
    case 'REFUND_AMOUNT_AVAILABLE_MISMATCH':
      throw conflict('REFUND_AMOUNT_AVAILABLE_MISMATCH', `refundAmountAvailable does not match: ${result.amountAvailable} VND can be refunded now (another refund may have been made).`);
    case 'REFUND_AMOUNT_INVALID':
      throw unprocessable('REFUND_AMOUNT_INVALID', `The amount must be a whole number of VND from 1 to ${result.amountAvailable}.`, [{ path: 'amount', message: `must be from 1 to ${result.amountAvailable}` }]);
  }
});
