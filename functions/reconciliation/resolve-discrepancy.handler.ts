import { clock, reconciliations } from '../composition';
import { apiHandler } from '../http/api-handler';
import { conflict, forbidden, notFound, unprocessable } from '../http/http-errors';
import { json } from '../http/responses';
import { discrepancyParams } from './reconciliation-params';
import { resolveDiscrepancyBody as body } from './reconciliation-schemas';
import { discrepancyView, trailView } from './reconciliation-view';
import { resolveDiscrepancy } from './resolve-discrepancy';

/**
 * POST /v1/reconciliations/{runId}/discrepancies/{discrepancyId}/resolve {"action", "note"} — 200 with
 * the discrepancy and its trail. ACCEPT_PROVIDER, REFUND and WRITE_OFF resolve it once (409
 * ALREADY_RESOLVED after that); NOTE adds a note and leaves its status as it is.
 */
export const handler = apiHandler({ auth: ['finance'], params: discrepancyParams, body, uses: [reconciliations, clock] }, async ({ params, body: input, principal }, deps) => {
  const outcome = await resolveDiscrepancy({ ...params, action: input.action, note: input.note ?? null, principal }, deps);
  switch (outcome.kind) {
    case 'RECORDED':
      return json(200, { ...discrepancyView(outcome.discrepancy), trail: trailView(outcome.trail) });
    case 'NOT_FOUND':
      throw notFound(`Discrepancy ${params.discrepancyId} of run ${params.runId}`);
    case 'FORBIDDEN':
      throw forbidden('This token may not resolve discrepancies of that agency.');
    case 'RUN_NOT_COMPLETED':
      throw conflict('RUN_NOT_COMPLETED', `Run ${params.runId} is ${outcome.status}; its discrepancies can be resolved once it has COMPLETED.`);
    case 'ALREADY_RESOLVED': {
      const resolution = outcome.discrepancy.resolution;
      throw conflict('ALREADY_RESOLVED', `Discrepancy ${params.discrepancyId} was already resolved${resolution ? ` (${resolution.action} by ${resolution.by} at ${resolution.at})` : ''}.`);
    }
    case 'SUPERSEDED':
      throw conflict('RUN_SUPERSEDED', `Run ${params.runId} was superseded${outcome.latestRunId ? ` by run ${outcome.latestRunId}` : ''}; resolve the discrepancy there (its id is the same).`);
    case 'IN_PROGRESS':
      throw conflict('RECONCILIATION_IN_PROGRESS', `Run ${outcome.activeRunId} of the same day is under way; resolve once it has finished.`);
    case 'TRAIL_FULL':
      throw unprocessable('TRAIL_FULL', `Discrepancy ${params.discrepancyId} has ${outcome.limit} actions already; no more can be added.`);
  }
});
