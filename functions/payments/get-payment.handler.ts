import { config, payments } from '../composition';
import { apiHandler } from '../http/api-handler';
import { forbidden, notFound } from '../http/http-errors';
import { json } from '../http/responses';
import { accessPayment } from './payment-access';
import { paymentParams } from './payment-schemas';
import { paymentView } from './payment-view';

/** GET /v1/payments/{paymentId} — the payment with its events, oldest first, and its refundSummary (the portal, and finance for its agencies). */
export const handler = apiHandler({ auth: ['portal', 'finance'], params: paymentParams, uses: [payments, config] }, async ({ params, principal }, deps) => {
  const access = await accessPayment(params.paymentId, principal, deps);
  if (access.kind === 'NOT_FOUND') throw notFound(`Payment ${params.paymentId}`);
  if (access.kind === 'FORBIDDEN') throw forbidden('This token may not read payments of that agency.');
  return json(200, paymentView(access.payment, { withEvents: true, publicBaseUrl: deps.config.publicBaseUrl }));
});
