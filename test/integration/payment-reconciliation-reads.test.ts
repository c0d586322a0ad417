// Proves the payment repository's reads and notes for reconciliation on DynamoDB Local: a day's successes streamed page by page in payment-time order (and in slices of payment time read at once), payments read by id in batches, and the AutoApplied and PaymentReversed events noted once, only on a matching success.
import { createTestTable, type TestTable } from '../support/dynamodb';
import { ManualClock } from '../support/payments';
import { aPendingPayment, paySuccessfully, reconciliationDependencies, type ReconciliationTestDependencies } from '../support/reconciliation';

describe('payment repository for reconciliation', () => {
  let table: TestTable;
  let deps: ReconciliationTestDependencies;
  const clock = new ManualClock(new Date('2026-05-01T08:00:00+07:00'));
  const note = (providerTxnId: string) => ({ provider: 'mock-bank' as const, providerTxnId, settlementBusinessDate: '2026-05-01', runId: 'rec_0000000000AAAAAAAAAAA', at: '2026-05-02T08:00:00+07:00' });

  beforeAll(async () => {
    table = await createTestTable();
    deps = await reconciliationDependencies(table, clock);
  });
  afterAll(async () => table.drop());

  it('streams a day’s successes in pages, in payment-time order, and reads payments by id', async () => {
    const paid: string[] = [];
    for (const minute of [30, 10, 20, 40, 50]) {
      const payment = await aPendingPayment(deps, `2026-05-01T09:${minute}:00+07:00`);
      await paySuccessfully(deps, payment, `2026-05-01T10:${minute}:00+07:00`);
      paid.push(payment.paymentId);
    }
    const pending = await aPendingPayment(deps, '2026-05-01T11:00:00+07:00');
    const pages: string[][] = [];
    for await (const page of deps.payments.succeededPages('mock-bank', '2026-05-01', { slices: 1, pageSize: 2 })) pages.push(page.map((payment) => payment.paymentId));
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual([paid[1], paid[2], paid[0], paid[3], paid[4]]);
    // Read in slices of payment time at once, every success comes exactly once, whatever the slice bounds.
    for (const slices of [2, 24, 48]) {
      const sliced: string[] = [];
      for await (const page of deps.payments.succeededPages('mock-bank', '2026-05-01', { slices, pageSize: 1 })) sliced.push(...page.map((payment) => payment.paymentId));
      expect(sliced.sort()).toEqual([...paid].sort());
    }

    const ids = [...paid, pending.paymentId, 'pay_0000000000NOTHERE0000', ...Array.from({ length: 150 }, (_, i) => `pay_MISSING${i}`)];
    const read = await deps.payments.getPayments(ids);
    expect(new Set(read.map((payment) => payment.paymentId))).toEqual(new Set([...paid, pending.paymentId]));
  });

  it('notes AutoApplied once, and only on a success from that provider transaction', async () => {
    const payment = await aPendingPayment(deps, '2026-05-01T12:00:00+07:00');
    expect(await deps.payments.recordAutoApplied(payment.paymentId, note('MB1'), clock.now())).toEqual({ kind: 'NOT_APPLICABLE' });
    const txn = await paySuccessfully(deps, payment, '2026-05-01T12:01:00+07:00');
    expect(await deps.payments.recordAutoApplied(payment.paymentId, note('MB-OTHER'), clock.now())).toEqual({ kind: 'NOT_APPLICABLE' });
    expect(await deps.payments.recordAutoApplied(payment.paymentId, note(txn), clock.now())).toEqual({ kind: 'RECORDED' });
    expect(await deps.payments.recordAutoApplied(payment.paymentId, note(txn), clock.now())).toEqual({ kind: 'ALREADY_RECORDED' });
    expect(await deps.payments.recordAutoApplied('pay_0000000000NOTHERE0000', note(txn), clock.now())).toEqual({ kind: 'UNKNOWN_PAYMENT' });
    const read = await deps.payments.getPayment(payment.paymentId);
    expect(read?.autoApplied).toEqual(note(txn));
    expect(read?.events.at(-1)).toEqual({ type: 'AutoApplied', at: '2026-05-02T08:00:00+07:00', provider: 'mock-bank', providerTxnId: txn, settlementBusinessDate: '2026-05-01', runId: 'rec_0000000000AAAAAAAAAAA' });
  });

  it('notes PaymentReversed once, only on a success', async () => {
    const payment = await aPendingPayment(deps, '2026-05-01T13:00:00+07:00');
    expect(await deps.payments.recordProviderReversal(payment.paymentId, note('MB2'), clock.now())).toEqual({ kind: 'NOT_APPLICABLE' });
    await paySuccessfully(deps, payment, '2026-05-01T13:01:00+07:00');
    expect(await deps.payments.recordProviderReversal(payment.paymentId, note('MB2'), clock.now())).toEqual({ kind: 'RECORDED' });
    expect(await deps.payments.recordProviderReversal(payment.paymentId, note('MB2'), clock.now())).toEqual({ kind: 'ALREADY_RECORDED' });
    expect((await deps.payments.getPayment(payment.paymentId))?.events.filter((event) => event.type === 'PaymentReversed')).toHaveLength(1);
  });
});
