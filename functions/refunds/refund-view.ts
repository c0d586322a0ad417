import type { Refund } from '../../domain/refunds/refund';

/** The API's view of a refund (CONTRACT.md, Refunds); its events, oldest first, type and at first. */
export function refundView(refund: Refund) {
  return {
    refundId: refund.refundId,
    paymentId: refund.paymentId,
    amount: refund.amount,
    status: refund.status,
    reason: refund.reason,
    createdAt: refund.createdAt,
    createdBy: refund.createdBy,
    updatedAt: refund.updatedAt,
    ...(refund.caseId !== undefined ? { caseId: refund.caseId } : {}),
    ...(refund.providerRefundId !== undefined ? { providerRefundId: refund.providerRefundId } : {}),
    ...(refund.refundedAt !== undefined ? { refundedAt: refund.refundedAt, businessDate: refund.businessDate } : {}),
    ...(refund.failureReason !== undefined ? { failureReason: refund.failureReason } : {}),
    events: refund.events.map(({ type, at, ...details }) => ({ type, at, ...details })),
  };
}
