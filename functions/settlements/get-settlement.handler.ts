import { settlements } from '../composition';
import { apiHandler } from '../http/api-handler';
import { notFound } from '../http/http-errors';
import { json } from '../http/responses';
import { settlementFileView, settlementParams, settlementUploadView } from './settlement-params';

/**
 * GET /v1/settlements/{provider}/{businessDate} — the day's current settlement file (null if none was
 * accepted yet) and its latest uploads with their outcome (how an upload-URL upload is followed).
 */
export const handler = apiHandler({ auth: ['finance', 'province'], params: settlementParams, uses: [settlements] }, async ({ params }, deps) => {
  const [current, uploads] = await Promise.all([
    deps.settlements.getCurrent(params.provider, params.businessDate),
    deps.settlements.listUploads(params.provider, params.businessDate),
  ]);
  if (!current && uploads.length === 0) throw notFound(`A settlement file of ${params.provider} for ${params.businessDate}`);
  return json(200, {
    provider: params.provider,
    businessDate: params.businessDate,
    current: current ? settlementFileView(current) : null,
    uploads: uploads.map(settlementUploadView),
  });
});
