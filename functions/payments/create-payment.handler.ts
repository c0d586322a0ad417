import { catalog, clock, config, paymentLinks, paymentRequests } from '../composition';
import { apiHandler } from '../http/api-handler';
import { conflict, forbidden, HttpError, unprocessable, validationFailed } from '../http/http-errors';
import { requiredIdempotencyKey } from '../http/idempotency-key';
import { json } from '../http/responses';
import { METRIC } from '../observability/metric-names';
import { countMetric } from '../observability/metrics';
import { createPayment } from './create-payment';
import { createPaymentRequestSchema } from './create-payment-request';
import { paymentView } from './payment-view';

/**
 * POST /v1/payments — a payment request for a dossier, idempotent per caller and Idempotency-Key.
 * A new payment answers 201; a replay answers 200 with `Idempotent-Replayed: true` and the payment as
 * it is now (it may have moved on since).
 */
export const handler = apiHandler({ auth: ['portal'], body: createPaymentRequestSchema, uses: [config, clock, catalog, paymentRequests, paymentLinks] }, async ({ body, headers, principal }, deps) => {
  const idempotencyKey = requiredIdempotencyKey(headers);

  const result = await createPayment({ principal, idempotencyKey, request: body }, deps);
  switch (result.kind) {
    case 'CREATED':
      countMetric(METRIC.paymentCreated);
      return json(201, paymentView(result.payment, { withEvents: false }), { location: `/v1/payments/${result.payment.paymentId}` });
    case 'REPLAYED':
      return json(200, paymentView(result.payment, { withEvents: false }), { 'idempotent-replayed': 'true', location: `/v1/payments/${result.payment.paymentId}` });
    case 'IDEMPOTENCY_KEY_REUSED':
      throw unprocessable('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request.', [
        { path: 'Idempotency-Key', message: 'already used with another body' },
      ]);
    case 'IDEMPOTENCY_KEY_IN_USE':
      throw new HttpError(409, 'IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still in progress; retry shortly.', [], { 'retry-after': '1' });
    case 'AGENCY_NOT_ALLOWED':
      throw forbidden(`This token may not act for agency ${body.agencyCode}.`);
    case 'UNKNOWN_PROCEDURE':
      throw unprocessable('UNKNOWN_PROCEDURE', `Procedure ${body.procedureCode} is not in the catalog.`, [{ path: 'procedureCode', message: 'unknown procedure' }]);
    case 'AGENCY_MISMATCH':
      throw unprocessable('AGENCY_MISMATCH', `Procedure ${body.procedureCode} belongs to agency ${result.procedureAgencyCode}.`, [
        { path: 'agencyCode', message: `must be ${result.procedureAgencyCode}, the procedure's agency` },
      ]);
    case 'INVALID_INPUTS':
      throw validationFailed(result.issues, 'The inputs do not allow the fees of this procedure to be computed.');
    case 'NO_PAYMENT_REQUIRED':
      throw unprocessable('NO_PAYMENT_REQUIRED', 'Nothing is owed for this dossier: the procedure has no fee in force, or the fee is 0.');
    case 'DOSSIER_ALREADY_PAID':
      throw conflict('DOSSIER_ALREADY_PAID', `Dossier ${body.dossierId} is already paid.`);
    case 'DOSSIER_PROCEDURE_MISMATCH':
      throw unprocessable('DOSSIER_PROCEDURE_MISMATCH', `Dossier ${body.dossierId} is a dossier of procedure ${result.procedureCode}.`, [
        { path: 'procedureCode', message: `the dossier's procedure is ${result.procedureCode}` },
      ]);
  }
});
