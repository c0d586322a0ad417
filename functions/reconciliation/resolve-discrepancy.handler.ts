import { cases, clock, dynamoDb, payments, reconciliations, tableName, refunds } from '../composition';
import { apiHandler } from '../http/api-handler';
import { conflict, forbidden, notFound, unprocessable } from '../http/http-errors';
import { json } from '../http/responses';
import { discrepancyParams } from './reconciliation-params';
import { resolveDiscrepancyBody as body } from './reconciliation-schemas';
import { discrepancyView, trailView } from './reconciliation-view';
import { resolveDiscrepancy } from './resolve-discrepancy';

/**
 * POST /v1/reconciliations/{runId}/discrepancies/{discrepancyId}/resolve {"action", "note"} — 200 with
 * the discrepancy and its case's trail. ACCEPT_PROVIDER, REFUND and WRITE_OFF decide its case once
 * (409 ALREADY_RESOLVED after that, whichever route decided it; 422 NOT_ALLOWED_FOR_TYPE for a
 * decision that does not fit the case); NOTE adds a note and leaves its status as it is.
 */
export const handler = apiHandler({ auth: ['finance'], params: discrepancyParams, body, uses: [reconciliations, clock, cases, payments, dynamoDb, tableName, refunds] }, async ({ params, body: input, principal }, deps) => {
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
    case 'NOT_ALLOWED_FOR_TYPE':
      throw unprocessable('NOT_ALLOWED_FOR_TYPE', `Discrepancy ${params.discrepancyId} cannot be resolved so: ${outcome.why}.`, [
        { path: 'action', message: `must be one of ${outcome.allowed.join(', ')}` },
      ]);
    case 'TRAIL_FULL':
      throw unprocessable('TRAIL_FULL', `Discrepancy ${params.discrepancyId} has ${outcome.limit} actions already; no more can be added.`);
  }
});
