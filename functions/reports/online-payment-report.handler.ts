import { catalog, clock, reportCounters, targetSets } from '../composition';
import { apiHandler } from '../http/api-handler';
import { reportQuerySchema } from './report-query';
import { chooseRepresentation } from './report-representation';
import { answerReport } from './report-responses';

/**
 * GET /v1/reports/online-payments?from&to&groupBy&agency&targetSet — online-payment rates against a
 * target set, for finance (its own agencies) and province (all). JSON by default, CSV for
 * `Accept: text/csv`, the dashboard page for `Accept: text/html`; `format=` overrides Accept.
 */
export const handler = apiHandler({ auth: ['finance', 'province'], query: reportQuerySchema, uses: [targetSets, clock, catalog, reportCounters] }, async (request, deps) =>
  answerReport(request, deps, { representation: chooseRepresentation(request.query.format, request.headers.accept), periodRequired: true }),
);
