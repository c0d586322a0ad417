import type { StoredDiscrepancy } from '../../domain/reconciliation-runs/reconciliation-run';
import { catalog, reconciliations } from '../composition';
import { apiHandler } from '../http/api-handler';
import { unprocessable } from '../http/http-errors';
import { binary, text } from '../http/responses';
import { agencyScope } from './reconciliation-access';
import { renderDiscrepancyExport } from './discrepancy-export';
import { loadRun, runParams } from './reconciliation-params';
import { exportDiscrepanciesQuery as query } from './reconciliation-schemas';

/** A Lambda response carries at most 6 MB, base64 included; beyond these, filter by type or status. */
export const MAX_EXPORT_ROWS = 20_000;
export const MAX_EXPORT_BYTES = 4 * 1024 * 1024;
const PAGE_SIZE = 100;

/**
 * GET /v1/reconciliations/{runId}/export?format=csv|xlsx&type=&status= — the run's discrepancies the
 * caller may see, as a file to open in Excel (Vietnamese headers and labels, agency names, amounts as
 * numbers, times in UTC+7, text cells neutralised against formula injection).
 */
export const handler = apiHandler({ auth: ['finance', 'province'], params: runParams, query, uses: [reconciliations, catalog] }, async ({ params, query: filters, principal }, deps) => {
  const run = await loadRun(params.runId, deps);
  const discrepancies: StoredDiscrepancy[] = [];
  let cursor: string | null = null;
  do {
    const page = await deps.reconciliations.listDiscrepancies(run.runId, {
      ...(filters.type ? { type: filters.type } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      agencies: agencyScope(principal),
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    });
    discrepancies.push(...page.items);
    if (discrepancies.length > MAX_EXPORT_ROWS) throw tooLarge(`more than ${MAX_EXPORT_ROWS} discrepancies`);
    cursor = page.nextCursor;
  } while (cursor);
  const agencyNames = new Map((await deps.catalog.listAgencies()).map((agency) => [agency.code, agency.name]));
  const file = await renderDiscrepancyExport(run, discrepancies, filters.format, (code) => agencyNames.get(code));
  if (file.body.length > MAX_EXPORT_BYTES) throw tooLarge(`more than ${MAX_EXPORT_BYTES} bytes`);
  const headers = { 'content-disposition': `attachment; filename="${file.fileName}"` };
  return filters.format === 'csv' ? text(200, file.body.toString('utf8'), file.contentType, headers) : binary(200, file.body, file.contentType, headers);
});

function tooLarge(what: string) {
  return unprocessable('EXPORT_TOO_LARGE', `The export would hold ${what}; narrow it with type= or status=.`, [{ path: 'query', message: what }]);
}
