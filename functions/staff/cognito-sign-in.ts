import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { cognitoTokenRules, verifyCognitoToken, type CognitoTokenRules } from '../authorizer/cognito-token';
import type { Config } from '../config';
import { principalFromClaims } from '../http/principal';
import { mayUseStaffPages } from './sign-in';
import { safeNext } from './sign-in-paths';
import type { StaffPrincipal } from './staff-session';

/**
 * Sign-in through the Cognito managed login (in AWS): the OAuth 2.0 authorization code flow with PKCE
 * (RFC 7636), a `state` against login forgery and an OpenID `nonce` against a replayed ID token.
 *
 * 1. GET /login: a fresh verifier, state and nonce go into a short-lived HttpOnly cookie scoped to
 *    /login, and the browser goes to the pool's /oauth2/authorize with the verifier's S256 challenge.
 * 2. GET /login/callback?code&state: the state must equal the cookie's; the code is exchanged at the
 *    pool domain's /oauth2/token with the verifier; the ID token is verified as the API's JWT
 *    authorizer verifies tokens (functions/authorizer/cognito-token.ts), and its nonce must be the
 *    cookie's. Its `cognito:groups` and `custom:agencies` make the principal, as on the API.
 * The app client is public (no secret): PKCE is what binds the code to this browser's sign-in.
 */
export const LOGIN_FLOW_COOKIE = 'fp_staff_login';
const FLOW_SECONDS = 600;
const CALLBACK_PATH = '/login/callback';

export interface CognitoSettings {
  readonly loginUrl: string;
  readonly clientId: string;
  readonly issuer: string;
  readonly callbackUrl: string;
  readonly signedOutUrl: string;
}

interface LoginFlow {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly next?: string;
}

export type CognitoSignInOutcome =
  | { readonly kind: 'SIGNED_IN'; readonly principal: StaffPrincipal; readonly next?: string }
  /** The person cancelled at the managed login, or it refused them. */
  | { readonly kind: 'DENIED' }
  /** No or another flow's state: a stale tab, a replayed link, or a forged callback. */
  | { readonly kind: 'STALE' }
  /** The token endpoint refused the code, or the ID token did not verify. */
  | { readonly kind: 'FAILED'; readonly reason: string }
  | { readonly kind: 'NOT_STAFF' };

export function cognitoSettings(config: Config): CognitoSettings | undefined {
  if (config.STAFF_SIGN_IN !== 'cognito' || !config.COGNITO_LOGIN_URL || !config.COGNITO_STAFF_CLIENT_ID || !config.COGNITO_ISSUER) return undefined;
  return {
    loginUrl: config.COGNITO_LOGIN_URL.replace(/\/+$/, ''),
    clientId: config.COGNITO_STAFF_CLIENT_ID,
    issuer: config.COGNITO_ISSUER,
    callbackUrl: `${config.publicBaseUrl}${CALLBACK_PATH}`,
    signedOutUrl: `${config.publicBaseUrl}/login?reason=signed-out`,
  };
}

