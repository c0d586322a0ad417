import type { Case } from '../../domain/cases/case';
import { refundableAmount } from '../../domain/refunds/refund-summary';
import type { Principal } from '../http/principal';
import { createRefund, type CreateRefundDependencies, type CreateRefundResult } from './create-refund';

/**
 * The refund a REFUND decision on a case starts: everything still refundable of the case's payment,
 * asked for by the officer who decided, under a key derived from the case so that however often this
 * runs (a retried request, a decision answered twice) the case has one refund. The refund carries the
 * case id, and its success moves the case REFUND_DUE → RESOLVED in the same transaction.
 *
 * It runs after the decision has committed, not inside its transaction: a crash in between leaves the
 * case REFUND_DUE with no refund, which the case queue shows and finance can refund from the API
 * (POST /v1/payments/{paymentId}/refunds) — money never moves twice, as the key and the payment's
 * reserve both guard it.
 */
export const caseRefundKey = (caseId: string) => `case-refund-${caseId.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export async function startCaseRefund(decided: Pick<Case, 'caseId' | 'paymentId' | 'type'>, principal: Principal, deps: CreateRefundDependencies): Promise<CreateRefundResult | { readonly kind: 'NOTHING_TO_REFUND' }> {
  if (!decided.paymentId) return { kind: 'NOTHING_TO_REFUND' };
  const payment = await deps.payments.getPayment(decided.paymentId);
  const available = payment ? refundableAmount(payment) : 0;
  if (!payment || available === 0) return { kind: 'NOTHING_TO_REFUND' };
  return createRefund(
    {
      principal,
      paymentId: payment.paymentId,
      idempotencyKey: caseRefundKey(decided.caseId),
      request: { amount: available, reason: `Hoàn tiền theo quyết định xử lý vụ việc ${decided.caseId} (${decided.type})`, refundAmountAvailable: available },
      caseId: decided.caseId,
    },
    deps,
  );
}
