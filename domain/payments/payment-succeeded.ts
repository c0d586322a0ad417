import type { ProviderName } from '../providers/provider-payment-report';
import type { BusinessDate } from '../shared/business-date';
import type { AmountVnd } from '../shared/money';

/**
 * The integration event announced once a payment's money is collected: the portal is notified and
 * an e-receipt is issued from it. Its id is derived from the payment, so a payment is announced at
 * most once however many times its success is reported.
 */
export interface PaymentSucceededEvent {
  readonly type: 'PaymentSucceeded';
  readonly eventId: string;
  readonly paymentId: string;
  readonly dossierId: string;
  readonly procedureCode: string;
  readonly agencyCode: string;
  readonly provider: ProviderName;
  readonly providerTxnId: string;
  readonly amount: AmountVnd;
  readonly paidAt: string;
  readonly businessDate: BusinessDate;
  readonly lateSuccess: boolean;
}

export function paymentSucceededEventId(paymentId: string): string {
  return `PaymentSucceeded:${paymentId}`;
}
