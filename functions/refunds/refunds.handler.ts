import { errorBody, requestIdOf } from '../http/api-handler';
import { json } from '../http/responses';
import { byRoute } from '../http/route-dispatch';
import { handler as createRefund } from './create-refund.handler';
import { handler as listRefunds } from './list-refunds.handler';

/** A payment's refunds: asking for one and listing them share a Lambda (functions/http/route-dispatch.ts says why). */
export const handler = byRoute(
  {
    'POST /v1/payments/{paymentId}/refunds': createRefund,
    'GET /v1/payments/{paymentId}/refunds': listRefunds,
  },
  (event) => json(404, errorBody('NOT_FOUND', 'No such route.', [], requestIdOf(event))),
);
