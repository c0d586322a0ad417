import * as z from 'zod/mini';
import { catalog, clock } from '../composition';
import { apiHandler } from '../http/api-handler';
import { json } from '../http/responses';
import { businessDateOf } from '../../domain/shared/business-date';
import { refuseUnknownAgencies } from './known-agencies';
import { procedureView } from './procedure-view';

const query = z.object({ agency: z.optional(z.string().check(z.regex(/^[A-Z0-9_-]{1,32}$/, 'must be an agency code such as STP'))) });

/** GET /v1/procedures?agency=CODE — the public catalog, optionally for one agency (400 for an agency the catalog does not have). */
export const handler = apiHandler({ auth: 'public', query, uses: [catalog, clock] }, async ({ query }, { catalog, clock }) => {
  if (query.agency) await refuseUnknownAgencies(catalog, [query.agency]);
  const procedures = await catalog.listProcedures(query.agency ? { agencyCode: query.agency } : {});
  const today = businessDateOf(clock.now());
  return json(200, { items: procedures.map((procedure) => procedureView(procedure, today)) });
});
