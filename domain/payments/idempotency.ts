import { createHash } from 'node:crypto';

/**
 * Idempotency keys (CONTRACT.md, Payments): 1–255 characters of [A-Za-z0-9_-], chosen by the caller
 * and scoped to the caller, so two portals can never collide. A request is identified by a
 * fingerprint of its validated body; a key seen again with another fingerprint was reused for a
 * different request.
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;

export function isIdempotencyKey(value: string): boolean {
  return IDEMPOTENCY_KEY_PATTERN.test(value);
}

/** SHA-256 over canonical JSON (keys sorted at every level), so key order and spacing do not matter. */
export function requestFingerprint(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('base64url');
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/**
 * A caller's subject as it appears in a key's storage key: URL-encoded so that no subject can forge
 * another's key (no "#" survives), hashed when very long.
 */
export function scopedCaller(caller: string): string {
  const encoded = encodeURIComponent(caller);
  return encoded.length <= 200 ? encoded : `sha256:${createHash('sha256').update(caller).digest('base64url')}`;
}
