// Proves the dev server authorizes `jwt` routes like API Gateway's JWT authorizer and hands the handler the claims in API Gateway's format.
import { once } from 'node:events';
import type { Server } from 'node:http';
import { createDevServer, listeningUrl, type HttpHandler } from '../../functions/local/dev-server';
import { signLocalToken } from '../../functions/local/local-tokens';
import type { FunctionDefinition } from '../../functions/manifest';

const SECRET = 'test-secret-at-least-16';
const fns: FunctionDefinition[] = [
  { name: 'Whoami', entry: 'unused.ts', routes: [{ method: 'GET', path: '/v1/whoami/{id}', auth: 'jwt' }] },
  { name: 'Echo', entry: 'unused.ts', routes: [{ method: 'POST', path: '/v1/echo', auth: 'public' }] },
];

describe('dev server', () => {
  let server: Server;
  let url: string;
  const seen: Array<Parameters<HttpHandler>[0]> = [];
  beforeAll(async () => {
    server = createDevServer({
      functions: fns,
      jwtSecret: SECRET,
      loadHandler: () => async (event) => {
        seen.push(event);
        return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: event.body ?? 'ok', isBase64Encoded: event.isBase64Encoded };
      },
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = listeningUrl(server);
  });
  afterAll(() => server.close());

  it('refuses a jwt route without a token, with a forged token, and with an expired one', async () => {
    expect((await fetch(`${url}/v1/whoami/1`)).status).toBe(401);
    const forged = await signLocalToken('another-secret-16chars', { sub: 'x', roles: ['finance'], agencies: ['STP'] });
    const forgedResponse = await fetch(`${url}/v1/whoami/1`, { headers: { authorization: `Bearer ${forged}` } });
    expect(forgedResponse.status).toBe(401);
    expect(((await forgedResponse.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    const expired = await signLocalToken(SECRET, { sub: 'x', roles: ['finance'], agencies: ['STP'] }, '-1m');
    expect((await fetch(`${url}/v1/whoami/1`, { headers: { authorization: `Bearer ${expired}` } })).status).toBe(401);
    expect(seen).toHaveLength(0);
  });

  it('passes a valid token’s claims as API Gateway does, with path parameters and the raw query', async () => {
    const token = await signLocalToken(SECRET, { sub: 'alice', roles: ['finance', 'province'], agencies: ['STP', 'SXD'] });
    const response = await fetch(`${url}/v1/whoami/a%2Fb?x=1&x=2&y=3`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const event = seen.at(-1)!;
    const claims = (event.requestContext as unknown as { authorizer: { jwt: { claims: Record<string, string> } } }).authorizer.jwt.claims;
    expect(claims).toMatchObject({ sub: 'alice', roles: '[finance province]', agencies: '[STP SXD]' });
    expect(event.pathParameters).toEqual({ id: 'a/b' });
    expect(event.queryStringParameters).toEqual({ x: '1,2', y: '3' });
    expect(event.rawQueryString).toBe('x=1&x=2&y=3');
    expect(event.routeKey).toBe('GET /v1/whoami/{id}');
  });

  it('sends binary bodies base64-encoded and text bodies as they are', async () => {
    await fetch(`${url}/v1/echo`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a,b\n1,2\n' });
    expect(seen.at(-1)).toMatchObject({ body: 'a,b\n1,2\n', isBase64Encoded: false });
    await fetch(`${url}/v1/echo`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 255, 1]) });
    expect(seen.at(-1)).toMatchObject({ body: Buffer.from([0, 255, 1]).toString('base64'), isBase64Encoded: true });
  });
});
