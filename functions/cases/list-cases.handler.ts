import { cases, reconciliations } from '../composition';
import { apiHandler } from '../http/api-handler';
import { forbidden, notFound, validationFailed } from '../http/http-errors';
import { json } from '../http/responses';
import { CursorError } from '../reconciliation/reconciliation-repository';
import { CaseCursorError } from './case-repository';
import { listCasesQuery as query } from './case-schemas';
import { caseView } from './case-view';
import { listCases } from './list-cases';

/**
 * GET /v1/cases?status=&type=&agency=&runId=&limit=&cursor= — the case queue (without a status: OPEN,
 * then REFUND_DUE), oldest first, or the cases a run found; only the caller's agencies.
 */
export const handler = apiHandler({ auth: ['finance', 'province'], query, uses: [cases, reconciliations] }, async ({ query: filters, principal }, deps) => {
  try {
    const outcome = await listCases(filters, principal, deps);
    if (outcome.kind === 'FORBIDDEN') throw forbidden('This token may not read cases of that agency.');
    if (outcome.kind === 'NOT_FOUND') throw notFound(`Reconciliation run ${filters.runId}`);
    return json(200, { items: outcome.items.map(caseView), nextCursor: outcome.nextCursor });
  } catch (error) {
    if (error instanceof CaseCursorError || error instanceof CursorError) throw validationFailed([{ path: 'cursor', message: error.message }]);
    throw error;
  }
});
