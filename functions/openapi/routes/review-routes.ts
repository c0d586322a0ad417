import { listReviewItemsQuery, resolveReviewItemBody, reviewItemParams } from '../../review/review-item-schemas';
import { caseParams, listCasesQuery } from '../../cases/case-schemas';
import type { RouteDoc } from '../route-doc';

/** What finance must decide on: the cases, and the review items (the cases provider reports found). */
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
    responses: { 200: { description: 'A page of items, oldest first.', json: 'ReviewItemList' } },
  },
  {
    method: 'POST',
    path: '/v1/review-items/{reviewId}/resolve',
    operationId: 'resolveReviewItem',
    tag: 'Review items',
    summary: 'Decide on a review item, once',
    description: 'A decision on the item\'s case (docs/CASES.md), the same as resolving its discrepancy: ACCEPT is ACCEPT_PROVIDER.',
    auth: ['finance'],
    params: reviewItemParams,
    body: { contentType: 'application/json', schema: resolveReviewItemBody, example: { action: 'REFUND', note: 'Hồ sơ đã được thanh toán tại quầy; hoàn tiền cho người nộp.' } },
    responses: { 200: { description: 'The item, RESOLVED, with who decided and when.', json: 'ReviewItem' } },
    errors: {
      403: { codes: ['FORBIDDEN'], description: 'The item belongs to another agency.' },
      404: { codes: ['NOT_FOUND'] },
      409: { codes: ['ALREADY_RESOLVED'], description: 'Its case was decided already, through either route.' },
      422: { codes: ['NOT_ALLOWED_FOR_TYPE', 'TRAIL_FULL'], description: 'A decision that does not fit the case (e.g. ACCEPT on a second payment of a paid dossier).' },
    },
  },
  {
    method: 'GET',
    path: '/v1/cases',
    operationId: 'listCases',
    tag: 'Cases',
    summary: 'The case queue',
    description:
      'One case per problem with money, however it was found. Without `status`: the cases finance still has work on (OPEN, then REFUND_DUE), oldest first; `runId` lists the cases a run found. Only the caller\'s agencies; cases of payments the service never issued only the province and all-agency staff see.',
    auth: ['finance', 'province'],
    query: listCasesQuery,
    responses: { 200: { description: 'A page of cases.', json: 'CaseList' } },
    errors: { 403: { codes: ['FORBIDDEN'], description: 'An agency the caller may not read.' }, 404: { codes: ['NOT_FOUND'], description: 'No such run.' } },
  },
  {
    method: 'GET',
    path: '/v1/cases/{caseId}',
    operationId: 'getCase',
    tag: 'Cases',
    summary: 'One case, its trail and its payment',
    auth: ['finance', 'province'],
    params: caseParams,
    responses: { 200: { description: 'The case.', json: 'CaseWithTrail' } },
    errors: { 403: { codes: ['FORBIDDEN'], description: 'A case of another agency.' }, 404: { codes: ['NOT_FOUND'] } },
  },
];
