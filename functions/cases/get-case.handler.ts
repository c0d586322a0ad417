import { cases, payments } from '../composition';
import { apiHandler } from '../http/api-handler';
import { forbidden, notFound } from '../http/http-errors';
import { json } from '../http/responses';
import { caseParams as params } from './case-schemas';
import { casePaymentView, caseTrailView, caseView } from './case-view';
import { getCase } from './get-case';

/** GET /v1/cases/{caseId} — one case with its trail, oldest first, and its payment as it is now. */
export const handler = apiHandler({ auth: ['finance', 'province'], params, uses: [cases, payments] }, async ({ params, principal }, deps) => {
  const outcome = await getCase(params.caseId, principal, deps);
  if (outcome.kind === 'NOT_FOUND') throw notFound(`Case ${params.caseId}`);
  if (outcome.kind === 'FORBIDDEN') throw forbidden('This case belongs to another agency.');
  return json(200, { ...caseView(outcome.case), trail: caseTrailView(outcome.trail), payment: outcome.payment ? casePaymentView(outcome.payment) : null });
});
