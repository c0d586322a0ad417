import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC helpers shared by the provider protocols. Comparisons go through crypto.timingSafeEqual on
 * buffers of equal length, so the time a check takes says nothing about how much of a guess was right.
 */
export type HmacAlgorithm = 'sha256' | 'sha512';

const DIGEST_BYTES: Record<HmacAlgorithm, number> = { sha256: 32, sha512: 64 };

export function hmacDigest(algorithm: HmacAlgorithm, secret: string, ...parts: (string | Buffer)[]): Buffer {
  const hmac = createHmac(algorithm, secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest();
}

/** Decodes a hex digest of the algorithm's exact length; anything else (odd length, non-hex) is undefined. */
export function decodeHexDigest(algorithm: HmacAlgorithm, hex: string): Buffer | undefined {
  const bytes = DIGEST_BYTES[algorithm];
  if (hex.length !== bytes * 2 || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
  return Buffer.from(hex, 'hex');
}

export function digestsEqual(expected: Buffer, provided: Buffer): boolean {
  return expected.length === provided.length && timingSafeEqual(expected, provided);
}

/**
 * Several secrets are accepted while one is being rotated out. A missing secret is a configuration
 * error, not a bad request, so it throws instead of quietly refusing every callback.
 */
export function secretList(secrets: string | readonly string[]): readonly string[] {
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  if (list.length === 0 || list.some((secret) => secret.length === 0)) {
    throw new TypeError('a provider secret is not configured (empty secret list or empty secret)');
  }
  return list;
}
