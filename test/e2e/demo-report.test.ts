// Proves the online-payment report after a demo run equals a hand count of what the demo did through the API, agency by agency, that rates follow from those counts, and that a run across 1 July 2025 pays the old agencies before it and their successors after.
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

  it('pays the agencies valid on each day across the 1 July 2025 change, and the report adds up with and without roll-up', async () => {
    const summary = await generateDemoActivity(stack, clock, { days: 2, endingOn: '2025-07-01', seed: 11 });
    clock.resume();
    const province = await tokenFor(stack, 'province');
    const report = async (query: string) => {
      const response = await fetch(`${stack.url}/v1/reports/online-payments?targetSet=nq01-2021&${query}`, { headers: { authorization: `Bearer ${province}` } });
      expect(response.status).toBe(200);
      return (await response.json()) as { rows: Row[]; totals: Omit<Row, 'agencyCode'> };
    };
    const paying = (body: { rows: Row[] }) => body.rows.filter((row) => row.paymentTransactions > 0).map((row) => row.agencyCode);

    const lastOldDay = paying(await report('from=2025-06-30&to=2025-06-30'));
    expect(lastOldDay).toEqual(expect.arrayContaining(['TANPHONG', 'BIENHOA']));
    expect(lastOldDay).not.toEqual(expect.arrayContaining(['TRANBIEN']));
    const firstNewDay = paying(await report('from=2025-07-01&to=2025-07-01'));
    expect(firstNewDay).toEqual(expect.arrayContaining(['TRANBIEN']));
    for (const old of ['TANPHONG', 'BIENHOA', 'SGTVT', 'STNMT', 'SKHDT']) expect(firstNewDay).not.toContain(old);

    const asItWas = await report('from=2025-06-30&to=2025-07-01');
    const rolledUp = await report('from=2025-06-30&to=2025-07-01&rollUp=successor');
    expect(asItWas.totals.paymentTransactions).toBe(summary.onlinePaid + summary.counterPaid);
    expect(rolledUp.totals).toEqual(asItWas.totals);
    const made = (code: string) => (summary.byAgency[code]?.online ?? 0) + (summary.byAgency[code]?.counter ?? 0);
    expect(rolledUp.rows.find((row) => row.agencyCode === 'TRANBIEN')?.paymentTransactions).toBe(made('TANPHONG') + made('BIENHOA') + made('TRANBIEN'));
  });
});
