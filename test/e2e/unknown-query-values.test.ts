// Proves an agency, procedure or target set the service does not have is a 4xx naming it, not an empty 200 that looks like "nothing yet".
import type { LocalStack } from '../../functions/local/local-stack';
import { startTestStack, tokenFor } from '../support/local-stack';

type ErrorBody = { error: { code: string; message: string; details: Array<{ path: string; message: string }> } };
const MARCH = 'from=2026-03-01&to=2026-03-31';

describe('unknown values in a query', () => {
  let stack: LocalStack;
  let province: string;
  let financeStp: string;
  beforeAll(async () => {
    stack = await startTestStack();
    province = await tokenFor(stack, 'province');
    financeStp = await tokenFor(stack, 'finance');
  });
  afterAll(async () => stack.stop());

  const get = (path: string, token?: string, accept = 'application/json') =>
    fetch(`${stack.url}${path}`, { headers: { accept, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  const refusal = async (response: Response, status = 400) => {
    expect(response.status).toBe(status);
    return (await response.json()) as ErrorBody;
  };

  it('GET /v1/procedures?agency=XYZ is 400 naming agency and the code', async () => {
    const body = await refusal(await get('/v1/procedures?agency=XYZ'));
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details).toEqual([{ path: 'agency', message: expect.stringMatching(/^no agency XYZ in the catalog; known agencies: .*STP/) }]);
    expect((await get('/v1/procedures?agency=STP')).status).toBe(200);
  });

  it('GET /v1/procedures/{code} of a procedure the catalog does not have is 404', async () => {
    expect((await refusal(await get('/v1/procedures/KHONG-CO'), 404)).error.code).toBe('NOT_FOUND');
  });

  it('the report refuses an unknown agency with 400, alone or in a list, for province and finance alike', async () => {
    const alone = await refusal(await get(`/v1/reports/online-payments?${MARCH}&agency=XYZ`, province));
    expect(alone.error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Unknown agency XYZ.' });
    expect(alone.error.details.map((detail) => detail.path)).toEqual(['agency']);
    const inList = await refusal(await get(`/v1/reports/online-payments?${MARCH}&agency=STP,XYZ`, financeStp));
    expect(inList.error.details).toEqual([{ path: 'agency', message: expect.stringContaining('no agency XYZ') }]);
    // An agency that exists but is not the caller's stays a 403.
    expect((await get(`/v1/reports/online-payments?${MARCH}&agency=SXD`, financeStp)).status).toBe(403);
  });

  it('the report refuses an unknown target set with 400 naming it', async () => {
    const body = await refusal(await get(`/v1/reports/online-payments?${MARCH}&targetSet=nope`, province));
    expect(body.error.details).toEqual([{ path: 'targetSet', message: 'no target set nope; one of nq01-2021, haiphong-2024' }]);
  });

});
