// Proves anyone can quote a dossier's fees over HTTP: amounts and explanations per line, the schedule in force on the submission date, online reductions for online dossiers only, and 4xx naming the field for bad input.
import type { LocalStack } from '../../functions/local/local-stack';
import { startTestStack, tokenFor } from '../support/local-stack';
import { ManualClock } from '../support/payments';

describe('POST /v1/fees/quote', () => {
  let stack: LocalStack;
  const clock = new ManualClock(new Date('2024-12-31T12:00:00+07:00'));
  beforeAll(async () => (stack = await startTestStack({ clock })));
  afterAll(async () => stack.stop());

  const quote = (body: unknown) =>
    fetch(`${stack.url}/v1/fees/quote`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  type ErrorBody = { error: { code: string; details: Array<{ path: string }> } };

  it('quotes certified copies line by line, without a token', async () => {
    const response = await quote({ procedureCode: 'CT-BANSAO', inputs: { pages: 5, copies: 2 } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      procedureCode: 'CT-BANSAO',
      amount: 14_000,
      currency: 'VND',
      channel: 'ONLINE',
      businessDate: '2024-12-31',
      lines: [
        {
          feeCode: 'LP-CTBS',
          name: 'Phí chứng thực bản sao từ bản chính',
          kind: 'PHI',
          amount: 14_000,
          explanation: '2 trang × 2.000 ₫ + 3 trang × 1.000 ₫ = 7.000 ₫ mỗi bản, × 2 bản = 14.000 ₫',
        },
      ],
    });
  });

  it('uses the schedule in force on submittedAt, and today’s by default', async () => {
    const amountFor = async (body: object) => ((await (await quote(body)).json()) as { amount: number }).amount;
    expect(await amountFor({ procedureCode: 'GPXD-NHAO', submittedAt: '2024-12-31T23:59:59+07:00' })).toBe(75_000);
    expect(await amountFor({ procedureCode: 'GPXD-NHAO', submittedAt: '2025-01-01T00:00:00+07:00' })).toBe(100_000);
    expect(await amountFor({ procedureCode: 'GPXD-NHAO' })).toBe(75_000);
    clock.set('2025-01-01T00:00:00+07:00');
    expect(await amountFor({ procedureCode: 'GPXD-NHAO' })).toBe(100_000);
  });

  it('halves a fee with a 50% online reduction for an online dossier inside its dates, never at the counter', async () => {
    const quoted = async (body: object) => (await (await quote({ procedureCode: 'HKD-DANGKY', ...body })).json()) as { amount: number; channel: string; lines: Array<{ explanation: string }> };
    expect((await quoted({ submittedAt: '2025-06-30T23:59:59+07:00' })).amount).toBe(100_000);
    const inside = await quoted({ submittedAt: '2025-07-01T00:00:00+07:00' });
    expect(inside).toMatchObject({ amount: 50_000, channel: 'ONLINE' });
    expect(inside.lines[0]?.explanation).toContain('giảm 50% do nộp trực tuyến (Nghị quyết HĐND tỉnh Đồng Nai, số hiệu minh họa, từ 01/07/2025 đến 31/12/2026)');
    expect((await quoted({ submittedAt: '2026-12-31T23:59:59+07:00', channel: 'ONLINE' })).amount).toBe(50_000);
    expect((await quoted({ submittedAt: '2027-01-01T00:00:00+07:00' })).amount).toBe(100_000);
    expect(await quoted({ submittedAt: '2026-03-10T09:00:00+07:00', channel: 'COUNTER' })).toMatchObject({ amount: 100_000, channel: 'COUNTER' });
  });

  it('prices a portal payment with the online reduction, and lets the counter record the full fee', async () => {
    clock.set('2026-03-10T09:00:00+07:00');
    const portal = await tokenFor(stack, 'portal');
    const created = await fetch(`${stack.url}/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${portal}`, 'idempotency-key': 'hkd-online' },
      body: JSON.stringify({ dossierId: 'HS-HKD-1', procedureCode: 'HKD-DANGKY', agencyCode: 'TRANBIEN', provider: 'mock-bank', inputs: {}, payer: { name: 'A' }, returnUrl: 'https://x.gov.vn/r' }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ amount: 50_000, lines: [{ feeCode: 'LP-HKD', amount: 50_000, reduction: { percent: '50', fullAmount: 100_000 } }] });
    const finance = await tokenFor(stack, { sub: 'ke-toan-tran-bien', roles: ['finance'], agencies: ['TRANBIEN'] });
    const counter = await fetch(`${stack.url}/v1/offline-payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${finance}` },
      body: JSON.stringify({ dossierId: 'HS-HKD-2', procedureCode: 'HKD-DANGKY', agencyCode: 'TRANBIEN', amount: 100_000, method: 'CASH', paidAt: '2026-03-10T08:30:00+07:00', receiptNo: 'TB/2026/1' }),
    });
    expect(counter.status).toBe(201);
    expect(await counter.json()).toMatchObject({ amount: 100_000 });
  });

  it('marks in the catalog which version of a fee is in force today', async () => {
    clock.set('2024-12-31T23:59:59+07:00');
    const inForce = async () =>
      ((await (await fetch(`${stack.url}/v1/procedures/GPXD-NHAO`)).json()) as { fees: Array<{ validFrom: string; inForce: boolean }> }).fees.map((fee) => [fee.validFrom, fee.inForce]);
    expect(await inForce()).toEqual([
      ['2020-01-01', true],
      ['2025-01-01', false],
    ]);
    clock.set('2025-01-01T00:00:00+07:00');
    expect(await inForce()).toEqual([
      ['2020-01-01', false],
      ['2025-01-01', true],
    ]);
  });

  it.each([
    [{ procedureCode: 'NOPE' }, 422, 'UNKNOWN_PROCEDURE', 'procedureCode'],
    [{ procedureCode: 'CT-BANSAO', inputs: {} }, 400, 'VALIDATION_FAILED', 'inputs.pages'],
    [{ procedureCode: 'CT-BANSAO', inputs: { pages: 0 } }, 400, 'VALIDATION_FAILED', 'inputs.pages'],
    [{ procedureCode: 'TB-NHADAT', inputs: { declaredValue: -5 } }, 400, 'VALIDATION_FAILED', 'inputs.declaredValue'],
    [{ procedureCode: 'GPXD-NHAO', submittedAt: '31/12/2024' }, 400, 'VALIDATION_FAILED', 'submittedAt'],
    [{ procedureCode: 'GPXD-NHAO', submittedAt: '2024-12-31T23:59:59' }, 400, 'VALIDATION_FAILED', 'submittedAt'],
    [{ inputs: {} }, 400, 'VALIDATION_FAILED', 'procedureCode'],
    [{ procedureCode: 'HKD-DANGKY', channel: 'POST' }, 400, 'VALIDATION_FAILED', 'channel'],
  ])('refuses %j with %i %s naming %s', async (body, status, code, path) => {
    const response = await quote(body);
    expect(response.status).toBe(status);
    const error = ((await response.json()) as ErrorBody).error;
    expect(error.code).toBe(code);
    expect(error.details.map((detail) => detail.path)).toContain(path);
  });
});
