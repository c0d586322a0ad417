import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal } from '../http/principal';

/**
 * The staff session: a server-side record in the table, named by a random 256-bit id that only the
 * browser holds, in an HttpOnly cookie. The table keeps the SHA-256 of the id, never the id, so a
 * copy of the table (a backup, an export) cannot be replayed as a session. The lifetime is fixed
 * (STAFF_SESSION_HOURS, at most 12 h, a working day by default) from sign-in: activity does not extend
 * it, so a stolen cookie is worth a bounded time; signing out deletes the record at once.
 *
 * The session also holds the per-session CSRF token every staff form carries in its field `csrf`.
 */
export const STAFF_SESSION_COOKIE = 'fp_staff_session';
export const MAX_STAFF_SESSION_HOURS = 12;

export interface StaffPrincipal extends Principal {
  /** What the pages call the person, e.g. "Kế toán Sở Tư pháp". */
  readonly displayName: string;
}

export interface StaffSession {
  readonly principal: StaffPrincipal;
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** 32 random bytes, base64url: the cookie's value. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The key the session is stored under. */
export function sessionKeyOf(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('base64url');
}

/** Constant-time, so the token cannot be guessed a character at a time from response times. */
export function csrfTokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The session id from a Cookie header or API Gateway's `cookies` list; undefined if absent or not of our shape. */
export function sessionIdFromCookies(cookies: string | readonly string[] | undefined): string | undefined {
  const pairs = typeof cookies === 'string' ? cookies.split(';') : (cookies ?? []).flatMap((cookie) => cookie.split(';'));
  for (const pair of pairs) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim() !== STAFF_SESSION_COOKIE) continue;
    const value = pair.slice(separator + 1).trim();
    return SESSION_ID.test(value) ? value : undefined;
  }
  return undefined;
}

/** Whether a cookie of ours came at all (even one of a bad shape): then the page says the session ended. */
export function hasSessionCookie(cookies: string | readonly string[] | undefined): boolean {
  const list = typeof cookies === 'string' ? [cookies] : (cookies ?? []);
  return list.some((cookie) => cookie.split(';').some((pair) => pair.split('=')[0]?.trim() === STAFF_SESSION_COOKIE));
}

/**
 * SameSite=Lax rather than Strict: the Cognito managed login returns to /login/callback from another
 * site, and a Strict cookie would not come with the first page after it. Lax still keeps the cookie off
 * every cross-site POST, and each POST also needs the CSRF token and a same-origin Origin.
 */
export function sessionCookie(sessionId: string, options: { readonly maxAgeSeconds: number; readonly secure: boolean }): string {
  const maxAge = Math.max(0, Math.min(MAX_STAFF_SESSION_HOURS * 3600, Math.floor(options.maxAgeSeconds)));
  return `${STAFF_SESSION_COOKIE}=${sessionId}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${options.secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(options: { readonly secure: boolean }): string {
  return `${STAFF_SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${options.secure ? '; Secure' : ''}`;
}
