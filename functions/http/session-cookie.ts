/**
 * The browser session of the dashboard: the same bearer token the API takes, kept in an HttpOnly
 * cookie so a browser can open report pages, follow their links and download their CSV. It is only a
 * carrier: whoever authorizes the route (the local dev server here, the API's authorizer in AWS)
 * verifies the token inside on every request, exactly as it verifies the Authorization header.
 *
 * Why it is safe enough: HttpOnly (no script can read it), SameSite=Strict (no other site's page can
 * make the browser send it), Secure over HTTPS, a lifetime no longer than the token's own expiry
 * (at most 12 h), and it is honoured only on GET routes that read reports (`browserSession` in the
 * manifest), never on a route that changes anything. No token ever appears in a URL, so none leaks
 * into access logs, browser history or Referer headers.
 */
export const SESSION_COOKIE_NAME = 'fp_session';
export const DASHBOARD_LOGIN_PATH = '/dashboard/login';
export const MAX_SESSION_SECONDS = 12 * 60 * 60;

const JWT_SHAPE = /^[A-Za-z0-9_-]{2,2048}\.[A-Za-z0-9_-]{2,4096}\.[A-Za-z0-9_-]{0,1024}$/;

export function isJwtShaped(token: string): boolean {
  return JWT_SHAPE.test(token);
}

/** The session token from a Cookie header (or API Gateway's `cookies` list); undefined if absent or malformed. */
export function sessionTokenFromCookies(cookies: string | readonly string[] | undefined): string | undefined {
  const pairs = typeof cookies === 'string' ? cookies.split(';') : (cookies ?? []).flatMap((cookie) => cookie.split(';'));
  for (const pair of pairs) {
    const separator = pair.indexOf('=');
    if (separator < 0) continue;
    if (pair.slice(0, separator).trim() !== SESSION_COOKIE_NAME) continue;
    const value = pair.slice(separator + 1).trim();
    return isJwtShaped(value) ? value : undefined;
  }
  return undefined;
}

/** The token's `exp` (seconds since the epoch), read without verifying: only to bound the cookie's life. */
export function unverifiedExpiry(token: string): number | undefined {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    const exp = (payload as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
}

export function sessionCookie(token: string, options: { readonly maxAgeSeconds: number; readonly secure: boolean }): string {
  const maxAge = Math.max(0, Math.min(MAX_SESSION_SECONDS, Math.floor(options.maxAgeSeconds)));
  return `${SESSION_COOKIE_NAME}=${token}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${options.secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(options: { readonly secure: boolean }): string {
  return `${SESSION_COOKIE_NAME}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${options.secure ? '; Secure' : ''}`;
}
