import type { CaseTrailEntry } from '../../domain/cases/case';
import type { Payment } from '../../domain/payments/payment';
import type { StoredCase } from './case-repository';

/**
 * The API's view of a case (GET /v1/cases…): what it is about, its one status and decision, the
 * findings that saw it, and — for one case — its trail and the payment as it is now. Nested objects are
 * rebuilt in a fixed key order (DynamoDB maps come back in none).
 */
export function caseView(found: StoredCase) {
  return {
    caseId: found.caseId,
    type: found.type,
    status: found.status,
    provider: found.provider,
    providerTxnId: found.providerTxnId,
    paymentId: found.paymentId,
    dossierId: found.dossierId,
    agencyCode: found.agencyCode,
    expectedAmount: found.expectedAmount,
    providerAmount: found.providerAmount,
    ...(found.providerAmountText !== undefined ? { providerAmountText: found.providerAmountText } : {}),
    providerPaidAt: found.providerPaidAt,
    openedAt: found.openedAt,
    updatedAt: found.updatedAt,
    findings: found.findings.map((finding) => ({
      source: finding.source,
      type: finding.type,
      contractType: finding.contractType,
      ...(finding.eventId ? { eventId: finding.eventId } : {}),
      ...(finding.runId ? { runId: finding.runId } : {}),
      ...(finding.discrepancyId ? { discrepancyId: finding.discrepancyId } : {}),
      ...(finding.businessDate ? { businessDate: finding.businessDate } : {}),
      at: finding.at,
    })),
    decision: found.decision
      ? { action: found.decision.action, note: found.decision.note, by: found.decision.by, at: found.decision.at, effect: found.decision.effect }
      : null,
  };
}

/** Every action on a case, oldest first, with the case's status after it (the discrepancy routes show the same). */
export function caseTrailView(trail: readonly CaseTrailEntry[]) {
  return trail.map((entry) => ({ action: entry.action, note: entry.note, by: entry.by, at: entry.at, caseStatus: entry.status }));
}

/** What a case page shows of its payment: where it stands now. */
export function casePaymentView(payment: Payment) {
  return {
    paymentId: payment.paymentId,
    status: payment.status,
    dossierId: payment.dossierId,
    procedureCode: payment.procedureCode,
    agencyCode: payment.agencyCode,
    provider: payment.provider,
    amount: payment.amount,
    paidAmount: payment.paidAmount ?? null,
    providerTxnId: payment.providerTxnId ?? null,
    paidAt: payment.paidAt ?? null,
    businessDate: payment.businessDate ?? null,
    lateSuccess: payment.lateSuccess ?? false,
    duplicateOfPaymentId: payment.duplicateOfPaymentId ?? null,
    reversed: payment.reversal !== undefined,
    eReceiptNo: payment.eReceiptNo ?? null,
    createdAt: payment.createdAt,
  };
}
