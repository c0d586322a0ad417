import { PROVIDERS } from '../../domain/payments/payment';
import type { ProviderName } from '../../domain/providers/provider-payment-report';
import { isBusinessDate, type BusinessDate } from '../../domain/shared/business-date';
import { UPLOAD_ID_PATTERN } from '../../domain/reconciliation-runs/reconciliation-ids';

/**
 * Where settlement files are kept in the store, one object per upload, never overwritten:
 *   settlements/<provider>/<businessDate>/<uploadId>.csv   written by the API after validation
 *   incoming/<provider>/<businessDate>/<uploadId>.csv      PUT by a client through an upload URL;
 *                                                          validated when S3 announces it
 * The bucket announces every new object, the API's own included: only `incoming/` ones are read.
 */
export interface SettlementObjectAddress {
  readonly provider: ProviderName;
  readonly businessDate: BusinessDate;
  readonly uploadId: string;
}

export function acceptedObjectKey(address: SettlementObjectAddress): string {
  return `settlements/${address.provider}/${address.businessDate}/${address.uploadId}.csv`;
}

export function incomingObjectKey(address: SettlementObjectAddress): string {
  return `incoming/${address.provider}/${address.businessDate}/${address.uploadId}.csv`;
}

const INCOMING = /^incoming\/([a-z-]+)\/(\d{4}-\d{2}-\d{2})\/(upl_[0-9A-Z]+)\.csv$/;

/** The address an incoming object's key names, or undefined for any other key. */
export function parseIncomingObjectKey(key: string): SettlementObjectAddress | undefined {
  const match = INCOMING.exec(key);
  if (!match) return undefined;
  const [, provider, businessDate, uploadId] = match as unknown as [string, string, string, string];
  if (!(PROVIDERS as readonly string[]).includes(provider) || !isBusinessDate(businessDate) || !UPLOAD_ID_PATTERN.test(uploadId)) return undefined;
  return { provider: provider as ProviderName, businessDate, uploadId };
}
