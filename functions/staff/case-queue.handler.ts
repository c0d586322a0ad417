import * as z from 'zod/mini';
import { catalog, cases, reconciliations } from '../composition';
import { caseListPage } from './case-pages';
import { caseQueueBody } from './case-queue-view';
import { staffHandler } from './staff-handler';
import { staffPage } from './staff-layout';

const query = z.object({ type: z.optional(z.string()), status: z.optional(z.string()), agency: z.optional(z.string()), cursor: z.optional(z.string()) });

/** GET /staff/cases — the case queue across runs and days, oldest first (the same listCases as GET /v1/cases). */
export const handler = staffHandler({ roles: ['finance', 'province'], query, uses: [cases, reconciliations, catalog] }, async (request, deps) => {
  const listing = await caseListPage(request.query, { defaultStatus: 'OPEN' }, request.principal, deps);
  return staffPage(200, { title: 'Hàng đợi xử lý', principal: request.principal, csrfToken: request.csrfToken, active: 'cases', body: caseQueueBody(listing) });
});
