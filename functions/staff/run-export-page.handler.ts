import { catalog, reconciliations } from '../composition';
import { binary, text } from '../http/responses';
import { exportRun } from '../reconciliation/run-export';
import { runPageParams } from './run-page.handler';
import { staffHandler } from './staff-handler';
import { StaffPageError } from './staff-page-error';
import { STAFF_PAGE_HEADERS } from './page-security';

/**
 * GET /staff/runs/{runId}/export.csv and …/export.xlsx — the run's export under the staff session (the
 * API's export route takes a bearer token a browser does not have), through the same exportRun.
 */
export const handler = staffHandler({ roles: ['finance', 'province'], params: runPageParams, uses: [reconciliations, catalog] }, async (request, deps) => {
  const format = request.path.split('?')[0]!.endsWith('.xlsx') ? 'xlsx' : 'csv';
  const run = await deps.reconciliations.getRun(request.params.runId);
  if (!run) throw new StaffPageError(404, 'Không tìm thấy lần đối soát này. Hãy mở lại từ bảng đối soát.');
  const outcome = await exportRun(run, { format, principal: request.principal }, deps);
  if (outcome.kind === 'TOO_LARGE') throw new StaffPageError(413, 'Lần đối soát có quá nhiều chênh lệch để tải về trong một file. Hãy báo bộ phận kỹ thuật.');
  const headers = { ...STAFF_PAGE_HEADERS, 'content-disposition': `attachment; filename="${outcome.file.fileName}"` };
  return format === 'csv' ? text(200, outcome.file.body.toString('utf8'), outcome.file.contentType, headers) : binary(200, outcome.file.body, outcome.file.contentType, headers);
});
