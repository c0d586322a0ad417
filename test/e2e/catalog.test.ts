// Proves a user reaches health and the catalog through HTTP on the real local stack, and gets CONTRACT errors for wrong paths and input.
import type { LocalStack } from '../../functions/local/local-stack';
import { demoCatalog } from '../../functions/catalog/seed-catalog';
import { startTestStack } from '../support/local-stack';

describe('local stack: health and catalog over HTTP', () => {
  let stack: LocalStack;
  beforeAll(async () => (stack = await startTestStack()));
  afterAll(async () => stack.stop());

  it('answers /health with X-Request-Id', async () => {
    const response = await fetch(`${stack.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists the demo catalog with fees and obligations', async () => {
    const body = (await (await fetch(`${stack.url}/v1/procedures`)).json()) as { items: Array<{ code: string; hasFinancialObligation: boolean; fees: unknown[] }> };
    expect(body.items.map((item) => item.code).sort()).toEqual(demoCatalog().procedures.map((p) => p.code).sort());
    const marriage = body.items.find((item) => item.code === 'HT-KETHON');
    expect(marriage).toMatchObject({ hasFinancialObligation: false, fees: [] });
    const copies = body.items.find((item) => item.code === 'CT-BANSAO');
    expect(copies?.hasFinancialObligation).toBe(true);
  });

  it('filters by agency and shows one procedure', async () => {
    // Sở Xây dựng serves its own procedures and, since 1 March 2025, those of the transport department it absorbed.
    const body = (await (await fetch(`${stack.url}/v1/procedures?agency=SXD`)).json()) as { items: Array<{ code: string }> };
    expect(body.items.map((item) => item.code).sort()).toEqual(['DKX-BIENSO', 'GPLX-DOI', 'GPXD-NHAO', 'XD-THONGBAO']);
    const procedure = await (await fetch(`${stack.url}/v1/procedures/GPLX-DOI`)).json();
    expect(procedure).toMatchObject({ code: 'GPLX-DOI', agencyCode: 'SXD', fees: [{ feeCode: 'LP-GPLX', kind: 'LE_PHI', rule: { type: 'fixed', amount: 135000 } }] });
  });

  it('answers a bad agency code with 400 naming the parameter', async () => {
    const response = await fetch(`${stack.url}/v1/procedures?agency=${encodeURIComponent('<x>')}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; details: Array<{ path: string }>; requestId: string } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details[0]?.path).toBe('agency');
    expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('answers 404 for an unknown procedure and an unknown route, 405 for a wrong method', async () => {
    const missing = await fetch(`${stack.url}/v1/procedures/NOPE`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect((await fetch(`${stack.url}/v2/nothing`)).status).toBe(404);
    const wrongMethod = await fetch(`${stack.url}/v1/procedures`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });

  it('refuses a body over 10 MB with 413 and writes nothing', async () => {
    const response = await fetch(`${stack.url}/v1/procedures`, { method: 'GET', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(200);
    const huge = await fetch(`${stack.url}/health`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1, 'a') });
    expect(huge.status).toBe(413);
  });
});
