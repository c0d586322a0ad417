// Proves the handler wrapper refuses a JSON body whose bytes are not UTF-8 — as API Gateway hands it over, base64-encoded — with 400 naming the field, before the function runs.
import * as z from 'zod/mini';
import { apiHandler } from '../../../functions/http/api-handler';
import { json } from '../../../functions/http/responses';
import { lambdaContext } from '../../../functions/local/lambda-context';
import { anApiEvent } from '../../support/api-events';

let calls = 0;
const echo = apiHandler({ auth: 'public', body: z.object({ action: z.string(), note: z.string() }) }, async ({ body }) => {
  calls++;
  return json(200, body);
});

const base64Event = (bytes: Buffer) => ({ ...anApiEvent({ method: 'POST', headers: { 'content-type': 'application/json' } }), body: bytes.toString('base64'), isBase64Encoded: true });

describe('apiHandler and UTF-8', () => {
  it('reads a base64-encoded UTF-8 body, Vietnamese included', async () => {
    const response = await echo(base64Event(Buffer.from('{"action":"NOTE","note":"Đã đối chiếu với sao kê"}')), lambdaContext('test'));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(String(response.body))).toEqual({ action: 'NOTE', note: 'Đã đối chiếu với sao kê' });
  });

  it('refuses bytes that are not UTF-8 with 400 naming the field, without calling the function', async () => {
    calls = 0;
    const bytes = Buffer.concat([Buffer.from('{"action":"NOTE","note":"'), Buffer.from('Hoàn trả cho công dân', 'latin1'), Buffer.from('"}')]);
    const response = await echo(base64Event(bytes), lambdaContext('test'));
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(String(response.body)).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'The request body is not valid UTF-8; nothing was stored.',
      details: [{ path: 'note', message: 'is not valid UTF-8' }],
    });
    expect(calls).toBe(0);
  });
});
