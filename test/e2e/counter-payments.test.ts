// Proves finance records counter payments once per receipt, only for its agencies, in the same counters and dossier guard as online payments.
import type { LocalStack } from '../../functions/local/local-stack';
import { DynamoDbReportCounterRepository } from '../../functions/reports/report-counter-repository';
import { startTestStack, tokenFor } from '../support/local-stack';
import { itemsWritten } from '../support/payments';

describe('counter payments over HTTP', () => {
  let stack: LocalStack;
  let finance: string;
  beforeAll(async () => {
    stack = await startTestStack();
    finance = await tokenFor(stack, { sub: 'ke-toan-stp', roles: ['finance'], agencies: ['STP'] });
  });
  afterAll(async () => stack.stop());

  const aCounterPayment = (overrides: Record<string, unknown> = {}) => ({
    dossierId: `HS-QUAY-${Math.random().toString(36).slice(2, 8)}`,
    procedureCode: 'LLTP-CAP',
    agencyCode: 'STP',
    amount: 200_000,
    method: 'CASH',
    paidAt: '2026-06-02T10:15:00+07:00',
    receiptNo: `BL/${Math.random().toString(36).slice(2, 8)}`,
    ...overrides,
  });
  const record = (body: unknown, token = finance) =>
    fetch(`${stack.url}/v1/offline-payments`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string; details: Array<{ path: string }> } }).error;

  it('records a cash payment and counts it as an offline payment transaction of its day', async () => {
    const body = aCounterPayment({ paidAt: '2026-06-02T23:59:59+07:00' });
    const response = await record(body);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ receiptNo: body.receiptNo, businessDate: '2026-06-02', recordedBy: 'ke-toan-stp', amount: 200_000 });
    const counters = await new DynamoDbReportCounterRepository(stack.dependencies.dynamoDb.doc, stack.config.TABLE_NAME).queryCounters({ agencies: ['STP'], from: '2026-06-02', to: '2026-06-03' });
    expect(counters).toEqual([expect.objectContaining({ businessDate: '2026-06-02', channel: 'OFFLINE', paymentTransactions: 1, amount: 200_000, dossiersPaid: 1 })]);
  });

  it('refuses the same receipt number twice with 409 DUPLICATE_RECEIPT', async () => {
    const body = aCounterPayment();
    expect((await record(body)).status).toBe(201);
    const again = await record({ ...body, dossierId: 'HS-OTHER-1' });
    expect(again.status).toBe(409);
    expect((await errorCode(again)).code).toBe('DUPLICATE_RECEIPT');
  });

  it('refuses a second payment of a dossier, at the counter or online', async () => {
    const body = aCounterPayment();
    expect((await record(body)).status).toBe(201);
    const twice = await record({ ...body, receiptNo: 'BL/second' });
    expect(twice.status).toBe(409);
    expect((await errorCode(twice)).code).toBe('DOSSIER_ALREADY_PAID');
    const online = await fetch(`${stack.url}/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(stack, 'portal')}`, 'idempotency-key': `after-counter-${body.dossierId}` },
      body: JSON.stringify({ dossierId: body.dossierId, procedureCode: 'LLTP-CAP', agencyCode: 'STP', provider: 'mock-bank', inputs: {}, payer: { name: 'A' }, returnUrl: 'https://x.gov.vn/r' }),
    });
    expect(online.status).toBe(409);
    expect((await errorCode(online)).code).toBe('DOSSIER_ALREADY_PAID');
  });

  it('lets finance record only for its own agencies, and only finance', async () => {
    const other = await record(aCounterPayment({ procedureCode: 'GPLX-DOI', agencyCode: 'SGTVT', amount: 135_000 }));
    expect(other.status).toBe(403);
    expect((await record(aCounterPayment(), await tokenFor(stack, 'portal'))).status).toBe(403);
    expect((await fetch(`${stack.url}/v1/offline-payments`, { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it.each([
    [{ amount: 1500.5 }, 'amount'],
    [{ amount: -10 }, 'amount'],
    [{ method: 'CHEQUE' }, 'method'],
    [{ paidAt: '2026-06-02 10:15' }, 'paidAt'],
    [{ receiptNo: '' }, 'receiptNo'],
    [{ agencyCode: undefined }, 'agencyCode'],
    [{ note: 'unexpected' }, ''],
  ])('refuses %j with 400 naming %s, writing nothing', async (override, path) => {
    const before = (await itemsWritten(stack.dependencies.dynamoDb.doc, stack.config.TABLE_NAME)).length;
    const response = await record(aCounterPayment(override));
    expect(response.status).toBe(400);
    const error = await errorCode(response);
    expect(error.code).toBe('VALIDATION_FAILED');
    if (path) expect(error.details.map((detail) => detail.path)).toContain(path);
    expect((await itemsWritten(stack.dependencies.dynamoDb.doc, stack.config.TABLE_NAME)).length).toBe(before);
  });

  it.each([
    [{ procedureCode: 'NOPE-1' }, 422, 'UNKNOWN_PROCEDURE'],
    [{ procedureCode: 'CT-BANSAO' }, 422, 'AGENCY_MISMATCH'],
    [{ paidAt: '2099-01-01T00:00:00+07:00' }, 422, 'PAID_IN_FUTURE'],
  ])('refuses %j with %i %s', async (override, status, code) => {
    const response = await record(aCounterPayment(override));
    expect(response.status).toBe(status);
    expect((await errorCode(response)).code).toBe(code);
  });
});
