import { catalog, clock, reportCounters, targetSets } from '../composition';
import { validateInput } from '../../domain/shared/validation';
import { apiHandler, zodDetails } from '../http/api-handler';
import { HttpError, validationFailed } from '../http/http-errors';
import { trusted } from '../http/html';
import { renderDashboardErrorPage } from './dashboard-error-page';
import { htmlResponse } from './page-layout';
import { reportQuerySchema } from './report-query';
import { answerReport } from './report-responses';

/**
 * GET /dashboard — the report as a Vietnamese page with charts, for people in a browser. Takes the
 * report's query; without a period it shows the current month so far. The query is validated here
 * rather than by the route spec so that a refusal is a page too, with the same status and details.
 */
export const handler = apiHandler({ auth: ['finance', 'province'], uses: [targetSets, clock, catalog, reportCounters] }, async (request, deps) => {
  try {
    const parsed = validateInput(reportQuerySchema, request.event.queryStringParameters ?? {});
    if (!parsed.success) throw validationFailed(zodDetails(parsed.error));
    return await answerReport({ query: parsed.data, principal: request.principal }, deps, { representation: 'html', periodRequired: false });
  } catch (error) {
    if (!(error instanceof HttpError) || error.statusCode >= 500) throw error;
    return htmlResponse(error.statusCode, trusted(renderDashboardErrorPage(error, request.requestId)));
  }
});
