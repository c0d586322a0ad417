import * as z from 'zod/mini';
import { reconciliations } from '../composition';
import { apiHandler } from '../http/api-handler';
import { validationFailed } from '../http/http-errors';
import { json } from '../http/responses';
import { agencyScope } from './reconciliation-access';
import { discrepancyFilters, loadRun, runParams } from './reconciliation-params';
import { CursorError } from './reconciliation-repository';
import { discrepancyView } from './reconciliation-view';

const query = z.object({
  ...discrepancyFilters,
  limit: z._default(z.coerce.number().check(z.int('must be a whole number'), z.minimum(1, 'must be from 1 to 100'), z.maximum(100, 'must be from 1 to 100')), 50),
  cursor: z.optional(z.string().check(z.maxLength(4096, 'is too long'), z.regex(/^[A-Za-z0-9_-]+$/, 'is not a cursor this listing returned'))),
});

/**
 * GET /v1/reconciliations/{runId}/discrepancies?type=&status=OPEN|RESOLVED&limit=&cursor= —
 * {"items": [...], "nextCursor"}: the run's findings in type, then file order; follow nextCursor
 * until it is null. Scoped to the caller's agencies (reconciliation-access.ts).
 */
export const handler = apiHandler({ auth: ['finance', 'province'], params: runParams, query, uses: [reconciliations] }, async ({ params, query: filters, principal }, deps) => {
  const run = await loadRun(params.runId, deps);
  try {
    const page = await deps.reconciliations.listDiscrepancies(run.runId, {
      ...(filters.type ? { type: filters.type } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      agencies: agencyScope(principal),
      limit: filters.limit,
      ...(filters.cursor ? { cursor: filters.cursor } : {}),
    });
    return json(200, { runId: run.runId, items: page.items.map(discrepancyView), nextCursor: page.nextCursor });
  } catch (error) {
    if (error instanceof CursorError) throw validationFailed([{ path: 'cursor', message: error.message }]);
    throw error;
  }
});
