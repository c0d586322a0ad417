import { clock, payments } from '../composition';
import { apiHandler } from '../http/api-handler';
import { conflict, forbidden, notFound } from '../http/http-errors';
import { json } from '../http/responses';
import { cancelPayment } from './cancel-payment';
import { paymentParams } from './payment-schemas';
import { paymentView } from './payment-view';

/** POST /v1/payments/{paymentId}/cancel — 200 CANCELLED, or 409 INVALID_STATE once the payment is finished. */
export const handler = apiHandler({ auth: ['portal'], params: paymentParams, uses: [payments, clock] }, async ({ params, principal }, deps) => {
  const result = await cancelPayment({ paymentId: params.paymentId, principal }, deps);
  switch (result.kind) {
    case 'CANCELLED':
      return json(200, paymentView(result.payment, { withEvents: true }));
    case 'INVALID_STATE':
      throw conflict('INVALID_STATE', `Payment ${params.paymentId} is ${result.status} and can no longer be cancelled.`);
    case 'NOT_FOUND':
      throw notFound(`Payment ${params.paymentId}`);
    case 'FORBIDDEN':
      throw forbidden('This token may not cancel payments of that agency.');
  }
});
