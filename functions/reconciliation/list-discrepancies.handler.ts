import { reconciliations } from '../composition';
import { apiHandler } from '../http/api-handler';
import { validationFailed } from '../http/http-errors';
import { json } from '../http/responses';
import { agencyScope } from './reconciliation-access';
import { loadRun, runParams } from './reconciliation-params';
import { listDiscrepanciesQuery as query } from './reconciliation-schemas';
import { CursorError } from './reconciliation-repository';
import { discrepancyView } from './reconciliation-view';

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
