import type { PaymentSucceededEvent } from '../payments/payment-succeeded';
import { type SignatureVerification, signTimestamped, verifyTimestamped } from './timestamped-signature';

/**
 * The service's own signed webhook to the national portal (`PaymentSucceeded`): the same
 * `t=…,v1=…` HMAC-SHA256 scheme mock-bank uses, under the service's header name, so the portal
 * (and mock-portal's notification receiver) verifies it exactly as the service verifies mock-bank.
 */
/**
 * The body of the PaymentSucceeded webhook: the event, and once the e-receipt is issued its number
 * and the link the citizen opens without a token (`eReceiptNo` repeats `receiptNo` for portals that
 * read the older name).
 */
export interface PaymentSucceededNotification extends PaymentSucceededEvent {
  readonly receiptNo?: string;
  readonly receiptUrl?: string;
  readonly eReceiptNo?: string;
}

export const SERVICE_SIGNATURE_HEADER = 'X-Service-Signature';

export function signServiceNotification(rawBody: string | Buffer, secrets: string | readonly string[], at: Date): string {
  return signTimestamped({ rawBody, secrets, at });
}

export function verifyServiceNotification(input: {
  header: string | undefined;
  rawBody: string | Buffer;
  secrets: string | readonly string[];
  now: Date;
  toleranceSeconds?: number;
}): SignatureVerification {
  return verifyTimestamped(input);
}
