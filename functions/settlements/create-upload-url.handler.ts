import { toVietnamIso } from '../../domain/shared/business-date';
import { clock, config, settlementFiles, settlements } from '../composition';
import { apiHandler } from '../http/api-handler';
import { HttpError, unprocessable } from '../http/http-errors';
import { json } from '../http/responses';
import { refuseFutureDate, settlementParams } from './settlement-params';
import { uploadUrlBody as body } from './settlement-schemas';
import { requestSettlementUploadUrl } from './store-settlement-file';

/**
 * POST /v1/settlements/{provider}/{businessDate}/upload-url {"sizeBytes"} — for files too large for
 * the API: a presigned PUT URL to the settlement bucket for exactly that many bytes, valid 15 minutes.
 * The file is validated when it arrives; `GET /v1/settlements/{provider}/{businessDate}` shows whether
 * the upload was ACCEPTED or REJECTED (with the line). Locally there is no bucket: 501.
 */
export const handler = apiHandler({ auth: ['finance'], params: settlementParams, body, uses: [config, clock, settlementFiles, settlements] }, async ({ params, body: input, principal }, deps) => {
  refuseFutureDate(params.businessDate, deps.clock);
  const outcome = await requestSettlementUploadUrl({ ...params, sizeBytes: input.sizeBytes, requestedBy: principal.subject }, deps);
  switch (outcome.kind) {
    case 'CREATED':
      return json(201, {
        uploadId: outcome.uploadId,
        method: outcome.upload.method,
        url: outcome.upload.url,
        headers: outcome.upload.headers,
        expiresAt: toVietnamIso(outcome.upload.expiresAt),
      });
    case 'TOO_LARGE':
      throw unprocessable('SETTLEMENT_FILE_TOO_LARGE', `A settlement file may have at most ${outcome.maxBytes} bytes.`, [
        { path: 'sizeBytes', message: `at most ${outcome.maxBytes}` },
      ]);
    case 'UNAVAILABLE':
      throw new HttpError(501, 'UPLOAD_URL_UNAVAILABLE', 'This installation keeps settlement files without a bucket; upload them with PUT /v1/settlements/{provider}/{businessDate}.');
  }
});
