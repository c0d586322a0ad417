import { decodeHexDigest, digestsEqual, hmacDigest, secretList } from './hmac';

/**
 * The Stripe-style signature header `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * mock-bank signs its callbacks with it and the service signs its notifications to the portal with it,
 * so both sides share this one implementation.
 *
 * The timestamp is inside the signed text, so a captured request cannot be replayed with a fresh `t`,
 * and a stale one is refused after the tolerance. Several `v1=` entries let a sender sign with an old
 * and a new secret while a secret is rotated.
 */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** A header longer than this, or with more entries, is refused before any HMAC is computed. */
const MAX_HEADER_LENGTH = 2048;
const MAX_SIGNATURES = 8;
const UNIX_SECONDS = /^\d{1,12}$/;

export type SignatureFailureReason =
  | 'MISSING_HEADER'
  | 'MALFORMED_HEADER'
  | 'MISSING_TIMESTAMP'
  | 'MISSING_SIGNATURE'
  | 'SIGNATURE_MISMATCH'
  | 'TIMESTAMP_OUT_OF_TOLERANCE';

export type SignatureVerification =
  | { valid: true; timestamp: number; /** which configured secret matched, 0 = the first */ secretIndex: number }
  | { valid: false; reason: SignatureFailureReason };

interface ParsedHeader {
  timestamp: string;
  signatures: Buffer[];
}

export function signTimestamped(input: {
  rawBody: string | Buffer;
  secrets: string | readonly string[];
  at: Date;
}): string {
  const timestamp = String(Math.floor(input.at.getTime() / 1000));
  const signatures = secretList(input.secrets).map(
    (secret) => `v1=${hmacDigest('sha256', secret, `${timestamp}.`, input.rawBody).toString('hex')}`,
  );
  return [`t=${timestamp}`, ...signatures].join(',');
}

export function verifyTimestamped(input: {
  header: string | undefined;
  rawBody: string | Buffer;
  secrets: string | readonly string[];
  now: Date;
  toleranceSeconds?: number;
}): SignatureVerification {
  const secrets = secretList(input.secrets);
  if (input.header === undefined || input.header.trim() === '') return { valid: false, reason: 'MISSING_HEADER' };

  const parsed = parseHeader(input.header);
  if ('reason' in parsed) return { valid: false, reason: parsed.reason };

  // Every secret is tried against every signature; stopping at the first match is fine because a
  // match only reveals what the sender already knows.
  let secretIndex = -1;
  for (let i = 0; i < secrets.length && secretIndex < 0; i += 1) {
    const expected = hmacDigest('sha256', secrets[i]!, `${parsed.timestamp}.`, input.rawBody);
    if (parsed.signatures.some((provided) => digestsEqual(expected, provided))) secretIndex = i;
  }
  if (secretIndex < 0) return { valid: false, reason: 'SIGNATURE_MISMATCH' };

  const timestamp = Number(parsed.timestamp);
  const tolerance = input.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  // Both directions: a timestamp from the future is as suspicious as a stale one.
  if (Math.abs(nowSeconds - timestamp) > tolerance) return { valid: false, reason: 'TIMESTAMP_OUT_OF_TOLERANCE' };

  return { valid: true, timestamp, secretIndex };
}

function parseHeader(header: string): ParsedHeader | { reason: SignatureFailureReason } {
  if (header.length > MAX_HEADER_LENGTH) return { reason: 'MALFORMED_HEADER' };
  let timestamp: string | undefined;
  const signatures: Buffer[] = [];
  for (const item of header.split(',')) {
    const separator = item.indexOf('=');
    if (separator <= 0) return { reason: 'MALFORMED_HEADER' };
    const key = item.slice(0, separator).trim();
    const value = item.slice(separator + 1).trim();
    if (key === 't') {
      // Two timestamps would leave it open which one was signed.
      if (timestamp !== undefined || !UNIX_SECONDS.test(value)) return { reason: 'MALFORMED_HEADER' };
      timestamp = value;
    } else if (key === 'v1') {
      const digest = decodeHexDigest('sha256', value);
      if (digest === undefined || signatures.length >= MAX_SIGNATURES) return { reason: 'MALFORMED_HEADER' };
      signatures.push(digest);
    }
    // Other schemes (v0, future versions) are ignored, as Stripe does, so senders can add them.
  }
  if (timestamp === undefined) return { reason: 'MISSING_TIMESTAMP' };
  if (signatures.length === 0) return { reason: 'MISSING_SIGNATURE' };
  return { timestamp, signatures };
}
