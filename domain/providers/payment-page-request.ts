import type { AmountVnd } from '../shared/money';
import { isAmountVnd } from '../shared/money';
import { PROVIDER_REFERENCE_PATTERN } from './provider-payment-report';

/**
 * What a signed payment-page URL carries to a provider: the provider shows and charges exactly this
 * amount because the service signed it, not because the browser said so.
 */
export interface PaymentPageRequest {
  paymentId: string;
  amount: AmountVnd;
  returnUrl: string;
  /** Written with +07:00. */
  expiresAt: string;
  /** mock-portal links name the merchant terminal (pg_TmnCode) the payment is for. */
  tmnCode?: string;
}

export type PaymentPageVerification =
  | { ok: true; request: PaymentPageRequest }
  | { ok: false; reason: 'MALFORMED' | 'SIGNATURE_MISMATCH' | 'EXPIRED' | 'NOT_YET_VALID'; detail: string };

export const MAX_RETURN_URL_LENGTH = 2048;

export function isReturnUrl(value: string): boolean {
  if (value.length > MAX_RETURN_URL_LENGTH) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Builders throw on input the service should never produce; verifiers never throw. */
export function assertPaymentPageInput(input: { paymentId: string; amount: AmountVnd; returnUrl: string; expiresAt: Date }): void {
  if (!PROVIDER_REFERENCE_PATTERN.test(input.paymentId)) throw new RangeError(`not a payment id: ${input.paymentId}`);
  if (!isAmountVnd(input.amount) || input.amount <= 0) throw new RangeError(`not a positive amount in VND: ${input.amount}`);
  if (!isReturnUrl(input.returnUrl)) throw new RangeError('returnUrl must be an http(s) URL of at most 2048 characters');
  if (Number.isNaN(input.expiresAt.getTime())) throw new RangeError('expiresAt is not a time');
}

export function trimTrailingSlash(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/** The single value of a query parameter; a repeated parameter is as bad as a missing one. */
export function singleParam(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  return values.length === 1 ? values[0] : undefined;
}
