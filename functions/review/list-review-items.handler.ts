import { cases } from '../composition';
import { CaseCursorError } from '../cases/case-repository';
import { caseScope } from '../cases/case-access';
import { apiHandler } from '../http/api-handler';
import { validationFailed } from '../http/http-errors';
import { json } from '../http/responses';
import { listReviewItemsQuery as query } from './review-item-schemas';
import { reviewItemView } from './review-item-view';

/**
 * GET /v1/review-items?status=OPEN|RESOLVED&cursor= — the cases provider reports found (late
 * successes, second payments of a dossier, amounts that differ, payments the service never issued),
 * oldest first. Staff see their agencies' items; items with no agency only the province and
 * all-agency staff see. RESOLVED lists the cases decided, REFUND_DUE ones first.
 */
export const handler = apiHandler({ auth: ['finance', 'province'], query, uses: [cases] }, async ({ query, principal }, { cases }) => {
  try {
    const page = await cases.list({
      statuses: query.status === 'OPEN' ? ['OPEN'] : ['REFUND_DUE', 'RESOLVED'],
      reported: true,
      agencies: caseScope(principal),
      limit: 100,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return json(200, { items: page.items.map(reviewItemView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  } catch (error) {
    if (error instanceof CaseCursorError) throw validationFailed([{ path: 'cursor', message: error.message }]);
    throw error;
  }
});
