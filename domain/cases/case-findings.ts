import type { Discrepancy } from '../reconciliation/discrepancy';
import type { ProviderName } from '../providers/provider-payment-report';
import type { ReviewReason } from '../review/review-item';
import type { CaseSubject, CaseType } from './case';

/**
 * How each flow's finding maps to a case: its type and what it is about. The two vocabularies of
 * CONTRACT (review reasons of provider reports, discrepancy types of runs) meet here, so the same
 * problem found by a callback and by a run lands on the same case.
 */
export const CASE_TYPE_OF_REVIEW: Readonly<Record<ReviewReason, CaseType>> = {
  LATE_SUCCESS: 'LATE_SUCCESS',
  DUPLICATE_PAYMENT_FOR_DOSSIER: 'SECOND_PAYMENT',
  SECOND_PROVIDER_TRANSACTION: 'DUPLICATE',
  AMOUNT_MISMATCH: 'AMOUNT_MISMATCH',
  UNKNOWN_PAYMENT: 'UNKNOWN_PAYMENT',
};

/** A provider report's finding: always about the provider transaction it reports. */
export function reportCase(reason: ReviewReason, provider: ProviderName, providerTxnId: string): { type: CaseType; subject: CaseSubject } {
  return { type: CASE_TYPE_OF_REVIEW[reason], subject: { kind: 'COLLECTION', provider, providerTxnId } };
}

/**
 * A run's finding. `paymentTxnId` is the provider transaction the service recorded on the payment
 * (a second success of a paid dossier is found on the service's side only; its callback's case is
 * about that transaction). `occurrence` numbers repeats of one provider_txn_id in the file.
 */
export function discrepancyCase(
  discrepancy: Pick<Discrepancy, 'type' | 'reason' | 'providerTxnId' | 'paymentId'>,
  provider: ProviderName,
  paymentTxnId: string | null,
  occurrence = 0,
): { type: CaseType; subject: CaseSubject } | null {
  const txn = discrepancy.providerTxnId;
  const collection = (type: CaseType) => (txn ? { type, subject: { kind: 'COLLECTION' as const, provider, providerTxnId: txn } } : null);
  const settlement = (type: CaseType) =>
    discrepancy.paymentId ? { type, subject: { kind: 'SETTLEMENT' as const, provider, paymentId: discrepancy.paymentId } } : null;
  switch (discrepancy.reason) {
    case 'LOST_CALLBACK':
      return collection('LOST_CALLBACK');
    case 'SUCCESS_AFTER_FAILURE':
      return collection('LATE_SUCCESS');
    case 'SUCCESS_NOT_IN_DAY':
      return collection('SETTLED_OTHER_DAY');
    case 'AMOUNT_DIFFERS':
      return collection('AMOUNT_MISMATCH');
    case 'PAYMENT_SETTLED_TWICE':
      return collection('DUPLICATE');
    case 'PAYMENT_NOT_ISSUED':
      return collection('UNKNOWN_PAYMENT');
    case 'REVERSED_SUCCESS':
      return txn ? { type: 'REVERSAL', subject: { kind: 'REVERSAL', provider, providerTxnId: txn } } : null;
    case 'PROVIDER_TXN_REPEATED':
      return txn ? { type: 'DUPLICATE', subject: { kind: 'REPEAT', provider, providerTxnId: txn, occurrence } } : null;
    case 'DOSSIER_PAID_TWICE':
      return paymentTxnId ? { type: 'SECOND_PAYMENT', subject: { kind: 'COLLECTION', provider, providerTxnId: paymentTxnId } } : settlement('SECOND_PAYMENT');
    case 'NOT_IN_FILE':
    case 'CARRIED_OVER_NOT_IN_FILE':
      return settlement('MISSING_AT_PROVIDER');
    case 'PAID_BEFORE_MIDNIGHT':
      return settlement('PENDING_NEXT_DAY');
  }
}
