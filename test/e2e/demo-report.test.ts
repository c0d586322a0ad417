// Proves the online-payment report after a demo run equals a hand count of what the demo did through the API, agency by agency, and that rates follow from those counts.
import { AdjustableClock } from '../../functions/local/adjustable-clock';
import { generateDemoActivity } from '../../functions/local/demo-activity';
import type { LocalStack } from '../../functions/local/local-stack';
import { startTestStack, tokenFor } from '../support/local-stack';

type Row = { agencyCode: string; paymentTransactions: number; onlinePaymentTransactions: number; transactionRatePercent: string | null };

describe('demo activity and the report', () => {
  const clock = new AdjustableClock();
  let stack: LocalStack;
  beforeAll(async () => (stack = await startTestStack({ clock })));
  afterAll(async () => stack.stop());

  it('reports exactly the payments the demo made, per agency', async () => {
    const summary = await generateDemoActivity(stack, clock, { days: 3, endingOn: '2026-09-03', seed: 7 });
    clock.resume();
    expect(summary.onlinePaid).toBeGreaterThan(0);
    expect(summary.counterPaid).toBeGreaterThan(0);

    const province = await tokenFor(stack, 'province');
    const response = await fetch(`${stack.url}/v1/reports/online-payments?from=2026-09-01&to=2026-09-03&groupBy=agency&targetSet=nq01-2021`, {
      headers: { authorization: `Bearer ${province}`, accept: 'application/json' },
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as { rows: Row[]; totals: Omit<Row, 'agencyCode'> };
    for (const row of report.rows) {
      const made = summary.byAgency[row.agencyCode] ?? { online: 0, counter: 0 };
      expect([row.agencyCode, row.onlinePaymentTransactions, row.paymentTransactions]).toEqual([row.agencyCode, made.online, made.online + made.counter]);
      const total = made.online + made.counter;
      const expectedRate = total === 0 ? null : ((Math.round((made.online / total) * 10_000) / 100).toFixed(2));
      expect([row.agencyCode, row.transactionRatePercent]).toEqual([row.agencyCode, expectedRate]);
    }
    expect(report.totals.onlinePaymentTransactions).toBe(summary.onlinePaid);
    expect(report.totals.paymentTransactions).toBe(summary.onlinePaid + summary.counterPaid);
  });
});
