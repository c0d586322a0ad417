import type { Payment } from '../../domain/payments/payment';
import type { PaymentStatus } from '../../domain/payments/payment-state-machine';
import type { Dependencies } from '../composition';
import type { Principal } from '../http/principal';
import { accessPayment } from './payment-access';

/**
 * Cancelling a payment the citizen abandoned: only a PENDING payment can be cancelled, by a
 * conditional write, so a cancel racing a provider's success never undoes the success.
 */
export type CancelPaymentResult =
  | { readonly kind: 'CANCELLED'; readonly payment: Payment }
  | { readonly kind: 'INVALID_STATE'; readonly status: PaymentStatus }
  | { readonly kind: 'NOT_FOUND' }
  | { readonly kind: 'FORBIDDEN' };

export async function cancelPayment(
  command: { paymentId: string; principal: Principal },
  deps: Pick<Dependencies, 'payments' | 'clock'>,
): Promise<CancelPaymentResult> {
  const access = await accessPayment(command.paymentId, command.principal, deps);
  if (access.kind !== 'ALLOWED') return access;
  return deps.payments.cancel(command.paymentId, deps.clock.now());
}
