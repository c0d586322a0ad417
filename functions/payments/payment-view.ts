import type { Payment } from '../../domain/payments/payment';
import { receiptPath } from '../../domain/receipts/receipt-link';
import { refundSummary } from '../../domain/refunds/refund-summary';

/**
 * The API's view of a payment (CONTRACT.md, Payments). The payer's name stays inside the service (it
 * is for the e-receipt); the identity number is never stored at all. `events` is the payment's
 * history, oldest first.
 */
export function paymentView(payment: Payment, options: { withEvents: boolean; publicBaseUrl?: string }) {
  return {
    paymentId: payment.paymentId,
    status: payment.status,
    amount: payment.amount,
    currency: payment.currency,
    lines: payment.lines,
    provider: payment.provider,
    paymentUrl: payment.paymentUrl,
    vietQr: payment.vietQr,
    expiresAt: payment.expiresAt,
    createdAt: payment.createdAt,
    updatedAt: payment.updatedAt,
    dossierId: payment.dossierId,
    procedureCode: payment.procedureCode,
    agencyCode: payment.agencyCode,
    feeScheduleDate: payment.feeScheduleDate,
    returnUrl: payment.returnUrl,
    ...(payment.paidAt !== undefined ? { paidAt: payment.paidAt, businessDate: payment.businessDate, providerTxnId: payment.providerTxnId } : {}),
    ...(payment.lateSuccess ? { lateSuccess: true } : {}),
    ...(payment.duplicateOfPaymentId !== undefined ? { duplicateOfPaymentId: payment.duplicateOfPaymentId } : {}),
    ...(payment.eReceiptNo !== undefined ? { eReceiptNo: payment.eReceiptNo } : {}),
    // The citizen's link to the e-receipt, once issued (functions/receipts/).
    ...(payment.receiptToken !== undefined && options.publicBaseUrl !== undefined ? { receiptUrl: `${options.publicBaseUrl}${receiptPath(payment.receiptToken)}` } : {}),
    ...(payment.autoApplied !== undefined ? { autoApplied: payment.autoApplied } : {}),
    ...(payment.reversal !== undefined ? { reversal: payment.reversal } : {}),
    // What finance may still refund (its refundAmountAvailable for POST …/refunds).
    refundSummary: refundSummary(payment),
    // DynamoDB keeps no key order inside a map: put type and at first, as CONTRACT writes events.
    ...(options.withEvents ? { events: payment.events.map(({ type, at, ...details }) => ({ type, at, ...details })) } : {}),
  };
}
