import { type SignatureVerification, signTimestamped, verifyTimestamped } from './timestamped-signature';

/**
 * The service's own signed webhook to the national portal (`PaymentSucceeded`): the same
 * `t=…,v1=…` HMAC-SHA256 scheme mock-bank uses, under the service's header name, so the portal
 * (and mock-portal's notification receiver) verifies it exactly as the service verifies mock-bank.
 */
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
