import { payments, refunds } from '../composition';
import { apiHandler } from '../http/api-handler';
import { forbidden, notFound } from '../http/http-errors';
import { json } from '../http/responses';
import { accessPayment } from '../payments/payment-access';
import { paymentParams } from '../payments/payment-schemas';
import { refundView } from './refund-view';

/** GET /v1/payments/{paymentId}/refunds — the payment's refunds, oldest first (finance, its agencies). */
export const handler = apiHandler({ auth: ['finance'], params: paymentParams, uses: [payments, refunds] }, async ({ params, principal }, deps) => {
  const access = await accessPayment(params.paymentId, principal, deps);
  if (access.kind === 'NOT_FOUND') throw notFound(`Payment ${params.paymentId}`);
  if (access.kind === 'FORBIDDEN') throw forbidden('This token may not read payments of that agency.');
  return json(200, { items: (await deps.refunds.listRefunds(params.paymentId)).map(refundView) });
});
