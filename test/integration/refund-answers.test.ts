// Proves a provider's answer about a refund is applied exactly once on DynamoDB Local, all in one transaction: the refund's move, the payment's totals, the report counters (a full refund leaves the day's counts, a partial one stays net), the receipt, the case and the PaymentRefunded outbox record; duplicates, racing, reordered and late answers make one effect; a fault mid-transaction leaves nothing.
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { applyRefundAnswer } from '../../functions/refunds/apply-refund-answer';
import { createRefund } from '../../functions/refunds/create-refund';
import { issueReceiptForPayment } from '../../functions/receipts/issue-receipt';
import { shippedReceiptSeries } from '../../functions/receipts/shipped-receipt-series';
import { DynamoDbReportCounterRepository } from '../../functions/reports/report-counter-repository';
import { DynamoDbPaymentRepository } from '../../functions/payments/payment-repository';
import { DynamoDbRefundRepository } from '../../functions/refunds/refund-repository';
import { DynamoDbReceiptRepository } from '../../functions/receipts/receipt-repository';
import { DynamoDbCaseRepository } from '../../functions/cases/case-repository';
import { caseFindingWrite } from '../../functions/cases/case-records';
import { decideCase } from '../../functions/cases/decide-case';
import { startCaseRefund } from '../../functions/refunds/start-case-refund';
import { caseIdOf } from '../../domain/cases/case';
import type { Payment } from '../../domain/payments/payment';
import type { Refund } from '../../domain/refunds/refund';
import type { RefundAnswer } from '../../domain/refunds/refund-answer';
import { createTestTable, localClient, type TestTable } from '../support/dynamodb';
import { itemsWritten, ManualClock } from '../support/payments';
import { aFinanceOfficer, aPaidPayment, refundDependencies } from '../support/refunds';

