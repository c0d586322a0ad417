import * as z from 'zod/mini';
import { catalog, cases, reconciliations } from '../composition';
import { CaseCursorError } from '../cases/case-repository';
import { listCases } from '../cases/list-cases';
import { CursorError } from '../reconciliation/reconciliation-repository';
import { caseQueueBody } from './case-queue-view';
import { CASE_STATUS_CHOICES, CASE_TYPE_CHOICES, agencyChoicesFor, agencyNamesOf, caseStatusFilter, caseSummaryOf, caseTypeFilter } from './case-pages';
import { staffHandler } from './staff-handler';
import { staffPage } from './staff-layout';
import { StaffPageError } from './staff-page-error';

const query = z.object({ type: z.optional(z.string()), status: z.optional(z.string()), agency: z.optional(z.string()), cursor: z.optional(z.string()) });
const PAGE_SIZE = 25;

/** GET /staff/cases — the case queue across runs and days, oldest first (the same listCases as GET /v1/cases). */
export const handler = staffHandler({ roles: ['finance', 'province'], query, uses: [cases, reconciliations, catalog] }, async (request, deps) => {
  const type = caseTypeFilter(request.query.type);
  const status = caseStatusFilter(request.query.status) ?? 'OPEN';
  const agency = request.query.agency || undefined;
  const agencyNames = await agencyNamesOf(deps.catalog);
  const outcome = await listCases(
    { status, ...(type ? { type } : {}), ...(agency ? { agency } : {}), ...(request.query.cursor ? { cursor: request.query.cursor } : {}), limit: PAGE_SIZE },
    request.principal,
    deps,
  ).catch((error: unknown) => {
    if (error instanceof CaseCursorError || error instanceof CursorError) throw new StaffPageError(400, 'Liên kết trang này đã cũ. Hãy mở lại hàng đợi từ đầu.');
    throw error;
  });
  if (outcome.kind !== 'LISTED') throw new StaffPageError(outcome.kind === 'FORBIDDEN' ? 403 : 404);
  const filters = { type: type ?? '', status, agency: agency ?? '' };
  const next = outcome.nextCursor ? new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value)), cursor: outcome.nextCursor }).toString() : undefined;
  return staffPage(200, {
    title: 'Hàng đợi xử lý',
    principal: request.principal,
    csrfToken: request.csrfToken,
    active: 'cases',
    body: caseQueueBody({
      filters,
      typeChoices: CASE_TYPE_CHOICES,
      statusChoices: CASE_STATUS_CHOICES,
      agencyChoices: agencyChoicesFor(request.principal, agencyNames),
      cases: outcome.items.map((found) => caseSummaryOf(found, agencyNames)),
      ...(next ? { nextPageQuery: next } : {}),
    }),
  });
});
