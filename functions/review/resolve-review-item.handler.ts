import { toVietnamIso } from '../../domain/shared/business-date';
import { clock, reviewItems } from '../composition';
import { apiHandler } from '../http/api-handler';
import { conflict, forbidden, notFound } from '../http/http-errors';
import { canActForAgency } from '../http/principal';
import { json } from '../http/responses';
import { resolveReviewItemBody as body, reviewItemParams as params } from './review-item-schemas';

/** POST /v1/review-items/{reviewId}/resolve — finance decides once; who and when are kept. */
export const handler = apiHandler({ auth: ['finance'], params, body, uses: [reviewItems, clock] }, async ({ params, body, principal }, { reviewItems, clock }) => {
  const item = await reviewItems.get(params.reviewId);
  if (!item) throw notFound(`Review item ${params.reviewId}`);
  const allowed = item.agencyCode ? canActForAgency(principal, item.agencyCode) : principal.agencies.includes('*');
  if (!allowed) throw forbidden('This review item belongs to another agency.');
  const outcome = await reviewItems.resolve(params.reviewId, { ...body, by: principal.subject, at: toVietnamIso(clock.now()) });
  if (outcome.kind === 'NOT_FOUND') throw notFound(`Review item ${params.reviewId}`);
  if (outcome.kind === 'ALREADY_RESOLVED') throw conflict('ALREADY_RESOLVED', `Review item ${params.reviewId} was resolved already.`);
  return json(200, outcome.item);
});
