import { catalog, clock, reportCounters, targetSets } from '../composition';
import { validateInput } from '../../domain/shared/validation';
import { zodDetails } from '../http/api-handler';
import { HttpError, validationFailed } from '../http/http-errors';
import { staffHandler } from '../staff/staff-handler';
import { staffPage } from '../staff/staff-layout';
import { dashboardErrorBody, dashboardErrorTitle } from './dashboard-error-page';
import { dashboardQuery } from './dashboard-query';
import { reportQuerySchema } from './report-query';
import { answerReport } from './report-responses';

/**
 * GET /dashboard — the provincial office's dashboard, a staff page: online-payment rates against a
 * target set with charts, for the signed-in finance (its own agencies) or province (all) user. Without
 * a period it shows the month so far and says so; dates are typed dd/mm/yyyy. `format=csv` downloads
 * the same report as CSV through the same session. A refusal is a Vietnamese page in the frame.
 */
export const handler = staffHandler({ roles: ['finance', 'province'], uses: [targetSets, clock, catalog, reportCounters] }, async (request, deps) => {
  const { principal, csrfToken } = request;
  try {
    const parsed = validateInput(reportQuerySchema, dashboardQuery(request.path));
    if (!parsed.success) throw validationFailed(zodDetails(parsed.error));
    const query = parsed.data;
    return await answerReport({ query, principal }, deps, {
      // No JSON on a page: the JSON report is the API's (GET /v1/reports/online-payments, bearer token).
      representation: query.format === 'csv' ? 'csv' : 'html',
      periodRequired: false,
      htmlPage: (view) => staffPage(200, { ...view, principal, csrfToken, active: 'dashboard' }),
    });
  } catch (error) {
    if (!(error instanceof HttpError) || error.statusCode >= 500) throw error;
    return staffPage(error.statusCode, { title: dashboardErrorTitle(error), principal, csrfToken, active: 'dashboard', body: dashboardErrorBody(error) });
  }
});
