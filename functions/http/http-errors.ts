/**
 * Errors the HTTP edge knows how to answer. Use cases return expected outcomes as values; handlers
 * turn those into one of these, and the single error middleware (api-handler.ts) writes the CONTRACT
 * error body. Anything else thrown is an unexpected fault and becomes a 500 without internals.
 */
export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
  /** A stable word for why, where a code covers several causes (401 UNAUTHENTICATED: TOKEN_EXPIRED, …). */
  readonly reason?: string;
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const validationFailed = (details: readonly ErrorDetail[], message = 'The request is not valid.') =>
  new HttpError(400, 'VALIDATION_FAILED', message, details);

/** Bytes that are not UTF-8 in a body (CONTRACT.md: UTF-8): refused, never stored with U+FFFD in their place. */
export const invalidUtf8 = (path: string, message = 'The request body is not valid UTF-8; nothing was stored.') =>
  validationFailed([{ path, message: 'is not valid UTF-8' }], message);

/**
 * Why a request has no principal. The code stays UNAUTHENTICATED (CONTRACT.md); the detail's `reason`
 * tells an integrator what to fix.
 */
export const UNAUTHENTICATED_REASONS = {
  TOKEN_MISSING: 'no bearer token: send the header "Authorization: Bearer <token>"',
  TOKEN_MALFORMED: 'not a bearer token: the header must be "Bearer " followed by a JWT (three base64url parts joined by dots)',
  TOKEN_EXPIRED: 'the token has expired: get a new one',
  TOKEN_NOT_YET_VALID: 'the token is not valid yet (nbf is in the future): check the clock of the system that issued it',
  TOKEN_SIGNATURE_INVALID: "the token's signature does not verify: it was not signed by this service's identity provider, or was altered",
  TOKEN_NOT_FOR_THIS_SERVICE: "the token was issued for another service: its issuer, audience or algorithm is not this service's",
  TOKEN_CLAIMS_MISSING: 'the token lacks a claim this service needs (sub, exp)',
} as const;
export type UnauthenticatedReason = keyof typeof UNAUTHENTICATED_REASONS;

export const unauthenticated = (reason: UnauthenticatedReason = 'TOKEN_MISSING', detail: string = UNAUTHENTICATED_REASONS[reason]) =>
  new HttpError(401, 'UNAUTHENTICATED', `A valid bearer token is required: ${detail}.`, [{ path: 'Authorization', message: detail, reason }], {
    'www-authenticate': bearerChallenge(reason, detail),
  });

// RFC 6750's challenge, as API Gateway's JWT authorizer sends it: no error for a request without a
// token, `invalid_token` with a description otherwise (printable ASCII, quotes made single).
function bearerChallenge(reason: UnauthenticatedReason, detail: string): string {
  if (reason === 'TOKEN_MISSING') return 'Bearer';
  return `Bearer error="invalid_token", error_description="${detail.replace(/"/g, "'").replace(/[^\x20-\x7e]|\\/g, '')}"`;
}

export const forbidden = (message = 'This token may not do that.') => new HttpError(403, 'FORBIDDEN', message);

export const notFound = (what: string) => new HttpError(404, 'NOT_FOUND', `${what} was not found.`);

export const conflict = (code: string, message: string) => new HttpError(409, code, message);

export const unprocessable = (code: string, message: string, details: readonly ErrorDetail[] = []) =>
  new HttpError(422, code, message, details);

export const payloadTooLarge = (limitBytes: number) =>
  new HttpError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limitBytes} bytes.`, [
    { path: 'body', message: `at most ${limitBytes} bytes` },
  ]);

export const unsupportedMediaType = (expected: string) =>
  new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `The request body must be ${expected}.`, [
    { path: 'content-type', message: `expected ${expected}` },
  ]);

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

export const idempotencyKeyMissing = (message = `The ${IDEMPOTENCY_KEY_HEADER} header is required.`, detail = 'required') =>
  new HttpError(400, 'IDEMPOTENCY_KEY_MISSING', message, [{ path: IDEMPOTENCY_KEY_HEADER, message: detail }]);
