/**
 * The citizen's link to a receipt: `/receipts/<token>`, opened without a bearer token. The token is
 * 128 random bits (base64url, 22 characters) drawn when the receipt is issued and stored with it;
 * knowing it is the permission to read that one receipt. A random token rather than an HMAC of the
 * receipt id: nothing derives it, so no key has to be kept, rotated or leaked, and one receipt's link
 * can be replaced without touching the others. The token generator is a port so issuing stays pure
 * to test.
 */
export const RECEIPT_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function receiptPath(token: string): string {
  return `/receipts/${token}`;
}
