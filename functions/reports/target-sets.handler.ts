import { summarizeTargetSet } from '../../domain/reports/target-sets';
import { targetSets } from '../composition';
import { apiHandler } from '../http/api-handler';
import { json } from '../http/responses';

/**
 * GET /v1/target-sets — the target sets reports can be measured against, in the shape a report
 * shows its own. For the roles that read reports: the sets are public policy, but the route belongs
 * to the reports and keeps their audience.
 */
export const handler = apiHandler({ auth: ['finance', 'province'], uses: [targetSets] }, async (_request, { targetSets }) =>
  json(200, { items: targetSets.map(summarizeTargetSet) }),
);
