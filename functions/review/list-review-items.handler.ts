import { reviewItems } from '../composition';
import { apiHandler } from '../http/api-handler';
import { validationFailed } from '../http/http-errors';
import { canActForAgency } from '../http/principal';
import { json } from '../http/responses';
import { InvalidCursorError } from './review-item-repository';
import { listReviewItemsQuery as query } from './review-item-schemas';

/**
 * GET /v1/review-items?status=OPEN|RESOLVED&cursor= — what finance must decide on: late successes
 * (accept or refund), second payments of a dossier (refund), amounts that differ from the quote,
 * reports about payments the service never issued. Staff see their agencies' items; items with no
 * agency (an unknown payment) only the province and all-agency staff see.
 */
export const handler = apiHandler({ auth: ['finance', 'province'], query, uses: [reviewItems] }, async ({ query, principal }, { reviewItems }) => {
  try {
    const page = await reviewItems.list(query.status, query.cursor);
    const visible = page.items.filter((item) => (item.agencyCode ? canActForAgency(principal, item.agencyCode) : principal.roles.includes('province') || principal.agencies.includes('*')));
    return json(200, { items: visible, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  } catch (error) {
    if (error instanceof InvalidCursorError) throw validationFailed([{ path: 'cursor', message: error.message }]);
    throw error;
  }
});
