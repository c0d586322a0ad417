import { cases, clock, dynamoDb, payments, tableName, refunds } from '../composition';
import { decideCase } from '../cases/decide-case';
import { apiHandler } from '../http/api-handler';
import { conflict, forbidden, notFound, unprocessable } from '../http/http-errors';
import { json } from '../http/responses';
import { resolveReviewItemBody as body, reviewItemParams as params } from './review-item-schemas';
import { reviewItemView } from './review-item-view';

/**
 * POST /v1/review-items/{reviewId}/resolve — finance decides the item's case once (ACCEPT is the
 * case's ACCEPT_PROVIDER); who and when are kept, and the same case shows resolved on its run's list
 * of discrepancies too. The decision's effect on the payment is docs/CASES.md's table.
 */
export const handler = apiHandler({ auth: ['finance'], params, body, uses: [cases, payments, clock, dynamoDb, tableName, refunds] }, async ({ params, body, principal }, deps) => {
  const outcome = await decideCase({ caseId: params.reviewId, action: body.action === 'ACCEPT' ? 'ACCEPT_PROVIDER' : body.action, note: body.note, principal }, deps);
  switch (outcome.kind) {
    case 'DECIDED':
      return json(200, reviewItemView(outcome.case));
    case 'NOT_FOUND':
      throw notFound(`Review item ${params.reviewId}`);
    case 'FORBIDDEN':
      throw forbidden('This review item belongs to another agency.');
    case 'ALREADY_DECIDED':
      throw conflict('ALREADY_RESOLVED', `Review item ${params.reviewId} was resolved already.`);
    case 'NOT_ALLOWED_FOR_TYPE':
      throw unprocessable('NOT_ALLOWED_FOR_TYPE', `Review item ${params.reviewId} cannot be resolved so: ${outcome.why}.`, [{ path: 'action', message: `must be one of ${outcome.allowed.filter((a) => a !== 'NOTE').map((a) => (a === 'ACCEPT_PROVIDER' ? 'ACCEPT' : a)).join(', ')}` }]);
    case 'TRAIL_FULL':
      throw unprocessable('TRAIL_FULL', `Review item ${params.reviewId} has ${outcome.limit} actions already; no more can be added.`);
  }
});
