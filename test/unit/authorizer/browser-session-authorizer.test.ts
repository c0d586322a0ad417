// Proves the browser-session authorizer lets through exactly the Cognito tokens the JWT authorizer would, from the Authorization header or else the fp_session cookie, against the pool's JWKS fetched over HTTP, and that its context makes the right Principal.
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { generateKeyPair } from 'jose';
import { authorizeBrowserSession, type BrowserSessionDecision } from '../../../functions/authorizer/browser-session-authorizer';
import { cognitoTokenRules, type CognitoTokenRules } from '../../../functions/authorizer/cognito-token';
import { principalFromSessionClaims } from '../../../functions/http/principal';
import { TestUserPool } from '../../support/cognito-pool';

const pool = new TestUserPool();
let rules: CognitoTokenRules;

beforeAll(async () => {
  await pool.start();
  // The same remote key set the handler builds: the JWKS comes from the pool's URL.
  rules = cognitoTokenRules(pool.issuer, pool.clientId);
});
afterAll(() => pool.stop());

/** An authorizer event as API Gateway sends it for payload 2.0: lower-case headers, cookies as a list. */
function anAuthorizerEvent(request: { authorization?: string; cookies?: string[] } = {}): APIGatewayRequestAuthorizerEventV2 {
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: 'arn:aws:execute-api:ap-southeast-1:111111111111:api/$default/GET/dashboard',
    identitySource: [],
    routeKey: 'GET /dashboard',
    rawPath: '/dashboard',
    rawQueryString: '',
    cookies: request.cookies ?? [],
    headers: { accept: 'text/html', ...(request.authorization ? { authorization: request.authorization } : {}) },
    requestContext: {} as APIGatewayRequestAuthorizerEventV2['requestContext'],
  };
}

async function decide(request: { authorization?: string; cookies?: string[] }): Promise<BrowserSessionDecision & { reasons: string[] }> {
  const reasons: string[] = [];
  const decision = await authorizeBrowserSession(anAuthorizerEvent(request), rules, (reason) => reasons.push(reason));
  return { ...decision, reasons };
}

const session = (token: string) => [`theme=dark`, `fp_session=${token}`];

