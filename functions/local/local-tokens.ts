import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { toVietnamIso } from '../../domain/shared/business-date';
import type { UnauthenticatedReason } from '../http/http-errors';
import type { Role } from '../http/principal';

/**
 * Local stand-in for the identity provider: HS256 tokens signed with AUTH_JWT_SECRET. In AWS the API's
 * JWT authorizer verifies Cognito tokens instead; handlers see the same claims either way.
 */
const ISSUER = 'fee-payments-local';
const AUDIENCE = 'fee-payments';

export interface LocalTokenClaims {
  readonly sub: string;
  readonly roles: readonly Role[];
  readonly agencies: readonly string[];
}

export async function signLocalToken(secret: string, claims: LocalTokenClaims, expiresIn = '12h'): Promise<string> {
  return new SignJWT({ roles: [...claims.roles], agencies: [...claims.agencies] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

export type LocalTokenCheck =
  | { readonly ok: true; readonly payload: JWTPayload }
  | { readonly ok: false; readonly reason: UnauthenticatedReason; readonly detail?: string };

/** Verifies signature, algorithm, issuer, audience and expiry, and says which check a bad token failed. */
export async function checkLocalToken(secret: string, token: string): Promise<LocalTokenCheck> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['sub', 'exp'],
    });
    return { ok: true, payload };
  } catch (error) {
    return { ok: false, ...whyRefused(error) };
  }
}

/** The payload of a good token, undefined for any bad one. */
export async function verifyLocalToken(secret: string, token: string): Promise<JWTPayload | undefined> {
  const check = await checkLocalToken(secret, token);
  return check.ok ? check.payload : undefined;
}

// jose's error codes, as the JWT authorizer's causes of a 401.
function whyRefused(error: unknown): { reason: UnauthenticatedReason; detail?: string } {
  if (error instanceof joseErrors.JWTExpired) {
    const exp = error.payload.exp;
    return typeof exp === 'number'
      ? { reason: 'TOKEN_EXPIRED', detail: `the token expired at ${toVietnamIso(new Date(exp * 1000))}: get a new one` }
      : { reason: 'TOKEN_EXPIRED' };
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return { reason: 'TOKEN_CLAIMS_MISSING', detail: `the token has no ${error.claim} claim` };
    if (error.claim === 'nbf' || error.claim === 'iat') return { reason: 'TOKEN_NOT_YET_VALID' };
    if (error.claim === 'iss' || error.claim === 'aud') {
      return { reason: 'TOKEN_NOT_FOR_THIS_SERVICE', detail: `the token was issued for another service: ${error.claim === 'iss' ? `its issuer is not ${ISSUER}` : `its audience is not ${AUDIENCE}`}` };
    }
    return { reason: 'TOKEN_MALFORMED', detail: `the token's ${error.claim} claim is not valid` };
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return { reason: 'TOKEN_SIGNATURE_INVALID' };
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return { reason: 'TOKEN_NOT_FOR_THIS_SERVICE', detail: "the token is not signed with HS256, as this service's tokens are" };
  return { reason: 'TOKEN_MALFORMED' };
}

/**
 * Claims as API Gateway's JWT authorizer hands them to a Lambda: every value a string, arrays in the
 * form "[a b]". Reproducing this locally keeps handlers honest about what they will get in AWS.
 */
export function claimsAsApiGatewayPassesThem(payload: JWTPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (Array.isArray(value)) claims[name] = `[${value.join(' ')}]`;
    else if (value !== null && typeof value === 'object') claims[name] = JSON.stringify(value);
    else if (value !== undefined) claims[name] = String(value);
  }
  return claims;
}

/** The demo principals printed by `npm start`. */
export const DEMO_PRINCIPALS: Record<Role, LocalTokenClaims> = {
  portal: { sub: 'portal-dongnai', roles: ['portal'], agencies: ['*'] },
  finance: { sub: 'finance-stp', roles: ['finance'], agencies: ['STP'] },
  province: { sub: 'province-office', roles: ['province'], agencies: ['*'] },
};
