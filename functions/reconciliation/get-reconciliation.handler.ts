import { reconciliations } from '../composition';
import { apiHandler } from '../http/api-handler';
import { json } from '../http/responses';
import { seesAllAgencies } from './reconciliation-access';
import { loadRun, runParams } from './reconciliation-params';
import { agencySummary, fullSummary, runView } from './reconciliation-view';

/**
 * GET /v1/reconciliations/{runId} — the run, its status and (once COMPLETED) its summary. Finance
 * limited to some agencies gets the summary of those agencies only (reconciliation-access.ts).
 */
export const handler = apiHandler({ auth: ['finance', 'province'], params: runParams, uses: [reconciliations] }, async ({ params, principal }, deps) => {
  const run = await loadRun(params.runId, deps);
  const day = await deps.reconciliations.getDay(run.provider, run.businessDate);
  if (seesAllAgencies(principal)) return json(200, runView(run, { summary: fullSummary(run), latestRunId: day?.latestRunId }));
  const figures = run.summary ? await deps.reconciliations.getAgencyFigures(run.runId, principal.agencies) : [];
  return json(200, runView(run, { summary: agencySummary(run, principal.agencies, figures), latestRunId: day?.latestRunId }));
});
