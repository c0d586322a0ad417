import type { AmountVnd } from '../shared/money';

/**
 * What any provider says about one payment attempt, once its own protocol (signature, field names,
 * units) has been checked and translated. The service's callback and mop-up use cases only ever see
 * this shape, so adding a provider never touches them.
 */
export type ProviderName = 'mock-bank' | 'mock-portal';

export type ProviderPaymentStatus = 'SUCCEEDED' | 'FAILED';

export interface ProviderPaymentReport {
  provider: ProviderName;
  /** Dedupe key for this report: the same event delivered twice carries the same eventId. */
  eventId: string;
  providerTxnId: string;
  paymentId: string;
  /** What the provider collected, in whole đồng; 0 when it reported no positive whole number of đồng (see providerAmount). */
  amount: AmountVnd;
  /**
   * The provider's amount exactly as it wrote it, in its own unit, when that is not a positive whole
   * number of đồng (mock-portal's pg_Amount 5200050 is 52 000,50 đ; 0; -5200000). The money may have
   * moved all the same, so such a success is reviewed like any amount mismatch: `amount` is then 0,
   * which no payment asks for (a payment of 0 đ is never created), so it never matches one.
   */
  providerAmount?: string;
  status: ProviderPaymentStatus;
  /** The provider's payment time, written with +07:00; its business date is the payment's. */
  occurredAt: string;
}

/** A field a provider sent that the service cannot accept, named so the log says what was wrong. */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * Payment ids, transaction ids and event ids travel through URLs, form fields and CSV cells; a narrow
 * alphabet keeps them safe in all three without escaping rules of their own.
 */
export const PROVIDER_REFERENCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
