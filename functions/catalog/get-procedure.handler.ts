import { catalog, clock } from '../composition';
import { apiHandler } from '../http/api-handler';
import { notFound } from '../http/http-errors';
import { json } from '../http/responses';
import { businessDateOf } from '../../domain/shared/business-date';
import { procedureParams as params } from './catalog-schemas';
import { procedureView } from './procedure-view';
import { agencyServing } from './serving-agency';

/** GET /v1/procedures/{code} — one procedure with its fee schedule. */
export const handler = apiHandler({ auth: 'public', params, uses: [catalog, clock] }, async ({ params }, { catalog, clock }) => {
  const procedure = await catalog.getProcedure(params.code);
  if (!procedure) throw notFound(`Procedure ${params.code}`);
  const today = businessDateOf(clock.now());
  return json(200, procedureView(procedure, today, await agencyServing(catalog, procedure, today)));
});
