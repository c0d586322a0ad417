import { catalog, clock } from '../composition';
import { apiHandler } from '../http/api-handler';
import { json } from '../http/responses';
import { businessDateOf } from '../../domain/shared/business-date';
import { listProceduresQuery as query } from './catalog-schemas';
import { procedureView } from './procedure-view';

/** GET /v1/procedures?agency=CODE — the public catalog, optionally for one agency. */
export const handler = apiHandler({ auth: 'public', query, uses: [catalog, clock] }, async ({ query }, { catalog, clock }) => {
  const procedures = await catalog.listProcedures(query.agency ? { agencyCode: query.agency } : {});
  const today = businessDateOf(clock.now());
  return json(200, { items: procedures.map((procedure) => procedureView(procedure, today)) });
});
