import { createHash, randomBytes } from 'node:crypto';
import type { BusinessDate } from '../shared/business-date';
import { timeOrderedId } from '../shared/time-ordered-id';
import type { DiscrepancyReason, DiscrepancyType } from '../reconciliation/discrepancy';

/**
 * Identifiers of reconciliation runs, settlement uploads and discrepancies.
 *
 * Runs and uploads get a prefix, 10 characters of time and 11 random ones (Crockford base32, as
 * payment ids), so they sort by creation time in a key and read well in logs.
 *
 * A discrepancy's id is NOT random: it is derived from what was found (provider, business date,
 * type, reason, the references it names), so every run of a day gives the same finding the same id.
 * That is what lets a re-run write its findings without doubling them and lets a resolution made on
 * one run carry over to the next.
 */
export const RUN_ID_PATTERN = /^rec_[0-9A-HJKMNP-TV-Z]{21}$/;
export const UPLOAD_ID_PATTERN = /^upl_[0-9A-HJKMNP-TV-Z]{21}$/;
export const DISCREPANCY_ID_PATTERN = /^dsc_[A-Za-z0-9_-]{20}$/;

export function newReconciliationRunId(now: Date, random: (size: number) => Uint8Array = randomBytes): string {
  return `rec_${timeOrderedId(now, random)}`;
}

export function newSettlementUploadId(now: Date, random: (size: number) => Uint8Array = randomBytes): string {
  return `upl_${timeOrderedId(now, random)}`;
}

/** What identifies one finding of a day's reconciliation, whichever run found it. */
export interface DiscrepancyIdentity {
  readonly provider: string;
  readonly businessDate: BusinessDate;
  readonly type: DiscrepancyType;
  readonly reason: DiscrepancyReason;
  readonly providerTxnId: string | null;
  readonly paymentId: string | null;
  /**
   * 0 for the first finding with these fields, 1 for the next… Only a provider_txn_id repeated in the
   * file (DUPLICATE / PROVIDER_TXN_REPEATED) can give equal fields twice; its repeats are numbered in
   * line order.
   */
  readonly occurrence: number;
}

export function discrepancyIdOf(identity: DiscrepancyIdentity): string {
  const fields = [
    identity.provider,
    identity.businessDate,
    identity.type,
    identity.reason,
    identity.providerTxnId ?? '',
    identity.paymentId ?? '',
    String(identity.occurrence),
  ];
  // A unit separator cannot occur in any field (identifiers refuse control characters).
  const digest = createHash('sha256').update(fields.join('\u001f')).digest();
  return `dsc_${digest.subarray(0, 15).toString('base64url')}`;
}
