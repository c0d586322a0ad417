import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { logger } from '../observability/logger';
import { authorizeBrowserSession, type BrowserSessionDecision } from './browser-session-authorizer';
import { cognitoTokenRules, type CognitoTokenRules } from './cognito-token';

/**
 * The HTTP API's Lambda authorizer (payload 2.0, simple responses) on the `browserSession` routes:
 * a browser sends its token in the `fp_session` cookie, which API Gateway's JWT authorizer cannot
 * read. The stack gives it the pool's issuer URL and the app client id (USER_POOL_ISSUER,
 * USER_POOL_CLIENT_ID) and nothing else: it reads no table, queue, bucket or secret, so it does not
 * load the service configuration either. The pool's keys are fetched once per container.
 */
let rules: CognitoTokenRules | undefined;

export async function handler(event: APIGatewayRequestAuthorizerEventV2): Promise<BrowserSessionDecision> {
  const { USER_POOL_ISSUER: issuer, USER_POOL_CLIENT_ID: clientId } = process.env;
  if (issuer && clientId) rules ??= cognitoTokenRules(issuer, clientId);
  else logger.error('USER_POOL_ISSUER and USER_POOL_CLIENT_ID must be set; every request is refused');
  // The reason is an error code or a claim's name, never the token.
  return authorizeBrowserSession(event, rules, (reason) => logger.info('browser session refused', { reason, routeKey: event.routeKey }));
}
