// Proves the local stack serves both mock providers beside the API: their settlement files, fault switches, and refusal of a forged payment link.
import type { LocalStack } from '../../functions/local/local-stack';
import { startTestStack } from '../support/local-stack';

describe('local stack: mock providers', () => {
  let stack: LocalStack;
  beforeAll(async () => (stack = await startTestStack()));
  afterAll(async () => stack.stop());

  it.each(['mock-bank', 'mock-portal'])('%s serves an empty settlement file for a quiet day', async (provider) => {
    const response = await fetch(`${stack.url}/${provider}/settlements/2026-11-20.csv`);
    expect(response.status).toBe(200);
    expect((await response.text()).trim()).toBe('provider_txn_id,payment_id,amount,fee,status,paid_at');
  });

  it('refuses a payment page whose link was not signed by the service', async () => {
    const response = await fetch(`${stack.url}/mock-bank/pay/pay_forged?amount=1&returnUrl=https%3A%2F%2Fexample.org&expiresAt=2030-01-01T00%3A00%3A00%2B07%3A00&t=1&sig=00`);
    expect(response.status).toBe(400);
    expect(stack.mocks.ledgers['mock-bank'].all()).toEqual([]);
  });

  it('takes fault switches over HTTP', async () => {
    const set = await fetch(`${stack.url}/mock-bank/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ drop: true }) });
    expect(set.status).toBeLessThan(300);
    const listed = await (await fetch(`${stack.url}/mock-bank/faults`)).json();
    expect(JSON.stringify(listed)).toContain('"drop":true');
    expect((await fetch(`${stack.url}/mock-bank/faults`, { method: 'DELETE' })).status).toBeLessThan(300);
  });
});
