import * as z from 'zod/mini';
import { PROVIDERS } from '../../domain/payments/payment';
import type { Clock } from '../../domain/ports/clock';
import { businessDateOf, isBusinessDate } from '../../domain/shared/business-date';
import { validationFailed } from '../http/http-errors';
import type { SettlementFileRecord, SettlementUpload } from './settlement-file-repository';

/** Path parameters of the settlement routes, shared by their handlers. */
export const providerSchema = z.enum(PROVIDERS, { error: `must be one of ${PROVIDERS.join(', ')}` });
export const businessDateSchema = z.string().check(z.refine(isBusinessDate, 'must be a business date YYYY-MM-DD'));

export const settlementParams = z.object({ provider: providerSchema, businessDate: businessDateSchema });

/** A settlement file is published after its day: a date after today (UTC+7) is a mistake. */
export function refuseFutureDate(businessDate: string, clock: Clock, path = 'businessDate'): void {
  const today = businessDateOf(clock.now());
  if (businessDate > today) throw validationFailed([{ path, message: `must not be after today (${today})` }]);
}

export function settlementFileView(file: SettlementFileRecord) {
  return {
    provider: file.provider,
    businessDate: file.businessDate,
    rows: file.rows,
    totalAmount: file.totalAmount,
    totalFee: file.totalFee,
    uploadId: file.uploadId,
    sizeBytes: file.sizeBytes,
    checksumSha256: file.checksumSha256,
    uploadedBy: file.uploadedBy,
    uploadedAt: file.uploadedAt,
    source: file.source,
  };
}

export function settlementUploadView(upload: SettlementUpload) {
  return {
    uploadId: upload.uploadId,
    status: upload.status,
    source: upload.source,
    requestedBy: upload.requestedBy,
    requestedAt: upload.requestedAt,
    ...(upload.declaredSizeBytes !== undefined ? { declaredSizeBytes: upload.declaredSizeBytes } : {}),
    ...(upload.expiresAt ? { expiresAt: upload.expiresAt } : {}),
    ...(upload.decidedAt ? { decidedAt: upload.decidedAt } : {}),
    ...(upload.rows !== undefined ? { rows: upload.rows, totalAmount: upload.totalAmount } : {}),
    ...(upload.rejection ? { rejection: { line: upload.rejection.line, field: upload.rejection.field, message: upload.rejection.message } } : {}),
  };
}