describe('applyRefundAnswer on DynamoDB Local', () => {
  let table: TestTable;
  let deps: Awaited<ReturnType<typeof refundDependencies>>;
  const clock = new ManualClock(new Date('2026-03-10T09:00:00+07:00'));
  let counters: DynamoDbReportCounterRepository;

  beforeAll(async () => {
    table = await createTestTable();
    deps = await refundDependencies(table, clock);
    counters = new DynamoDbReportCounterRepository(table.doc, table.tableName);
  });
  afterAll(async () => table.drop());

  async function aPaidPaymentWithReceipt(): Promise<Payment> {
    const paid = await aPaidPayment(deps, table);
    await issueReceiptForPayment(paid, { receipts: deps.receipts, catalog: deps.catalog, seriesConfig: shippedReceiptSeries(), clock, tableName: table.tableName });
    return (await deps.payments.getPayment(paid.paymentId))!;
  }

  async function aRefund(payment: Payment, amount: number, caseId?: string): Promise<Refund> {
    const current = (await deps.payments.getPayment(payment.paymentId))!;
    const available = (current.paidAmount ?? current.amount) - (current.refundsReserved ?? 0);
    const result = await createRefund({ principal: aFinanceOfficer, paymentId: payment.paymentId, idempotencyKey: `k-${Math.random().toString(36).slice(2)}`, request: { amount, reason: 'Nộp trùng', refundAmountAvailable: available }, ...(caseId ? { caseId } : {}) }, deps);
    if (result.kind !== 'CREATED') throw new Error(result.kind);
    return result.refund;
  }

  const answerOf = (refund: Refund, overrides: Partial<RefundAnswer> = {}): RefundAnswer => ({
    provider: 'mock-bank',
    eventId: `evt-${refund.refundId}-${overrides.status ?? 'SUCCEEDED'}`,
    refundId: refund.refundId,
    paymentId: refund.paymentId,
    providerRefundId: `MBR-${refund.refundId.slice(-6)}`,
    status: 'SUCCEEDED',
    amount: refund.amount,
    occurredAt: '2026-03-11T02:00:00Z',
    ...overrides,
  });

  const dayCounts = async (payment: Payment) =>
    (await counters.queryCounters({ agencies: [payment.agencyCode], from: payment.businessDate!, to: payment.businessDate! }))
      .filter((counter) => counter.procedureCode === payment.procedureCode && counter.channel === 'ONLINE')
      .reduce((sum, c) => ({ paymentTransactions: sum.paymentTransactions + c.paymentTransactions, amount: sum.amount + c.amount, dossiersPaid: sum.dossiersPaid + c.dossiersPaid }), { paymentTransactions: 0, amount: 0, dossiersPaid: 0 });

  const outbox = async (refundId: string) => (await table.doc.send(new GetCommand({ TableName: table.tableName, Key: { pk: `OUTBOX#PaymentRefunded:${refundId}`, sk: 'OUTBOX' } }))).Item;

  it('a full refund: SUCCEEDED, the payment leaves its day’s counts, the receipt is cancelled, PaymentRefunded is in the outbox', async () => {
    const payment = await aPaidPaymentWithReceipt();
    const before = await dayCounts(payment);
    const refund = await aRefund(payment, payment.amount);
    expect(await applyRefundAnswer(answerOf(refund), deps)).toBe('APPLIED');

    expect(await deps.refunds.getRefund(payment.paymentId, refund.refundId)).toMatchObject({ status: 'SUCCEEDED', refundedAt: '2026-03-11T09:00:00+07:00', businessDate: '2026-03-11', providerRefundId: expect.stringMatching(/^MBR-/) });
    const stored = (await deps.payments.getPayment(payment.paymentId))!;
    expect(stored).toMatchObject({ status: 'SUCCEEDED', refundsReserved: payment.amount, refundedAmount: payment.amount });
    expect(stored.events.at(-1)).toMatchObject({ type: 'PaymentRefunded', refundId: refund.refundId, fullRefund: true });
    expect(await dayCounts(payment)).toEqual({ paymentTransactions: before.paymentTransactions - 1, amount: before.amount - payment.amount, dossiersPaid: before.dossiersPaid - 1 });
    expect(await deps.receipts.getByPayment(payment.paymentId)).toMatchObject({ status: 'CANCELLED', adjustment: { refundedAmount: payment.amount, adjustedAmount: 0 } });
    expect(JSON.parse((await outbox(refund.refundId))!.body as string)).toMatchObject({ type: 'PaymentRefunded', paymentId: payment.paymentId, amount: payment.amount, fullRefund: true });
    expect(await deps.refunds.listSubmittedBefore(new Date('2030-01-01'))).not.toContainEqual(expect.objectContaining({ refundId: refund.refundId }));
  });

  it('a partial refund keeps the payment counted with its net amount and adjusts the receipt', async () => {
    const payment = await aPaidPaymentWithReceipt();
    const before = await dayCounts(payment);
    const refund = await aRefund(payment, 3_000);
    expect(await applyRefundAnswer(answerOf(refund), deps)).toBe('APPLIED');
    expect(await dayCounts(payment)).toEqual({ ...before, amount: before.amount - 3_000 });
    expect(await deps.receipts.getByPayment(payment.paymentId)).toMatchObject({ status: 'ADJUSTED', adjustment: { refundedAmount: 3_000, adjustedAmount: payment.amount - 3_000 } });
  });

  it('applies an answer delivered eight times at once exactly once', async () => {
    const payment = await aPaidPaymentWithReceipt();
    const before = await dayCounts(payment);
    const refund = await aRefund(payment, payment.amount);
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => applyRefundAnswer(answerOf(refund), deps)));
    expect(outcomes.filter((outcome) => outcome === 'APPLIED')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome !== 'APPLIED').every((outcome) => outcome === 'DUPLICATE')).toBe(true);
    expect(await dayCounts(payment)).toEqual({ paymentTransactions: before.paymentTransactions - 1, amount: before.amount - payment.amount, dossiersPaid: before.dossiersPaid - 1 });
    expect((await deps.payments.getPayment(payment.paymentId))?.events.filter((event) => event.type === 'PaymentRefunded')).toHaveLength(1);
    expect(await applyRefundAnswer(answerOf(refund), deps)).toBe('DUPLICATE');
  });

  it('a failure after the success (reordered or late) is ignored; a failure first gives the amount back', async () => {
    const payment = await aPaidPaymentWithReceipt();
    const refund = await aRefund(payment, 2_000);
    expect(await applyRefundAnswer(answerOf(refund), deps)).toBe('APPLIED');
    expect(await applyRefundAnswer(answerOf(refund, { status: 'FAILED' }), deps)).toBe('IGNORED');
    expect(await deps.refunds.getRefund(payment.paymentId, refund.refundId)).toMatchObject({ status: 'SUCCEEDED' });

    const failing = await aRefund(payment, 5_000);
    expect((await deps.payments.getPayment(payment.paymentId))?.refundsReserved).toBe(7_000);
    expect(await applyRefundAnswer(answerOf(failing, { status: 'FAILED', reason: 'account closed' }), deps)).toBe('APPLIED');
    expect(await applyRefundAnswer(answerOf(failing, { eventId: 'late-success' }), deps)).toBe('IGNORED');
    expect(await deps.payments.getPayment(payment.paymentId)).toMatchObject({ refundsReserved: 2_000, refundedAmount: 2_000 });
    expect(await deps.refunds.getRefund(payment.paymentId, failing.refundId)).toMatchObject({ status: 'FAILED', failureReason: 'account closed' });
  });

  it('moves nothing for an unknown refund or another amount, and remembers the answer', async () => {
    const payment = await aPaidPaymentWithReceipt();
    const refund = await aRefund(payment, 1_000);
    const before = await itemsWritten(table.doc, table.tableName);
    expect(await applyRefundAnswer(answerOf(refund, { amount: 999 }), deps)).toBe('AMOUNT_MISMATCH');
    expect(await applyRefundAnswer(answerOf(refund, { refundId: 'rfd_00000000000000000000000', eventId: 'unknown' }), deps)).toBe('UNKNOWN_REFUND');
    const after = await itemsWritten(table.doc, table.tableName);
    expect(after.filter((item) => !before.some((old) => old.pk === item.pk && old.sk === item.sk)).map((item) => item.entity)).toEqual(['CALLBACK', 'CALLBACK']);
    expect(await deps.refunds.getRefund(payment.paymentId, refund.refundId)).toMatchObject({ status: 'SUBMITTED' });
  });

  it('a REFUND decision on a case starts one refund, whose success resolves the case in the same transaction', async () => {
    const payment = await aPaidPaymentWithReceipt();
    const caseId = caseIdOf({ kind: 'COLLECTION', provider: 'mock-bank', providerTxnId: `second-${payment.paymentId}` });
    const at = '2026-03-10T09:00:00+07:00';
    await table.doc.send(
      new (await import('@aws-sdk/lib-dynamodb')).TransactWriteCommand({
        TransactItems: [
          caseFindingWrite(table.tableName, { caseId, type: 'SECOND_PAYMENT', provider: 'mock-bank', providerTxnId: `second-${payment.paymentId}`, paymentId: payment.paymentId, dossierId: payment.dossierId, agencyCode: payment.agencyCode, expectedAmount: payment.amount, providerAmount: payment.amount, providerPaidAt: at, finding: { source: 'CALLBACK', type: 'SECOND_PAYMENT', contractType: 'DUPLICATE_PAYMENT_FOR_DOSSIER', eventId: 'e', at } }, clock.now()),
        ],
      }),
    );
    // Finance decides REFUND: the decision starts one refund of what is available, carrying the case.
    const decided = await decideCase({ caseId, action: 'REFUND', note: null, principal: aFinanceOfficer }, deps);
    expect(decided).toMatchObject({ kind: 'DECIDED', effect: 'REFUND_DUE', case: { status: 'REFUND_DUE' } });
    const [refund, ...more] = await deps.refunds.listRefunds(payment.paymentId);
    expect(more).toEqual([]);
    expect(refund).toMatchObject({ status: 'SUBMITTED', amount: payment.amount, caseId, createdBy: aFinanceOfficer.subject });
    // Starting it again (a retried request) finds nothing left to refund (and the case's key): still one refund.
    expect(await startCaseRefund((await deps.cases.get(caseId))!, aFinanceOfficer, deps)).toMatchObject({ kind: 'NOTHING_TO_REFUND' });
    expect(await deps.refunds.listRefunds(payment.paymentId)).toHaveLength(1);
    expect(await applyRefundAnswer(answerOf(refund!), deps)).toBe('APPLIED');
    expect(await deps.cases.get(caseId)).toMatchObject({ status: 'RESOLVED', decision: { action: 'REFUNDED', effect: 'REFUNDED' } });
  });

  it('leaves no partial state when DynamoDB fails the transaction mid-flow, and applies once the fault is gone', async () => {
    const payment = await aPaidPaymentWithReceipt();
    const refund = await aRefund(payment, payment.amount);
    const before = await itemsWritten(table.doc, table.tableName);
    // A client of the same DynamoDB Local whose transactions fail at the service, as a throttled or
    // unavailable DynamoDB would answer, after every read of the flow has succeeded.
    const faultyClient = localClient(table.endpoint);
    const faulty = DynamoDBDocumentClient.from(faultyClient, { marshallOptions: { removeUndefinedValues: true } });
    faulty.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand') throw Object.assign(new Error('Internal server error'), { name: 'InternalServerError', $fault: 'server' });
        return next(args);
      },
      { step: 'initialize', name: 'injectTransactionFault' },
    );
    const faultyDeps = {
      ...deps,
      dynamoDb: { client: faultyClient, doc: faulty },
      payments: new DynamoDbPaymentRepository(faulty, table.tableName),
      refunds: new DynamoDbRefundRepository(faulty, table.tableName),
      receipts: new DynamoDbReceiptRepository(faulty, table.tableName),
      cases: new DynamoDbCaseRepository(faulty, table.tableName),
    };
    await expect(applyRefundAnswer(answerOf(refund), faultyDeps)).rejects.toThrow('Internal server error');
    expect(await itemsWritten(table.doc, table.tableName)).toEqual(before);
    faultyClient.destroy();
    expect(await applyRefundAnswer(answerOf(refund), deps)).toBe('APPLIED');
  });
});
