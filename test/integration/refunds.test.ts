// Proves asking for refunds on DynamoDB Local is exactly-once and race-safe in one transaction: the refund, its key and the payment's reserve commit together; eight clicks with one key make one refund; two officers with the same refundAmountAvailable get one refund and one mismatch; refusals write nothing.
import { createRefund, type CreateRefundCommand } from '../../functions/refunds/create-refund';
import { refundSummary } from '../../domain/refunds/refund-summary';
import { createTestTable, type TestTable } from '../support/dynamodb';
import { itemsWritten, ManualClock } from '../support/payments';
import { aFinanceOfficer, aFinanceOfficerElsewhere, aPaidPayment, anotherFinanceOfficer, refundDependencies } from '../support/refunds';

describe('createRefund on DynamoDB Local', () => {
  let table: TestTable;
  let deps: Awaited<ReturnType<typeof refundDependencies>>;
  const clock = new ManualClock(new Date('2026-03-10T09:00:00+07:00'));

  beforeAll(async () => {
    table = await createTestTable();
    deps = await refundDependencies(table, clock);
  });
  afterAll(async () => table.drop());

  const ask = (command: Partial<CreateRefundCommand> & Pick<CreateRefundCommand, 'paymentId' | 'request'>) =>
    createRefund({ principal: aFinanceOfficer, idempotencyKey: `k-${Math.random().toString(36).slice(2)}`, ...command }, deps);

  it('writes the SUBMITTED refund, its key and the payment’s reserve together; the summary follows', async () => {
    const payment = await aPaidPayment(deps, table);
    expect(refundSummary(payment)).toEqual({ status: 'AVAILABLE', amountAvailable: payment.amount, amountRefunded: 0, amountSubmitted: 0 });
    const result = await ask({ paymentId: payment.paymentId, idempotencyKey: 'k-one', request: { amount: 4_000, reason: 'Thu thừa', refundAmountAvailable: payment.amount } });
    expect(result).toMatchObject({ kind: 'CREATED', refund: { status: 'SUBMITTED', amount: 4_000, paymentId: payment.paymentId, provider: 'mock-bank', createdBy: aFinanceOfficer.subject } });
    const stored = (await deps.payments.getPayment(payment.paymentId))!;
    expect(stored.refundsReserved).toBe(4_000);
    expect(stored.events.at(-1)).toMatchObject({ type: 'RefundSubmitted', amount: 4_000 });
    expect(refundSummary(stored)).toEqual({ status: 'AVAILABLE', amountAvailable: payment.amount - 4_000, amountRefunded: 0, amountSubmitted: 4_000 });
    expect(await deps.refunds.listRefunds(payment.paymentId)).toEqual([result.kind === 'CREATED' && result.refund]);
    expect(await deps.refunds.listSubmittedBefore(new Date(clock.now().getTime() + 1))).toEqual(expect.arrayContaining([expect.objectContaining({ refundId: result.kind === 'CREATED' && result.refund.refundId })]));
  });

  it('makes exactly one refund when one key is fired eight times at once, and replays it after', async () => {
    const payment = await aPaidPayment(deps, table);
    const request = { amount: payment.amount, reason: 'Nộp trùng', refundAmountAvailable: payment.amount };
    const results = await Promise.all(Array.from({ length: 8 }, () => ask({ paymentId: payment.paymentId, idempotencyKey: 'k-race', request })));
    const kinds = results.map((result) => result.kind);
    expect(kinds.filter((kind) => kind === 'CREATED')).toHaveLength(1);
    expect(kinds.every((kind) => ['CREATED', 'REPLAYED', 'IDEMPOTENCY_KEY_IN_USE'].includes(kind))).toBe(true);
    const refunds = await deps.refunds.listRefunds(payment.paymentId);
    expect(refunds).toHaveLength(1);
    expect((await deps.payments.getPayment(payment.paymentId))?.refundsReserved).toBe(payment.amount);
    expect(await ask({ paymentId: payment.paymentId, idempotencyKey: 'k-race', request })).toEqual({ kind: 'REPLAYED', refund: refunds[0] });
  });

  it('gives two officers with the same refundAmountAvailable one refund and one mismatch', async () => {
    const payment = await aPaidPayment(deps, table);
    const request = { amount: payment.amount, reason: 'Nộp trùng', refundAmountAvailable: payment.amount };
    const [first, second] = await Promise.all([
      ask({ paymentId: payment.paymentId, request }),
      ask({ paymentId: payment.paymentId, request, principal: anotherFinanceOfficer }),
    ]);
    expect([first.kind, second.kind].sort()).toEqual(['CREATED', 'REFUND_AMOUNT_AVAILABLE_MISMATCH']);
    expect([first, second].find((result) => result.kind === 'REFUND_AMOUNT_AVAILABLE_MISMATCH')).toEqual({ kind: 'REFUND_AMOUNT_AVAILABLE_MISMATCH', amountAvailable: 0 });
    expect(await deps.refunds.listRefunds(payment.paymentId)).toHaveLength(1);
  });

  it('answers a key reused with another body with IDEMPOTENCY_KEY_REUSED, writing nothing', async () => {
    const payment = await aPaidPayment(deps, table);
    await ask({ paymentId: payment.paymentId, idempotencyKey: 'k-reuse', request: { amount: 1_000, reason: 'a', refundAmountAvailable: payment.amount } });
    const before = await itemsWritten(table.doc, table.tableName);
    expect(await ask({ paymentId: payment.paymentId, idempotencyKey: 'k-reuse', request: { amount: 2_000, reason: 'a', refundAmountAvailable: payment.amount - 1_000 } })).toEqual({ kind: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await itemsWritten(table.doc, table.tableName)).toEqual(before);
  });

  it('refuses without writing: an amount too large, a stale amount available, another agency, an unknown payment, a payment not paid', async () => {
    const payment = await aPaidPayment(deps, table);
    const before = await itemsWritten(table.doc, table.tableName);
    expect(await ask({ paymentId: payment.paymentId, request: { amount: payment.amount + 1, reason: 'a', refundAmountAvailable: payment.amount } })).toEqual({ kind: 'REFUND_AMOUNT_INVALID', amountAvailable: payment.amount });
    expect(await ask({ paymentId: payment.paymentId, request: { amount: 1, reason: 'a', refundAmountAvailable: 1 } })).toEqual({ kind: 'REFUND_AMOUNT_AVAILABLE_MISMATCH', amountAvailable: payment.amount });
    expect(await ask({ paymentId: payment.paymentId, principal: aFinanceOfficerElsewhere, request: { amount: 1, reason: 'a', refundAmountAvailable: payment.amount } })).toEqual({ kind: 'FORBIDDEN' });
    expect(await ask({ paymentId: 'pay_0000000000000000000000', request: { amount: 1, reason: 'a', refundAmountAvailable: 1 } })).toEqual({ kind: 'NOT_FOUND' });
    expect(await itemsWritten(table.doc, table.tableName)).toEqual(before);
  });
});
