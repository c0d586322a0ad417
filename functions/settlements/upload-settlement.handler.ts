import { clock, config, settlementFiles, settlements } from '../composition';
import { apiHandler } from '../http/api-handler';
import { unsupportedMediaType, validationFailed } from '../http/http-errors';
import { json } from '../http/responses';
import { refuseFutureDate, settlementFileView, settlementParams } from './settlement-params';
import { MAX_API_UPLOAD_BYTES, messageOf, uploadSettlementFile } from './store-settlement-file';

/**
 * PUT /v1/settlements/{provider}/{businessDate} (text/csv, at most 10 MB) — stores the provider's
 * settlement file for the day: 201 {rows, totalAmount, …} when valid; 400 naming the first bad line
 * (`line 7: amount`) and nothing stored otherwise. A valid upload replaces the day's previous file.
 */
export const handler = apiHandler(
  { auth: ['finance'], params: settlementParams, maxBodyBytes: MAX_API_UPLOAD_BYTES, uses: [config, clock, settlementFiles, settlements] },
  async ({ params, rawBody, headers, principal }, deps) => {
    if (!/^text\/csv\s*(;|$)/i.test(headers['content-type'] ?? '')) throw unsupportedMediaType('text/csv');
    refuseFutureDate(params.businessDate, deps.clock);
    const outcome = await uploadSettlementFile({ ...params, body: rawBody, uploadedBy: principal.subject }, deps);
    if (outcome.kind === 'INVALID') {
      const { line, field } = outcome.error;
      throw validationFailed([{ path: `line ${line}: ${field}`, message: messageOf(outcome.error) }], `The settlement file is not valid at line ${line} (${field}); nothing was stored.`);
    }
    return json(201, settlementFileView(outcome.file), { location: `/v1/settlements/${params.provider}/${params.businessDate}` });
  },
);
