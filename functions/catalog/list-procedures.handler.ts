import { catalog, clock } from '../composition';
import { apiHandler } from '../http/api-handler';
import { json } from '../http/responses';
import { businessDateOf } from '../../domain/shared/business-date';
import { refuseUnknownAgencies } from './known-agencies';
import { listProceduresQuery as query } from './catalog-schemas';
import { procedureView } from './procedure-view';
import { agencyHistory } from '../../domain/catalog/agency-history';

/**
 * GET /v1/procedures?agency=CODE — the public catalog, optionally for one agency: the procedures that
 * agency serves today, its predecessors' included (a procedure moves with its agency to the successor).
 * An agency the catalog does not have is a 400 naming it.
 */
export const handler = apiHandler({ auth: 'public', query, uses: [catalog, clock] }, async ({ query }, { catalog, clock }) => {
  if (query.agency) await refuseUnknownAgencies(catalog, [query.agency]);
  const [procedures, agencies] = await Promise.all([catalog.listProcedures(), catalog.listAgencies()]);
  const today = businessDateOf(clock.now());
  const history = agencyHistory(agencies);
  const items = procedures
    .map((procedure) => ({ procedure, serving: history.servingOn(procedure.agencyCode, today) }))
    .filter(({ serving }) => query.agency === undefined || serving === query.agency)
    .map(({ procedure, serving }) => procedureView(procedure, today, serving));
  return json(200, { items });
});
