// Proves the Cognito sign-in of staff pages: /login starts an authorization code flow with PKCE, state and nonce kept in a short-lived cookie; the callback exchanges the code at the (faked) token endpoint with the verifier and starts a session only for a verified ID token of a finance or province user with the flow's nonce; and config decides between local and Cognito sign-in.
import { createHash } from 'node:crypto';
import { generateKeyPair } from 'jose';
import { ConfigError, loadConfig } from '../../../functions/config';
import { beginCognitoSignIn, cognitoSettings, cognitoSignOutUrl, finishCognitoSignIn, type CognitoSettings } from '../../../functions/staff/cognito-sign-in';
import { TestUserPool } from '../../support/cognito-pool';

describe('Cognito sign-in of staff pages', () => {
  const pool = new TestUserPool();
  let settings: CognitoSettings;
  beforeAll(async () => {
    await pool.start();
    settings = { loginUrl: pool.loginUrl, clientId: pool.clientId, issuer: pool.issuer, callbackUrl: 'https://pay.example/login/callback', signedOutUrl: 'https://pay.example/login?reason=signed-out' };
  });
  afterAll(() => pool.stop());
  beforeEach(() => {
    pool.tokenRequests.length = 0;
    pool.tokenAnswer = { status: 400, body: { error: 'invalid_grant' } };
  });

  /** What the browser carries back: the flow cookie, and the callback's query. */
  function started(next?: string) {
    const { location, cookie } = beginCognitoSignIn(settings, next, { secure: true });
    const flow = JSON.parse(Buffer.from(cookie.split(';')[0]!.split('=')[1]!, 'base64url').toString('utf8')) as { state: string; nonce: string; verifier: string; next?: string };
    return { location: new URL(location), cookie, cookies: [cookie.split(';')[0]!], flow };
  }
  const callback = (cookies: readonly string[], query: Record<string, string>) =>
    finishCognitoSignIn(settings, { query: new URLSearchParams(query), cookies, now: new Date() });

  it('sends the browser to the managed login with an S256 challenge of the verifier it keeps, a state and a nonce', () => {
    const { location, cookie, flow } = started('/staff/cases');
    expect(`${location.origin}${location.pathname}`).toBe(`${pool.loginUrl}/oauth2/authorize`);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      response_type: 'code',
      client_id: pool.clientId,
      redirect_uri: 'https://pay.example/login/callback',
      scope: 'openid email profile',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: createHash('sha256').update(flow.verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    expect(flow.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set([flow.state, flow.nonce, flow.verifier]).size).toBe(3);
    expect(flow.next).toBe('/staff/cases');
    expect(cookie).toMatch(/^fp_staff_login=[A-Za-z0-9_-]+; Path=\/login; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);
  });

  it('exchanges the code with the verifier and signs in a finance user from the verified ID token', async () => {
    const { cookies, flow } = started('/staff/cases');
    pool.tokenAnswer = { status: 200, body: { id_token: await pool.idToken({ sub: 'u-9', nonce: flow.nonce, name: 'Nguyễn Thị Thu', 'cognito:groups': ['finance'], 'custom:agencies': 'STP,SXD' }), token_type: 'Bearer' } };

    const outcome = await callback(cookies, { code: 'the-code', state: flow.state });

    expect(outcome).toEqual({ kind: 'SIGNED_IN', principal: { subject: 'u-9', roles: ['finance'], agencies: ['STP', 'SXD'], displayName: 'Nguyễn Thị Thu' }, next: '/staff/cases' });
    expect(pool.tokenRequests.map((request) => Object.fromEntries(request))).toEqual([
      { grant_type: 'authorization_code', client_id: pool.clientId, code: 'the-code', redirect_uri: 'https://pay.example/login/callback', code_verifier: flow.verifier },
    ]);
  });

  it('refuses a callback whose state is not the flow’s, or without the flow cookie, before calling the token endpoint', async () => {
    const { cookies, flow } = started();
    expect(await callback(cookies, { code: 'c', state: `${flow.state.slice(0, -1)}x` })).toEqual({ kind: 'STALE' });
    expect(await callback([], { code: 'c', state: flow.state })).toEqual({ kind: 'STALE' });
    expect(await callback(['fp_staff_login=not-json'], { code: 'c', state: flow.state })).toEqual({ kind: 'STALE' });
    expect(pool.tokenRequests).toHaveLength(0);
  });

  it('says the person did not finish when the managed login answers with an error', async () => {
    const { cookies, flow } = started();
    expect(await callback(cookies, { error: 'access_denied', state: flow.state })).toEqual({ kind: 'DENIED' });
  });

  it('fails on a refused code, a token of another key, another nonce or an access token', async () => {
    const { cookies, flow } = started();
    expect(await callback(cookies, { code: 'c', state: flow.state })).toEqual({ kind: 'FAILED', reason: 'token endpoint answered 400' });
    const stranger = (await generateKeyPair('RS256')).privateKey;
    for (const idToken of [
      await pool.idToken({ nonce: flow.nonce }, { key: stranger }),
      await pool.idToken({ nonce: 'another-nonce' }),
      await pool.idToken({ nonce: flow.nonce, token_use: 'access' }),
      await pool.idToken({ nonce: flow.nonce }, { expiresIn: '-1m' }),
    ]) {
      pool.tokenAnswer = { status: 200, body: { id_token: idToken } };
      expect(await callback(cookies, { code: 'c', state: flow.state })).toMatchObject({ kind: 'FAILED' });
    }
  });

  it('refuses a portal (system) account or one without a staff role', async () => {
    const { cookies, flow } = started();
    for (const groups of [['portal'], []]) {
      pool.tokenAnswer = { status: 200, body: { id_token: await pool.idToken({ nonce: flow.nonce, 'cognito:groups': groups }) } };
      expect(await callback(cookies, { code: 'c', state: flow.state })).toEqual({ kind: 'NOT_STAFF' });
    }
  });

  it('drops a `next` that is not a path of this site', async () => {
    const { cookies, flow } = started('//evil.example/');
    pool.tokenAnswer = { status: 200, body: { id_token: await pool.idToken({ nonce: flow.nonce, 'cognito:groups': ['province'], email: 'vp@dongnai.gov.vn' }) } };
    const outcome = await callback(cookies, { code: 'c', state: flow.state });
    expect(outcome).toEqual({ kind: 'SIGNED_IN', principal: expect.objectContaining({ roles: ['province'], displayName: 'vp@dongnai.gov.vn' }) });
  });

  it('ends the managed login’s own session on sign-out, returning to the sign-in page', () => {
    const url = new URL(cognitoSignOutUrl(settings));
    expect(`${url.origin}${url.pathname}`).toBe(`${pool.loginUrl}/logout`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: pool.clientId, logout_uri: 'https://pay.example/login?reason=signed-out' });
  });
});

