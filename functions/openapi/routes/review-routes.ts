import { listReviewItemsQuery, resolveReviewItemBody, reviewItemParams } from '../../review/review-item-schemas';
import type { RouteDoc } from '../route-doc';

/** What finance must decide on after provider reports. */
export const reviewRoutes: readonly RouteDoc[] = [
  {
    method: 'GET',
    path: '/v1/review-items',
    operationId: 'listReviewItems',
    tag: 'Review items',
    summary: 'Review items to decide on',
    description: "Staff see their agencies' items; items with no agency (a payment the service never issued) only the province and all-agency staff see.",
    auth: ['finance', 'province'],
    query: listReviewItemsQuery,
    responses: { 200: { description: 'A page of items, newest first.', json: 'ReviewItemList' } },
  },
  {
    method: 'POST',
    path: '/v1/review-items/{reviewId}/resolve',
    operationId: 'resolveReviewItem',
    tag: 'Review items',
    summary: 'Decide on a review item, once',
    auth: ['finance'],
    params: reviewItemParams,
    body: { contentType: 'application/json', schema: resolveReviewItemBody, example: { action: 'REFUND', note: 'Hồ sơ đã được thanh toán tại quầy; hoàn tiền cho người nộp.' } },
    responses: { 200: { description: 'The item, RESOLVED, with who decided and when.', json: 'ReviewItem' } },
    errors: {
      403: { codes: ['FORBIDDEN'], description: 'The item belongs to another agency.' },
      404: { codes: ['NOT_FOUND'] },
      409: { codes: ['ALREADY_RESOLVED'] },
    },
  },
];
