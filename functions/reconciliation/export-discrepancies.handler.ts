import { catalog, reconciliations } from '../composition';
import { apiHandler } from '../http/api-handler';
import { unprocessable } from '../http/http-errors';
import { binary, text } from '../http/responses';
import { loadRun, runParams } from './reconciliation-params';
import { exportDiscrepanciesQuery as query } from './reconciliation-schemas';
import { exportRun } from './run-export';

/**
 * GET /v1/reconciliations/{runId}/export?format=csv|xlsx&type=&status= — the run's discrepancies the
 * caller may see, as a file to open in Excel (Vietnamese headers and labels, agency names, amounts as
 * numbers, times in UTC+7, text cells neutralised against formula injection).
 */
export const handler = apiHandler({ auth: ['finance', 'province'], params: runParams, query, uses: [reconciliations, catalog] }, async ({ params, query: filters, principal }, deps) => {
  const run = await loadRun(params.runId, deps);
  const outcome = await exportRun(run, { ...filters, principal }, deps);
  if (outcome.kind === 'TOO_LARGE') {
    throw unprocessable('EXPORT_TOO_LARGE', `The export would hold ${outcome.what}; narrow it with type= or status=.`, [{ path: 'query', message: outcome.what }]);
  }
  const { file } = outcome;
  const headers = { 'content-disposition': `attachment; filename="${file.fileName}"` };
  return filters.format === 'csv' ? text(200, file.body.toString('utf8'), file.contentType, headers) : binary(200, file.body, file.contentType, headers);
});
