import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
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

/** Verifies signature, algorithm, issuer, audience and expiry; returns undefined for any bad token. */
export async function verifyLocalToken(secret: string, token: string): Promise<JWTPayload | undefined> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['sub', 'exp'],
    });
    return payload;
  } catch {
    return undefined;
  }
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
