import { clock, queue, reconciliations, settlements } from '../composition';
import { apiHandler } from '../http/api-handler';
import { conflict } from '../http/http-errors';
import { json } from '../http/responses';
import { refuseFutureDate } from '../settlements/settlement-params';
import { startReconciliationBody as body } from './reconciliation-schemas';
import { startReconciliation } from './start-reconciliation';

/**
 * POST /v1/reconciliations {"provider", "businessDate"} — 202 {"runId", "status": "QUEUED"}: the run
 * reconciles the day's current settlement file asynchronously; follow it at GET /v1/reconciliations/{runId}.
 * 409 SETTLEMENT_FILE_MISSING when no file was uploaded for the day; 409 RECONCILIATION_IN_PROGRESS
 * while another run of the day is queued or running.
 */
export const handler = apiHandler({ auth: ['finance'], body, uses: [clock, queue, settlements, reconciliations] }, async ({ body: input, principal }, deps) => {
  refuseFutureDate(input.businessDate, deps.clock);
  const outcome = await startReconciliation({ ...input, requestedBy: principal.subject }, deps);
  switch (outcome.kind) {
    case 'QUEUED':
      return json(202, { runId: outcome.run.runId, status: outcome.run.status, provider: outcome.run.provider, businessDate: outcome.run.businessDate }, {
        location: `/v1/reconciliations/${outcome.run.runId}`,
      });
    case 'NO_SETTLEMENT_FILE':
      throw conflict('SETTLEMENT_FILE_MISSING', `No settlement file of ${input.provider} for ${input.businessDate} was uploaded; upload it first.`);
    case 'IN_PROGRESS':
      throw conflict('RECONCILIATION_IN_PROGRESS', `Run ${outcome.activeRunId} of ${input.provider} for ${input.businessDate} is still under way; follow it instead.`);
  }
});
