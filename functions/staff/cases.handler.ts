import { handler as casePage } from './case-page.handler';
import { handler as caseQueue } from './case-queue.handler';
import { byRoute } from './route-dispatch';

/** The case queue and a case's page. */
export const handler = byRoute({
  'GET /staff/cases': caseQueue,
  'GET /staff/cases/{caseId}': casePage,
  'POST /staff/cases/{caseId}': casePage,
});
