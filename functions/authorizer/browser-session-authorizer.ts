import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerResult, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import type { SessionClaims } from '../http/principal';
import { sessionTokenFromCookies } from '../http/session-cookie';
import { refusalReason, verifyCognitoToken, type CognitoTokenRules } from './cognito-token';

/**
 * The decision of the browser-session authorizer, the HTTP API's Lambda authorizer on the
 * `browserSession` routes (functions/manifest.ts): the bearer token from the Authorization header or,
 * when no `Authorization: Bearer …` is sent, from the `fp_session` cookie (functions/http/session-cookie.ts),
 * the same choice the local dev server makes. The token is verified as the JWT authorizer verifies
 * it (cognito-token.ts); a verified one lets the request through with the claims a Principal is made
 * of as context, anything else is refused, and nothing here throws.
 */
export type BrowserSessionDecision = APIGatewaySimpleAuthorizerWithContextResult<SessionClaims> | (APIGatewaySimpleAuthorizerResult & { isAuthorized: false });

export async function authorizeBrowserSession(
  event: APIGatewayRequestAuthorizerEventV2,
  rules: CognitoTokenRules | undefined,
  onRefusal: (reason: string) => void = () => {},
): Promise<BrowserSessionDecision> {
  try {
    if (!rules) return refuse(onRefusal, 'not configured');
    const token = tokenOf(event);
    if (!token) return refuse(onRefusal, 'no token');
    return { isAuthorized: true, context: sessionClaimsOf(await verifyCognitoToken(token, rules)) };
  } catch (error) {
    return refuse(onRefusal, refusalReason(error));
  }
}

/** The header's bearer token, else the session cookie's; undefined when neither is there. */
export function tokenOf(event: Pick<APIGatewayRequestAuthorizerEventV2, 'headers' | 'cookies'>): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headerOf(event, 'authorization') ?? '')?.[1];
  if (bearer) return bearer;
  // Payload 2.0 gives the cookies as a list; the Cookie header is read too should it ever be left in.
  return sessionTokenFromCookies(event.cookies?.length ? event.cookies : headerOf(event, 'cookie'));
}

/** A verified token's claims in the forms the JWT authorizer passes them: groups as "[a b]", agencies as issued. */
export function sessionClaimsOf(payload: JWTPayload & { sub: string }): SessionClaims {
  const groups = payload['cognito:groups'];
  const agencies = payload['custom:agencies'];
  return {
    sub: payload.sub,
    'cognito:groups': `[${(Array.isArray(groups) ? groups : []).filter((group): group is string => typeof group === 'string').join(' ')}]`,
    'custom:agencies': typeof agencies === 'string' ? agencies : '',
  };
}

function headerOf(event: Pick<APIGatewayRequestAuthorizerEventV2, 'headers'>, name: string): string | undefined {
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === name) return value;
  return undefined;
}

function refuse(onRefusal: (reason: string) => void, reason: string): BrowserSessionDecision {
  onRefusal(reason);
  return { isAuthorized: false };
}