/** The managed login's address for a new sign-in, and the cookie that remembers the flow. */
export function beginCognitoSignIn(settings: CognitoSettings, next: string | undefined, options: { readonly secure: boolean }): { location: string; cookie: string } {
  const flow: LoginFlow = { state: random(), nonce: random(), verifier: random(), ...(next ? { next } : {}) };
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: settings.callbackUrl,
    scope: 'openid email profile',
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: createHash('sha256').update(flow.verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const value = Buffer.from(JSON.stringify(flow)).toString('base64url');
  return { location: `${settings.loginUrl}/oauth2/authorize?${query.toString()}`, cookie: flowCookie(value, FLOW_SECONDS, options.secure) };
}

/** Clears the flow cookie once the callback has used it, whatever the outcome. */
export function clearedFlowCookie(options: { readonly secure: boolean }): string {
  return flowCookie('', 0, options.secure);
}

/** Where the managed login ends its own session, then sends the browser back to the sign-in page. */
export function cognitoSignOutUrl(settings: CognitoSettings): string {
  return `${settings.loginUrl}/logout?${new URLSearchParams({ client_id: settings.clientId, logout_uri: settings.signedOutUrl }).toString()}`;
}

let rulesForContainer: { readonly key: string; readonly rules: CognitoTokenRules } | undefined;

/** The pool's token rules, with its keys fetched once per container (jose keeps them). */
export function tokenRulesFor(settings: CognitoSettings): CognitoTokenRules {
  const key = `${settings.issuer} ${settings.clientId}`;
  if (rulesForContainer?.key !== key) rulesForContainer = { key, rules: cognitoTokenRules(settings.issuer, settings.clientId) };
  return rulesForContainer.rules;
}

export async function finishCognitoSignIn(
  settings: CognitoSettings,
  callback: { readonly query: URLSearchParams; readonly cookies: readonly string[]; readonly now: Date },
  rules: CognitoTokenRules = tokenRulesFor(settings),
): Promise<CognitoSignInOutcome> {
  const flow = flowFrom(callback.cookies);
  const state = callback.query.get('state') ?? '';
  if (!flow || !sameText(flow.state, state)) return { kind: 'STALE' };
  if (callback.query.get('error')) return { kind: 'DENIED' };
  const code = callback.query.get('code');
  if (!code || code.length > 2048) return { kind: 'FAILED', reason: 'no code' };

  const idToken = await exchangeCode(settings, code, flow.verifier);
  if (!idToken.ok) return { kind: 'FAILED', reason: idToken.reason };
  let claims: Awaited<ReturnType<typeof verifyCognitoToken>>;
  try {
    claims = await verifyCognitoToken(idToken.token, rules, callback.now);
  } catch (error) {
    return { kind: 'FAILED', reason: `id token: ${(error as Error).name}` };
  }
  if (claims.token_use !== 'id') return { kind: 'FAILED', reason: 'not an id token' };
  if (typeof claims.nonce !== 'string' || !sameText(flow.nonce, claims.nonce)) return { kind: 'FAILED', reason: 'nonce' };
  const principal = principalFromClaims(claims);
  if (!principal || !mayUseStaffPages(principal.roles)) return { kind: 'NOT_STAFF' };
  const displayName = [claims.name, claims.email].find((value): value is string => typeof value === 'string' && value !== '') ?? principal.subject;
  const next = safeNext(flow.next);
  return { kind: 'SIGNED_IN', principal: { ...principal, displayName }, ...(next ? { next } : {}) };
}

async function exchangeCode(settings: CognitoSettings, code: string, verifier: string): Promise<{ ok: true; token: string } | { ok: false; reason: string }> {
  const response = await fetch(`${settings.loginUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: settings.clientId, code, redirect_uri: settings.callbackUrl, code_verifier: verifier }).toString(),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) return { ok: false, reason: `token endpoint answered ${response.status}` };
  const body = (await response.json().catch(() => undefined)) as { id_token?: unknown } | undefined;
  return typeof body?.id_token === 'string' ? { ok: true, token: body.id_token } : { ok: false, reason: 'no id_token' };
}

function flowFrom(cookies: readonly string[]): LoginFlow | undefined {
  for (const pair of cookies.flatMap((cookie) => cookie.split(';'))) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim() !== LOGIN_FLOW_COOKIE) continue;
    try {
      const flow = JSON.parse(Buffer.from(pair.slice(separator + 1).trim(), 'base64url').toString('utf8')) as Partial<LoginFlow>;
      if (typeof flow.state === 'string' && typeof flow.nonce === 'string' && typeof flow.verifier === 'string') {
        return { state: flow.state, nonce: flow.nonce, verifier: flow.verifier, ...(typeof flow.next === 'string' ? { next: flow.next } : {}) };
      }
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function flowCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${LOGIN_FLOW_COOKIE}=${value}; Path=/login; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

function random(): string {
  return randomBytes(32).toString('base64url');
}

function sameText(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