describe('which sign-in the config chooses', () => {
  const cognito = {
    STAFF_SIGN_IN: 'cognito',
    COGNITO_LOGIN_URL: 'https://fee-payments-dev.auth.ap-southeast-1.amazoncognito.com/',
    COGNITO_STAFF_CLIENT_ID: 'abc123def456',
    COGNITO_ISSUER: 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_Pool',
    PUBLIC_BASE_URL: 'https://api.example',
  };

  it('signs in locally by default', () => {
    expect(loadConfig({}).STAFF_SIGN_IN).toBe('local');
    expect(cognitoSettings(loadConfig({}))).toBeUndefined();
  });

  it('uses Cognito when told, returning to the service’s own /login/callback', () => {
    expect(cognitoSettings(loadConfig(cognito))).toEqual({
      loginUrl: 'https://fee-payments-dev.auth.ap-southeast-1.amazoncognito.com',
      clientId: 'abc123def456',
      issuer: cognito.COGNITO_ISSUER,
      callbackUrl: 'https://api.example/login/callback',
      signedOutUrl: 'https://api.example/login?reason=signed-out',
    });
  });

  it('refuses Cognito sign-in without the pool’s URLs and client, naming each', () => {
    const attempt = () => loadConfig({ STAFF_SIGN_IN: 'cognito', COGNITO_ISSUER: cognito.COGNITO_ISSUER });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/COGNITO_LOGIN_URL: must be set when STAFF_SIGN_IN is cognito[\s\S]*COGNITO_STAFF_CLIENT_ID/);
    expect(() => loadConfig({ STAFF_SIGN_IN: 'saml' })).toThrow(/STAFF_SIGN_IN/);
  });
});
