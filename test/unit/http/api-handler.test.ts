// Proves the single handler wrapper answers bad input with a 4xx naming the field, enforces roles, and never leaks internals.
import * as z from 'zod/mini';
import { apiHandler } from '../../../functions/http/api-handler';
import { json } from '../../../functions/http/responses';
import { lambdaContext } from '../../../functions/local/lambda-context';
import { anApiEvent } from '../../support/api-events';

const body = z.object({ procedureCode: z.string().check(z.minLength(1)), inputs: z.object({ pages: z.number().check(z.int(), z.positive()) }) });
const echo = apiHandler({ auth: 'public', body }, async ({ body }) => json(201, body));
const financeOnly = apiHandler({ auth: ['finance'] }, async ({ principal }) => json(200, { subject: principal.subject }));
const failing = apiHandler({ auth: 'public' }, async () => {
  throw new Error('connection to 10.0.0.7 refused at Socket.connect (/var/task/index.js:1:1)');
});

const invoke = async (handler: typeof echo, event: ReturnType<typeof anApiEvent>) => {
  const response = await handler(event, lambdaContext('test'));
  return { ...response, json: JSON.parse(String(response.body ?? 'null')) };
};

describe('apiHandler', () => {
  it('passes a valid body to the function and adds X-Request-Id', async () => {
    const response = await invoke(echo, anApiEvent({ method: 'POST', body: '{"procedureCode":"CT-BANSAO","inputs":{"pages":3}}', requestId: 'abc' }));
    expect(response.statusCode).toBe(201);
    expect(response.json).toEqual({ procedureCode: 'CT-BANSAO', inputs: { pages: 3 } });
    expect(response.headers?.['x-request-id']).toBe('abc');
  });

  it('names every invalid field in a 400 VALIDATION_FAILED', async () => {
    const response = await invoke(echo, anApiEvent({ method: 'POST', body: '{"procedureCode":"","inputs":{"pages":-1.5}}', requestId: 'r2' }));
    expect(response.statusCode).toBe(400);
    expect(response.json.error.code).toBe('VALIDATION_FAILED');
    expect(response.json.error.requestId).toBe('r2');
    expect(response.json.error.details).toEqual([
      { path: 'procedureCode', message: 'must not be empty' },
      { path: 'inputs.pages', message: 'must be a whole number' },
    ]);
  });

  it('words every issue a schema leaves unworded, next to the field', async () => {
    const strict = apiHandler({ auth: 'public', body: z.strictObject({ copies: z.number().check(z.maximum(10)), kind: z.enum(['PHI', 'LE_PHI']) }) }, async () => json(200, {}));
    const missing = await invoke(echo, anApiEvent({ method: 'POST', body: '{"inputs":{"pages":"3"}}' }));
    expect(missing.json.error.details).toEqual([
      { path: 'procedureCode', message: 'is required' },
      { path: 'inputs.pages', message: 'must be a number' },
    ]);
    const wrong = await invoke(strict, anApiEvent({ method: 'POST', body: '{"copies":11,"kind":"FEE","page":2}' }));
    expect(wrong.json.error.details).toEqual([
      { path: 'copies', message: 'must be at most 10' },
      { path: 'kind', message: 'must be one of PHI, LE_PHI' },
      { path: 'body', message: 'has a field it does not take: page' },
    ]);
  });

  it('refuses malformed JSON, a missing body and a non-JSON content type with 4xx', async () => {
    expect((await invoke(echo, anApiEvent({ method: 'POST', body: '{"procedureCode":' }))).json.error.details).toEqual([{ path: 'body', message: 'not valid JSON' }]);
    expect((await invoke(echo, anApiEvent({ method: 'POST' }))).statusCode).toBe(400);
    const wrongType = await invoke(echo, anApiEvent({ method: 'POST', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    expect(wrongType.statusCode).toBe(415);
  });

  it('refuses a body over the limit with 413 before parsing it', async () => {
    const response = await invoke(echo, anApiEvent({ method: 'POST', body: `{"procedureCode":"${'x'.repeat(70 * 1024)}"}` }));
    expect(response.statusCode).toBe(413);
    expect(response.json.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 401 without claims and 403 with the wrong role', async () => {
    const anonymous = await invoke(financeOnly, anApiEvent());
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json.error.code).toBe('UNAUTHENTICATED');
    const portal = await invoke(financeOnly, anApiEvent({ claims: { sub: 'p', roles: '[portal]', agencies: '[*]' } }));
    expect(portal.statusCode).toBe(403);
    expect(portal.json.error.code).toBe('FORBIDDEN');
    const finance = await invoke(financeOnly, anApiEvent({ claims: { sub: 'f', roles: '[finance]', agencies: '[STP]' } }));
    expect(finance.json).toEqual({ subject: 'f' });
  });

  it('takes the caller only from JWT claims, never from a Lambda authorizer context', async () => {
    const context = await invoke(financeOnly, anApiEvent({ authorizerContext: { sub: 'f', 'cognito:groups': '[finance]', 'custom:agencies': 'STP' } }));
    expect(context.statusCode).toBe(401);
  });

  it('turns an unexpected fault into a 500 that exposes nothing', async () => {
    const response = await invoke(failing, anApiEvent({ requestId: 'r500' }));
    expect(response.statusCode).toBe(500);
    expect(response.json).toEqual({
      error: { code: 'INTERNAL_ERROR', message: 'The service could not complete the request.', details: [], requestId: 'r500' },
    });
    expect(response.body).not.toMatch(/10\.0\.0\.7|Socket|index\.js/);
  });

  it('keeps a caller-supplied X-Request-Id only when it is well formed', async () => {
    const kept = await invoke(echo, anApiEvent({ method: 'POST', body: '{}', headers: { 'x-request-id': 'trace-42' } }));
    expect(kept.headers?.['x-request-id']).toBe('trace-42');
    const replaced = await invoke(echo, anApiEvent({ method: 'POST', body: '{}', headers: { 'x-request-id': '<script>' }, requestId: 'gw-1' }));
    expect(replaced.headers?.['x-request-id']).toBe('gw-1');
  });
});
