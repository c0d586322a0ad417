import type { ReviewReason } from '../../domain/review/review-item';
import type { StoredCase } from '../cases/case-repository';
import type { ReviewAction } from './review-item-schemas';

/**
 * A case a provider report found, as CONTRACT's review item: its id is the case's, OPEN while the
 * case is, RESOLVED once it is decided (whichever route decided it), with the decision in the
 * review's words (ACCEPT for ACCEPT_PROVIDER). caseStatus tells a REFUND_DUE case from a closed one.
 */
const REVIEW_ACTION_OF: Record<string, ReviewAction | 'AUTO_APPLIED'> = { ACCEPT_PROVIDER: 'ACCEPT', REFUND: 'REFUND', WRITE_OFF: 'WRITE_OFF', AUTO_APPLIED: 'AUTO_APPLIED' };

export function reviewItemView(found: StoredCase) {
  const decision = found.decision;
  return {
    reviewId: found.caseId,
    caseId: found.caseId,
    reason: found.reviewReason as ReviewReason,
    status: found.status === 'OPEN' ? ('OPEN' as const) : ('RESOLVED' as const),
    caseStatus: found.status,
    caseType: found.type,
    provider: found.provider,
    providerTxnId: found.providerTxnId ?? '',
    paymentId: found.paymentId ?? '',
    ...(found.agencyCode ? { agencyCode: found.agencyCode } : {}),
    ...(found.dossierId ? { dossierId: found.dossierId } : {}),
    ...(found.expectedAmount !== null ? { expectedAmount: found.expectedAmount } : {}),
    reportedAmount: found.providerAmount ?? 0,
    ...(found.providerAmountText !== undefined ? { providerAmount: found.providerAmountText } : {}),
    createdAt: found.openedAt,
    ...(decision ? { resolution: { action: REVIEW_ACTION_OF[decision.action] ?? decision.action, note: decision.note ?? '', by: decision.by, at: decision.at } } : {}),
  };
}
