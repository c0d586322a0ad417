/**
 * The headers every staff page (and the dashboard) answers with. The policy allows only this service's
 * own style sheet, images and form targets, and no script at all today (`script-src 'self'` leaves room
 * for a served script later, never an inline one); pages may not be framed (clickjacking), and nothing
 * is cached, since every page shows one person's view of money.
 */
export const STAFF_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const STAFF_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': STAFF_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // Same-origin only: the pages link nowhere else, and a POST keeps a real Origin to be checked.
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};
