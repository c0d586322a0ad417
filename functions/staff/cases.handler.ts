import { handler as casePage } from './case-page.handler';
import { handler as caseQueue } from './case-queue.handler';
import { byPageRoute } from './page-routes';

/** The case queue and a case's page. */
export const handler = byPageRoute({
  'GET /staff/cases': caseQueue,
  'GET /staff/cases/{caseId}': casePage,
  'POST /staff/cases/{caseId}': casePage,
});