describe('the browser-session authorizer', () => {
  it('lets through an ID token from the Authorization header, with the claims of its Principal as context', async () => {
    const decision = await decide({ authorization: `Bearer ${await pool.idToken({ sub: 'alice', 'cognito:groups': ['finance', 'province'], 'custom:agencies': 'STP,SXD' })}` });

    expect(decision).toEqual({ isAuthorized: true, context: { sub: 'alice', 'cognito:groups': '[finance province]', 'custom:agencies': 'STP,SXD' }, reasons: [] });
    expect(principalFromSessionClaims(decision.isAuthorized ? { ...decision.context } : undefined)).toEqual({ subject: 'alice', roles: ['finance', 'province'], agencies: ['STP', 'SXD'] });
    expect(pool.jwksRequests).toBe(1);
  });

  it('lets through the token of the fp_session cookie when no Authorization header is sent', async () => {
    const decision = await decide({ cookies: session(await pool.idToken({ sub: 'bob', 'cognito:groups': ['province'], 'custom:agencies': '*' })) });
    expect(decision.isAuthorized && decision.context).toEqual({ sub: 'bob', 'cognito:groups': '[province]', 'custom:agencies': '*' });
    // The keys were kept from the first request.
    expect(pool.jwksRequests).toBe(1);
  });

  it('prefers the header to the cookie: a bad header token is refused even beside a good cookie', async () => {
    const good = await pool.idToken({ sub: 'from-cookie' });
    const expired = await pool.idToken({ sub: 'from-header' }, { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    expect((await decide({ authorization: `Bearer ${expired}`, cookies: session(good) })).isAuthorized).toBe(false);
    const both = await decide({ authorization: `Bearer ${await pool.idToken({ sub: 'from-header' })}`, cookies: session(good) });
    expect(both.isAuthorized && both.context.sub).toBe('from-header');
  });

  it('checks the audience as API Gateway does: aud when the token has one, else client_id (access tokens)', async () => {
    const access = await decide({ authorization: `Bearer ${await pool.accessToken({ sub: 'carol' })}` });
    expect(access.isAuthorized && access.context).toEqual({ sub: 'carol', 'cognito:groups': '[finance]', 'custom:agencies': '' });

    expect(await decide({ authorization: `Bearer ${await pool.idToken({ aud: 'another-client' })}` })).toMatchObject({ isAuthorized: false, reasons: ['audience'] });
    expect(await decide({ authorization: `Bearer ${await pool.accessToken({ client_id: 'another-client' })}` })).toMatchObject({ isAuthorized: false, reasons: ['audience'] });
    // aud decides when both are there, as in API Gateway.
    expect((await decide({ authorization: `Bearer ${await pool.idToken({ aud: 'another-client', client_id: pool.clientId })}` })).isAuthorized).toBe(false);
  });

  it('refuses expired tokens, another issuer, a wrong signature, alg none, a token without kid, malformed and missing tokens', async () => {
    const { privateKey: strangerKey } = await generateKeyPair('RS256');
    const valid = await pool.idToken();
    const [header, payload] = valid.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', kid: pool.kid })).toString('base64url')}.${payload}.`;
    const cases: [string, { authorization?: string; cookies?: string[] }, RegExp][] = [
      ['expired', { authorization: `Bearer ${await pool.idToken({}, { expiresIn: Math.floor(Date.now() / 1000) - 1 })}` }, /ERR_JWT_EXPIRED/],
      ['expired in the cookie', { cookies: session(await pool.idToken({}, { expiresIn: Math.floor(Date.now() / 1000) - 1 })) }, /ERR_JWT_EXPIRED/],
      ['another issuer', { authorization: `Bearer ${await pool.idToken({ iss: 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_Other' })}` }, /\(iss\)/],
      ['signed by another key under the pool’s kid', { authorization: `Bearer ${await pool.idToken({}, { key: strangerKey })}` }, /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/],
      ['a tampered payload', { authorization: `Bearer ${header}.${Buffer.from(JSON.stringify({ sub: 'mallory', aud: pool.clientId, iss: pool.issuer, exp: 9999999999, 'cognito:groups': ['province'] })).toString('base64url')}.${valid.split('.')[2]}` }, /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/],
      ['alg none', { authorization: `Bearer ${unsigned}` }, /ERR_JOSE_ALG_NOT_ALLOWED/],
      ['alg none in the cookie', { cookies: session(unsigned) }, /ERR_JOSE_ALG_NOT_ALLOWED/],
      ['no kid', { authorization: `Bearer ${await pool.idToken({}, { kid: null })}` }, /no kid/],
      ['malformed', { authorization: 'Bearer not.a-jwt' }, /ERR_JWS_INVALID|ERR_JWT_INVALID/],
      ['a malformed cookie', { cookies: ['fp_session=not-a-jwt'] }, /no token/],
      ['missing', {}, /no token/],
      ['not a bearer header, and no cookie', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }, /no token/],
    ];
    for (const [label, request, reason] of cases) {
      const decision = await decide(request);
      expect([label, decision.isAuthorized]).toEqual([label, false]);
      expect([label, decision.reasons.join()]).toEqual([label, expect.stringMatching(reason)]);
      expect('context' in decision).toBe(false);
    }
  });

  it('refuses a token without a subject', async () => {
    expect(await decide({ authorization: `Bearer ${await pool.idToken({ sub: '' })}` })).toMatchObject({ isAuthorized: false });
  });

  it('refuses everything when it is not configured, and never throws', async () => {
    expect(await authorizeBrowserSession(anAuthorizerEvent({ authorization: `Bearer ${await pool.idToken()}` }), undefined)).toEqual({ isAuthorized: false });
    const unreachable = cognitoTokenRules('http://127.0.0.1:9/ap-southeast-1_Gone', pool.clientId);
    await expect(authorizeBrowserSession(anAuthorizerEvent({ authorization: `Bearer ${await pool.idToken()}` }), unreachable)).resolves.toEqual({ isAuthorized: false });
    await expect(authorizeBrowserSession({ headers: null, cookies: null } as unknown as APIGatewayRequestAuthorizerEventV2, rules)).resolves.toEqual({ isAuthorized: false });
  });
});
