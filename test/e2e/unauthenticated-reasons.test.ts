// Proves a 401 from the dev server's JWT authorizer says why: no token, a header without "Bearer ", a token that is not a JWT, expired, forged, or issued for another service, each with a stable reason.
import { once } from 'node:events';
import type { Server } from 'node:http';
import { SignJWT } from 'jose';
import { createDevServer, listeningUrl } from '../../functions/local/dev-server';
import { signLocalToken } from '../../functions/local/local-tokens';
import type { FunctionDefinition } from '../../functions/manifest';

const SECRET = 'test-secret-at-least-16';
const fns: FunctionDefinition[] = [{ name: 'Whoami', entry: 'unused.ts', routes: [{ method: 'GET', path: '/v1/whoami', auth: 'jwt' }] }];
type ErrorBody = { error: { code: string; message: string; details: Array<{ path: string; message: string; reason: string }> } };

describe('401 UNAUTHENTICATED reasons', () => {
  let server: Server;
  let url: string;
  let handled = 0;
  beforeAll(async () => {
    server = createDevServer({
      functions: fns,
      jwtSecret: SECRET,
      loadHandler: () => async () => {
        handled++;
        return { statusCode: 200, body: 'ok' };
      },
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = listeningUrl(server);
  });
  afterAll(() => server.close());

  const refusal = async (authorization?: string) => {
    const response = await fetch(`${url}/v1/whoami`, { headers: authorization === undefined ? {} : { authorization } });
    expect(response.status).toBe(401);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('UNAUTHENTICATED');
    expect(body.error.details).toHaveLength(1);
    expect(body.error.details[0]!.path).toBe('Authorization');
    expect(body.error.message).toBe(`A valid bearer token is required: ${body.error.details[0]!.message}.`);
    const challenge = response.headers.get('www-authenticate');
    expect(challenge).toEqual(authorization === undefined ? 'Bearer' : expect.stringMatching(/^Bearer error="invalid_token", error_description="[\x20-\x7e]+"$/));
    return body.error.details[0]!;
  };
  const claims = { sub: 'kt-stp', roles: ['finance' as const], agencies: ['STP'] };

  it('tells a missing token from a header without "Bearer " and from a token that is not a JWT', async () => {
    expect(await refusal()).toMatchObject({ reason: 'TOKEN_MISSING', message: expect.stringContaining('Authorization: Bearer <token>') });
    const token = await signLocalToken(SECRET, claims);
    expect(await refusal(token)).toMatchObject({ reason: 'TOKEN_MALFORMED', message: expect.stringContaining('"Bearer "') });
    expect(await refusal(`Token ${token}`)).toMatchObject({ reason: 'TOKEN_MALFORMED' });
    expect(await refusal('Bearer not-a-jwt')).toMatchObject({ reason: 'TOKEN_MALFORMED' });
  });

  it('tells an expired token, with when it expired', async () => {
    const expired = await signLocalToken(SECRET, claims, '-1m');
    expect(await refusal(`Bearer ${expired}`)).toMatchObject({ reason: 'TOKEN_EXPIRED', message: expect.stringMatching(/^the token expired at \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00/) });
  });

  it('tells a token signed with another secret', async () => {
    const forged = await signLocalToken('another-secret-16chars', claims);
    expect(await refusal(`Bearer ${forged}`)).toMatchObject({ reason: 'TOKEN_SIGNATURE_INVALID' });
  });

  it('tells a token issued for another service (issuer or audience)', async () => {
    const key = new TextEncoder().encode(SECRET);
    const other = (issuer: string, audience: string) =>
      new SignJWT({ roles: ['finance'], agencies: ['STP'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer(issuer).setAudience(audience).setExpirationTime('1h').sign(key);
    expect(await refusal(`Bearer ${await other('another-idp', 'fee-payments')}`)).toMatchObject({ reason: 'TOKEN_NOT_FOR_THIS_SERVICE', message: expect.stringContaining('issuer') });
    expect(await refusal(`Bearer ${await other('fee-payments-local', 'another-api')}`)).toMatchObject({ reason: 'TOKEN_NOT_FOR_THIS_SERVICE', message: expect.stringContaining('audience') });
  });

  it('never calls the handler for any of them, and lets a good token through', async () => {
    expect(handled).toBe(0);
    const response = await fetch(`${url}/v1/whoami`, { headers: { authorization: `bearer ${await signLocalToken(SECRET, claims)}` } });
    expect(response.status).toBe(200);
    expect(handled).toBe(1);
  });
});
