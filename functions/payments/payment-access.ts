import type { Payment } from '../../domain/payments/payment';
import type { Dependencies } from '../composition';
import { canActForAgency, type Principal } from '../http/principal';

/** A payment as one caller may see it: absent, another agency's (refused), or readable. */
export type PaymentAccess =
  | { readonly kind: 'NOT_FOUND' }
  | { readonly kind: 'FORBIDDEN' }
  | { readonly kind: 'ALLOWED'; readonly payment: Payment };

export async function accessPayment(paymentId: string, principal: Principal, deps: Pick<Dependencies, 'payments'>): Promise<PaymentAccess> {
  const payment = await deps.payments.getPayment(paymentId);
  if (!payment) return { kind: 'NOT_FOUND' };
  if (!canActForAgency(principal, payment.agencyCode)) return { kind: 'FORBIDDEN' };
  return { kind: 'ALLOWED', payment };
}
