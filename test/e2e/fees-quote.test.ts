// Proves anyone can quote a dossier's fees over HTTP: amounts and explanations per line, the schedule in force on the submission date, and 4xx naming the field for bad input.
import type { LocalStack } from '../../functions/local/local-stack';
import { startTestStack } from '../support/local-stack';
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
  ])('refuses %j with %i %s naming %s', async (body, status, code, path) => {
    const response = await quote(body);
    expect(response.status).toBe(status);
    const error = ((await response.json()) as ErrorBody).error;
    expect(error.code).toBe(code);
    expect(error.details.map((detail) => detail.path)).toContain(path);
  });
});
