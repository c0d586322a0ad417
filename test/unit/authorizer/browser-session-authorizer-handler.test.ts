// Proves the deployed handler reads its pool and client from the environment, fetches the pool's keys once per container, and never logs the token.
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { TestUserPool } from '../../support/cognito-pool';

const pool = new TestUserPool();
beforeAll(() => pool.start());
afterAll(() => pool.stop());

type Handler = typeof import('../../../functions/authorizer/browser-session-authorizer.handler').handler;

/** A fresh module, as a cold start loads it, with the environment the stack gives the function. */
function coldStart(env: Record<string, string | undefined>): Handler {
  Object.assign(process.env, env);
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete process.env[name];
  let handler: Handler | undefined;
  jest.isolateModules(() => {
    handler = (jest.requireActual('../../../functions/authorizer/browser-session-authorizer.handler') as { handler: Handler }).handler;
  });
  return handler!;
}

const event = (headers: Record<string, string>, cookies: string[] = []) =>
  ({ version: '2.0', type: 'REQUEST', routeKey: 'GET /v1/reports/online-payments', rawPath: '/v1/reports/online-payments', headers, cookies, requestContext: {} }) as unknown as APIGatewayRequestAuthorizerEventV2;

describe('the browser-session authorizer handler', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    jest.restoreAllMocks();
  });

  it('verifies against the pool and client of its environment, fetching the keys once per container', async () => {
    const handler = coldStart({ USER_POOL_ISSUER: pool.issuer, USER_POOL_CLIENT_ID: pool.clientId });
    const before = pool.jwksRequests;

    const fromHeader = await handler(event({ authorization: `Bearer ${await pool.idToken({ sub: 'dana' })}` }));
    const fromCookie = await handler(event({}, [`fp_session=${await pool.idToken({ sub: 'erin' })}`]));

    expect([fromHeader.isAuthorized, fromCookie.isAuthorized]).toEqual([true, true]);
    expect(fromCookie.isAuthorized && fromCookie.context.sub).toBe('erin');
    expect(pool.jwksRequests - before).toBe(1);
  });

  it('logs why it refused, never the token', async () => {
    const lines: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
    jest.spyOn(console, 'info').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    const handler = coldStart({ USER_POOL_ISSUER: pool.issuer, USER_POOL_CLIENT_ID: 'another-client', LOG_LEVEL: 'INFO' });
    const token = await pool.idToken();

    expect(await handler(event({ authorization: `Bearer ${token}` }))).toEqual({ isAuthorized: false });

    const logged = lines.join('\n');
    expect(logged).toMatch(/browser session refused/);
    expect(logged).toMatch(/audience/);
    expect(logged).not.toContain(token.split('.')[1]);
  });

  it('refuses every request when the stack did not configure it', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => {});
    const handler = coldStart({ USER_POOL_ISSUER: undefined, USER_POOL_CLIENT_ID: undefined });
    expect(await handler(event({ authorization: `Bearer ${await pool.idToken()}` }))).toEqual({ isAuthorized: false });
  });
});
