import * as z from 'zod/mini';
import { PROVIDERS } from '../../domain/payments/payment';
import type { ProviderName } from '../../domain/providers/provider-payment-report';
import { businessDateOf, isBusinessDate } from '../../domain/shared/business-date';
import { clock, config, settlementFiles, settlements } from '../composition';
import { MAX_API_UPLOAD_BYTES, uploadSettlementFile } from '../settlements/store-settlement-file';
import { formatFormDate, parseVietnamDate } from './form-dates';
import { PROVIDER_LABELS, optionsOf } from './labels';
import type { FieldError } from './page-parts';
import { boardLocation } from './settlement-actions';
import { settlementFileErrorMessage } from './settlement-file-messages';
import { staffHandler } from './staff-handler';
import { seeOther, staffPage } from './staff-layout';
import { uploadBody } from './upload-settlement-view';

const query = z.object({ provider: z.optional(z.string()), date: z.optional(z.string()) });
/** The file, its multipart framing and the two small fields. */
const MAX_FORM_BYTES = MAX_API_UPLOAD_BYTES + 64 * 1024;

/**
 * GET/POST /staff/settlements/upload — a settlement file uploaded from the browser (multipart), stored
 * through the same use case and validation as PUT /v1/settlements/{provider}/{businessDate}; the first
 * bad line is shown in Vietnamese next to the file field and nothing is stored.
 */
export const handler = staffHandler(
  { roles: ['finance'], query, maxBodyBytes: MAX_FORM_BYTES, uses: [clock, config, settlementFiles, settlements] },
  async (request, deps) => {
    const today = businessDateOf(deps.clock.now());
    const render = (statusCode: number, values: { provider: string; dateText: string }, errors: FieldError[]) =>
      staffPage(statusCode, {
        title: 'Tải file đối soát lên',
        principal: request.principal,
        csrfToken: request.csrfToken,
        active: 'board',
        body: uploadBody({ csrfToken: request.csrfToken, providerChoices: optionsOf(PROVIDER_LABELS), ...values, errors }),
      });

    if (request.method === 'GET') {
      const date = request.query.date && isBusinessDate(request.query.date) ? request.query.date : today;
      return render(200, { provider: request.query.provider ?? '', dateText: formatFormDate(date) }, []);
    }

    const provider = request.form.get('provider') ?? '';
    const dateText = (request.form.get('businessDate') ?? '').trim();
    const file = request.files.find((candidate) => candidate.field === 'file');
    const errors: FieldError[] = [];
    if (!(PROVIDERS as readonly string[]).includes(provider)) errors.push({ field: 'provider', message: 'Chọn nhà cung cấp' });
    const businessDate = parseVietnamDate(dateText);
    if (!businessDate) errors.push({ field: 'businessDate', message: 'Nhập ngày đối soát theo dạng ngày/tháng/năm, ví dụ 07/03/2026' });
    else if (businessDate > today) errors.push({ field: 'businessDate', message: 'Ngày đối soát không được sau hôm nay' });
    if (!file || file.bytes.length === 0) errors.push({ field: 'file', message: 'Chọn file đối soát cần tải lên' });
    if (errors.length > 0 || !file || !businessDate) return render(400, { provider, dateText }, errors);

    const target = { provider: provider as ProviderName, businessDate };
    const outcome = await uploadSettlementFile({ ...target, body: file.bytes, uploadedBy: request.principal.subject }, deps);
    if (outcome.kind === 'ACCEPTED') return seeOther(boardLocation(target, 'uploaded'));
    return render(400, { provider, dateText }, [{ field: 'file', message: settlementFileErrorMessage(outcome.error) }]);
  },
);
