import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/**
 * Verifies a Cognito user-pool token as the HTTP API's JWT authorizer does
 * (infra/constructs/service-api.ts), so that the browser-session routes take exactly the tokens every
 * other `jwt` route takes:
 * - signed with RS256 by the key of the pool's JWKS its header names (`kid`);
 * - `iss` is the pool, the same issuer URL the JWT authorizer is given;
 * - `aud` is the app client id, or, only when the token has no `aud` (an access token), `client_id` is:
 *   API Gateway reads `client_id` only when `aud` is absent;
 * - `exp` is still ahead, and neither `nbf` nor `iat` lies ahead (`iat` within a few seconds of clock
 *   difference between Cognito and Lambda).
 * Anything else is a TokenRefused or one of jose's errors; callers treat every error as a refusal.
 */
export interface CognitoTokenRules {
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>` (the pool's provider URL). */
  readonly issuer: string;
  /** The user pool app client the tokens are issued to. */
  readonly clientId: string;
  readonly keys: JWTVerifyGetKey;
}

const ISSUED_AT_SKEW_SECONDS = 5;

export class TokenRefused extends Error {
  constructor(readonly code: string) {
    super(`token refused: ${code}`);
    this.name = 'TokenRefused';
  }
}

/**
 * The rules for one pool and client, with its JWKS fetched on first use and kept by jose (refetched
 * when a token names a key it does not know, at most every 30 s): build them once per container.
 */
export function cognitoTokenRules(issuer: string, clientId: string): CognitoTokenRules {
  const base = issuer.replace(/\/+$/, '');
  return { issuer: base, clientId, keys: createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`)) };
}

export async function verifyCognitoToken(token: string, rules: CognitoTokenRules, now: Date = new Date()): Promise<JWTPayload & { sub: string }> {
  const { payload, protectedHeader } = await jwtVerify(token, rules.keys, {
    issuer: rules.issuer,
    algorithms: ['RS256'],
    requiredClaims: ['sub', 'exp'],
    currentDate: now,
  });
  if (!protectedHeader.kid) throw new TokenRefused('no kid');
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new TokenRefused('no subject');
  if (!isIssuedTo(payload, rules.clientId)) throw new TokenRefused('audience');
  if (typeof payload.iat === 'number' && payload.iat > now.getTime() / 1000 + ISSUED_AT_SKEW_SECONDS) throw new TokenRefused('issued in the future');
  return payload as JWTPayload & { sub: string };
}

function isIssuedTo(payload: JWTPayload, clientId: string): boolean {
  if (payload.aud !== undefined) return [payload.aud].flat().includes(clientId);
  return payload.client_id === clientId;
}

/** Why a token was refused, fit for a log line: an error code and, for a claim, its name; never the token or a claim's value. */
export function refusalReason(error: unknown): string {
  if (error instanceof TokenRefused) return error.code;
  if (error instanceof errors.JWTClaimValidationFailed) return `${error.code} (${error.claim})`;
  if (error instanceof errors.JOSEError) return error.code;
  return 'unexpected error';
}
