import { cases, reconciliations } from '../composition';
import { apiHandler } from '../http/api-handler';
import { forbidden, notFound } from '../http/http-errors';
import { json } from '../http/responses';
import { canSeeDiscrepancy } from './reconciliation-access';
import { discrepancyParams } from './reconciliation-params';
import { discrepancyView, trailView } from './reconciliation-view';

/** GET /v1/reconciliations/{runId}/discrepancies/{discrepancyId} — one finding with every action taken on its case. */
export const handler = apiHandler({ auth: ['finance', 'province'], params: discrepancyParams, uses: [reconciliations, cases] }, async ({ params, principal }, deps) => {
  const discrepancy = await deps.reconciliations.getDiscrepancy(params.runId, params.discrepancyId);
  if (!discrepancy) throw notFound(`Discrepancy ${params.discrepancyId} of run ${params.runId}`);
  if (!canSeeDiscrepancy(principal, discrepancy)) throw forbidden('This token may not read discrepancies of that agency.');
  const trail = discrepancy.caseId ? await deps.cases.trail(discrepancy.caseId) : [];
  return json(200, { ...discrepancyView(discrepancy), trail: trailView(trail) });
});
