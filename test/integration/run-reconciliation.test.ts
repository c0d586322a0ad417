// Proves the reconciliation worker on DynamoDB Local: findings stored with stable ids and agencies, carry-over to the next day, lost callbacks applied once even across a crash, reversals recorded once, faults retried then failed for good with the day released, and one run of a day at a time.
import type { SettlementFileStore, StoredObjectRef } from '../../domain/ports/settlement-file-store';
import { SettlementObjectMissingError } from '../../domain/ports/settlement-file-store';
import type { Payment } from '../../domain/payments/payment';
import { FileSystemSettlementFileStore } from '../../functions/adapters/filesystem/filesystem-settlement-file-store';
import { applyProviderReport } from '../../functions/callbacks/apply-provider-report';
import { autoApplyLostCallback, settlementEventId } from '../../functions/reconciliation/discrepancy-actions';
import { RUN_LEASE_MS } from '../../functions/reconciliation/reconciliation-jobs';
import { ConcurrentDeliveryError, runReconciliation } from '../../functions/reconciliation/run-reconciliation';
import { startReconciliation } from '../../functions/reconciliation/start-reconciliation';
import { DynamoDbReportCounterRepository } from '../../functions/reports/report-counter-repository';
import { createTestTable, type TestTable } from '../support/dynamodb';
import { ManualClock } from '../support/payments';
import {
  aPendingPayment,
  paySuccessfully,
  reconcileDay,
  reconciliationDependencies,
  uploadDay,
  type ReconciliationTestDependencies,
  type RowSpec,
} from '../support/reconciliation';

const clock = new ManualClock(new Date('2026-04-01T08:00:00+07:00'));

/** A store whose reads can be made to fail, to inject faults into a run. */
class FaultyStore implements SettlementFileStore {
  failReads: Error | undefined;
  constructor(private readonly inner: FileSystemSettlementFileStore) {}
  put = (key: string, body: Uint8Array) => this.inner.put(key, body);
  head = (ref: StoredObjectRef) => this.inner.head(ref);
  createUploadUrl = async () => undefined;
  async read(ref: StoredObjectRef) {
    if (this.failReads) throw this.failReads;
    return this.inner.read(ref);
  }
}

describe('runReconciliation on DynamoDB Local', () => {
  let table: TestTable;
  let deps: ReconciliationTestDependencies;
  const files = new FileSystemSettlementFileStore();
  const store = new FaultyStore(files);

  beforeAll(async () => {
    table = await createTestTable();
    deps = await reconciliationDependencies(table, clock, store);
  });
  afterAll(async () => {
    await files.dispose();
    await table.drop();
  });
  beforeEach(() => (store.failReads = undefined));

  const row = (payment: Payment, providerTxnId: string, paidAt: string, overrides: Partial<RowSpec> = {}): RowSpec => ({
    providerTxnId,
    paymentId: payment.paymentId,
    amount: payment.amount,
    paidAt,
    ...overrides,
  });
  const completed = (outcome: Awaited<ReturnType<typeof reconcileDay>>['outcome']) => {
    if (outcome.kind !== 'COMPLETED') throw new Error(`expected COMPLETED, got ${JSON.stringify(outcome)}`);
    return outcome.summary;
  };
  const findings = async (runId: string) => (await deps.reconciliations.listDiscrepancies(runId, { agencies: 'ALL', limit: 100 })).items;

  it('stores every finding with a stable id and its agency, and carries late payments to the next day', async () => {
    const matched = await aPendingPayment(deps, '2026-04-01T09:00:00+07:00');
    const matchedTxn = await paySuccessfully(deps, matched, '2026-04-01T09:01:00+07:00');
    const notInFile = await aPendingPayment(deps, '2026-04-01T10:00:00+07:00', { procedureCode: 'CT-HOPDONG', agencyCode: 'TAMHIEP', inputs: {} });
    await paySuccessfully(deps, notInFile, '2026-04-01T10:01:00+07:00');
    const late = await aPendingPayment(deps, '2026-04-01T23:40:00+07:00');
    const lateTxn = await paySuccessfully(deps, late, '2026-04-01T23:45:00+07:00');
    const repeated = await aPendingPayment(deps, '2026-04-01T11:00:00+07:00');
    const repeatedTxn = await paySuccessfully(deps, repeated, '2026-04-01T11:01:00+07:00');
    const repeatedRow = row(repeated, repeatedTxn, '2026-04-01T11:01:00+07:00');

    clock.set('2026-04-02T08:00:00+07:00');
    await uploadDay(deps, '2026-04-01', [
      row(matched, matchedTxn, '2026-04-01T09:01:00+07:00'),
      repeatedRow,
      repeatedRow,
      repeatedRow,
      { providerTxnId: 'MB999000000001', paymentId: 'pay_NOTISSUED000000000000000', amount: 30_000, paidAt: '2026-04-01T12:00:00+07:00' },
    ]);
    const first = await reconcileDay(deps, '2026-04-01');
    expect(completed(first.outcome)).toMatchObject({
      internal: { count: 4, amount: 92_000 },
      matched: { count: 2, amount: 28_000 },
      discrepancies: { DUPLICATE: 2, UNKNOWN_REFERENCE: 1, MISSING_AT_PROVIDER: 1, PENDING_NEXT_DAY: 1 },
    });
    const stored = await findings(first.runId);
    // Listed by type, then in the order found (file lines first).
    expect(stored.map((item) => [item.type, item.reason, item.line, item.agencyCode])).toEqual([
      ['DUPLICATE', 'PROVIDER_TXN_REPEATED', 4, 'TRANBIEN'],
      ['DUPLICATE', 'PROVIDER_TXN_REPEATED', 5, 'TRANBIEN'],
      ['MISSING_AT_PROVIDER', 'NOT_IN_FILE', null, 'TAMHIEP'],
      ['PENDING_NEXT_DAY', 'PAID_BEFORE_MIDNIGHT', null, 'TRANBIEN'],
      ['UNKNOWN_REFERENCE', 'PAYMENT_NOT_ISSUED', 6, null],
    ]);
    expect(new Set(stored.map((item) => item.discrepancyId)).size).toBe(5);
    expect(await deps.reconciliations.getAgencyFigures(first.runId, ['TRANBIEN', 'TAMHIEP', 'STP'])).toEqual(
      expect.arrayContaining([
        { agencyCode: 'TRANBIEN', internal: { count: 3, amount: 42_000 }, discrepancies: expect.objectContaining({ DUPLICATE: 2, PENDING_NEXT_DAY: 1, UNKNOWN_REFERENCE: 0 }) },
        { agencyCode: 'TAMHIEP', internal: { count: 1, amount: 50_000 }, discrepancies: expect.objectContaining({ MISSING_AT_PROVIDER: 1 }) },
      ]),
    );

    const again = await reconcileDay(deps, '2026-04-01');
    expect(completed(again.outcome)).toEqual(completed(first.outcome));
    expect((await findings(again.runId)).map((item) => item.discrepancyId)).toEqual(stored.map((item) => item.discrepancyId));

    // The next day's file settles the 23:45 payment: it is carried over from the day's latest run.
    const nextDay = await aPendingPayment(deps, '2026-04-02T09:00:00+07:00');
    const nextDayTxn = await paySuccessfully(deps, nextDay, '2026-04-02T09:01:00+07:00');
    clock.set('2026-04-03T08:00:00+07:00');
    await uploadDay(deps, '2026-04-02', [row(late, lateTxn, '2026-04-01T23:45:00+07:00'), row(nextDay, nextDayTxn, '2026-04-02T09:01:00+07:00')]);
    const next = await reconcileDay(deps, '2026-04-02');
    expect(completed(next.outcome)).toMatchObject({ internal: { count: 1 }, matched: { count: 1 }, carriedOver: 1, carriedOverSettled: { count: 1, amount: 14_000 } });
    expect((await deps.reconciliations.getRun(next.runId))?.carriedOverFromRunId).toBe(again.runId);
    // More carried-over payments than a run may take is refused, not cut short.
    await expect(deps.reconciliations.carriedOverFrom(again.runId, '2026-04-02', 0)).rejects.toThrow(/payments carried over from the previous day/);
    expect(await findings(next.runId)).toEqual([]);
  });

  it('finishes applying a lost callback after a run stopped half way, and applies it once', async () => {
    const lost = await aPendingPayment(deps, '2026-04-05T09:00:00+07:00');
    const paidAt = '2026-04-05T09:01:00+07:00';
    clock.set('2026-04-06T08:00:00+07:00');
    await uploadDay(deps, '2026-04-05', [row(lost, 'MB500000000001', paidAt)]);
    // A first run recorded its intent and moved the payment, then its Lambda died before the note.
    await deps.autoApplies.begin('mock-bank', '2026-04-05', { paymentId: lost.paymentId, providerTxnId: 'MB500000000001', previousStatus: 'PENDING', state: 'APPLYING', runId: 'rec_0000000000DEADDEADDEA' }, clock.now());
    const applied = await applyProviderReport(
      { provider: 'mock-bank', eventId: settlementEventId('MB500000000001'), providerTxnId: 'MB500000000001', paymentId: lost.paymentId, amount: lost.amount, status: 'SUCCEEDED', occurredAt: paidAt },
      deps,
    );
    expect(applied.outcome).toBe('APPLIED');

    const run = await reconcileDay(deps, '2026-04-05');
    expect(completed(run.outcome)).toMatchObject({ internal: { count: 0 }, matched: { count: 0 }, discrepancies: { MISSING_INTERNAL: 1 }, autoApplied: 1 });
    const [finding] = await findings(run.runId);
    expect(finding).toMatchObject({ reason: 'LOST_CALLBACK', internalStatus: 'PENDING', status: 'RESOLVED', autoApplied: true, resolution: { action: 'AUTO_APPLIED' } });
    const payment = await deps.payments.getPayment(lost.paymentId);
    expect(payment?.events.map((event) => event.type)).toEqual(['PaymentCreated', 'PaymentSucceeded', 'AutoApplied']);
    expect((await deps.autoApplies.list('mock-bank', '2026-04-05', 10)).get(lost.paymentId)).toMatchObject({ state: 'APPLIED' });

    const rerun = await reconcileDay(deps, '2026-04-05');
    expect(completed(rerun.outcome)).toEqual(completed(run.outcome));
    expect((await deps.payments.getPayment(lost.paymentId))?.events.filter((event) => event.type === 'AutoApplied')).toHaveLength(1);
  });

  it('lists a day\'s auto-apply records up to its limit, and refuses more rather than cutting them short', async () => {
    for (const n of [1, 2, 3]) {
      await deps.autoApplies.begin('mock-bank', '2026-04-09', { paymentId: `pay_limit${n}`, providerTxnId: `MB90000000000${n}`, previousStatus: 'PENDING', state: 'APPLYING', runId: 'rec_0000000000DEADDEADDEA' }, clock.now());
    }
    expect([...(await deps.autoApplies.list('mock-bank', '2026-04-09', 3)).keys()].sort()).toEqual(['pay_limit1', 'pay_limit2', 'pay_limit3']);
    await expect(deps.autoApplies.list('mock-bank', '2026-04-09', 2)).rejects.toThrow(/lost callbacks applied on one day/);
  });

  it('does not call a payment auto-applied when its real callback won the race', async () => {
    const raced = await aPendingPayment(deps, '2026-04-07T09:00:00+07:00');
    clock.set('2026-04-08T08:00:00+07:00');
    await uploadDay(deps, '2026-04-07', [row(raced, 'MB700000000001', '2026-04-07T09:01:00+07:00')]);
    await deps.autoApplies.begin('mock-bank', '2026-04-07', { paymentId: raced.paymentId, providerTxnId: 'MB700000000001', previousStatus: 'PENDING', state: 'APPLYING', runId: 'rec_0000000000DEADDEADDEA' }, clock.now());
    await applyProviderReport(
      { provider: 'mock-bank', eventId: 'evt_callback', providerTxnId: 'MB700000000001', paymentId: raced.paymentId, amount: raced.amount, status: 'SUCCEEDED', occurredAt: '2026-04-07T09:01:00+07:00' },
      deps,
    );
    const run = await reconcileDay(deps, '2026-04-07');
    expect(completed(run.outcome)).toMatchObject({ discrepancies: { MISSING_INTERNAL: 1 }, autoApplied: 0 });
    expect((await findings(run.runId))[0]).toMatchObject({ status: 'OPEN', autoApplied: false });
    expect((await deps.payments.getPayment(raced.paymentId))?.events.map((event) => event.type)).toEqual(['PaymentCreated', 'PaymentSucceeded']);
  });

  it('records a reversal and takes its counters back once, and never moves another provider’s payment', async () => {
    const reversed = await aPendingPayment(deps, '2026-04-09T09:00:00+07:00', { procedureCode: 'CT-HOPDONG', agencyCode: 'TAMHIEP', inputs: {} });
    const txn = await paySuccessfully(deps, reversed, '2026-04-09T09:01:00+07:00');
    const portalPayment = await aPendingPayment(deps, '2026-04-09T10:00:00+07:00', { provider: 'mock-portal' });
    await applyProviderReport(
      { provider: 'mock-portal', eventId: 'evt_portal_1', providerTxnId: 'MP1', paymentId: portalPayment.paymentId, amount: portalPayment.amount, status: 'SUCCEEDED', occurredAt: '2026-04-09T10:01:00+07:00' },
      deps,
    );
    clock.set('2026-04-10T08:00:00+07:00');
    await uploadDay(deps, '2026-04-09', [
      row(reversed, txn, '2026-04-09T09:01:00+07:00', { status: 'REVERSED' }),
      row(portalPayment, 'MB900000000001', '2026-04-09T10:01:00+07:00', { status: 'REVERSED' }),
    ]);
    const counters = () => new DynamoDbReportCounterRepository(table.doc, table.tableName).queryCounters({ agencies: ['TAMHIEP'], from: '2026-04-09', to: '2026-04-09' });
    expect(await counters()).toEqual([expect.objectContaining({ paymentTransactions: 1, amount: 50_000, dossiersPaid: 1 })]);

    for (let i = 0; i < 2; i++) {
      const run = await reconcileDay(deps, '2026-04-09');
      expect(completed(run.outcome)).toMatchObject({ discrepancies: { STATUS_MISMATCH: 2 }, reversalsRecorded: 1 });
      expect((await findings(run.runId)).map((item) => [item.paymentId, item.reversalRecorded])).toEqual([
        [reversed.paymentId, true],
        [portalPayment.paymentId, false],
      ]);
      expect(await counters()).toEqual([expect.objectContaining({ paymentTransactions: 0, amount: 0, dossiersPaid: 0 })]);
    }
    expect((await deps.payments.getPayment(reversed.paymentId))?.reversal).toMatchObject({ providerTxnId: txn, settlementBusinessDate: '2026-04-09' });
    expect((await deps.payments.getPayment(portalPayment.paymentId))?.reversal).toBeUndefined();
  });

  it('gives the same result when the queue delivers a run twice at once', async () => {
    const lost = await aPendingPayment(deps, '2026-04-12T09:00:00+07:00');
    clock.set('2026-04-13T08:00:00+07:00');
    await uploadDay(deps, '2026-04-12', [row(lost, 'MB120000000001', '2026-04-12T09:01:00+07:00')]);
    const started = await startReconciliation({ provider: 'mock-bank', businessDate: '2026-04-12', requestedBy: 'finance-test' }, deps);
    if (started.kind !== 'QUEUED') throw new Error(started.kind);
    const settled = await Promise.allSettled([1, 1].map((receiveCount) => runReconciliation(started.run.runId, { receiveCount, maxReceiveCount: 3 }, deps)));
    // A delivery that saw the other one apply the lost callback leaves the run to the next delivery.
    for (const result of settled) if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(ConcurrentDeliveryError);
    const redelivered = await runReconciliation(started.run.runId, { receiveCount: 2, maxReceiveCount: 3 }, deps);
    const outcomes = [...settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])), redelivered];
    expect(outcomes.map((outcome) => outcome.kind)).toContain('COMPLETED');
    expect(outcomes.every((outcome) => outcome.kind === 'COMPLETED' || (outcome.kind === 'SKIPPED' && outcome.why === 'ALREADY_COMPLETED'))).toBe(true);
    expect(await deps.reconciliations.getRun(started.run.runId)).toMatchObject({ status: 'COMPLETED', summary: { discrepancies: { MISSING_INTERNAL: 1 }, autoApplied: 1 } });
    expect(await findings(started.run.runId)).toHaveLength(1);
    expect((await deps.payments.getPayment(lost.paymentId))?.events.filter((event) => event.type === 'AutoApplied')).toHaveLength(1);
  });

  it('reads a lost callback that another delivery applies meanwhile as that delivery found it, and leaves the run to the next delivery', async () => {
    const lost = await aPendingPayment(deps, '2026-04-14T09:00:00+07:00');
    clock.set('2026-04-15T08:00:00+07:00');
    await uploadDay(deps, '2026-04-14', [row(lost, 'MB140000000001', '2026-04-14T09:01:00+07:00')]);
    const started = await startReconciliation({ provider: 'mock-bank', businessDate: '2026-04-14', requestedBy: 'finance-test' }, deps);
    if (started.kind !== 'QUEUED') throw new Error(started.kind);
    // The other delivery applies the lost callback just before this one looks the payment up.
    let otherDelivery: Promise<unknown> | undefined;
    const getPayments = deps.payments.getPayments.bind(deps.payments);
    const racing = {
      ...deps,
      payments: Object.assign(Object.create(deps.payments) as typeof deps.payments, {
        getPayments: async (ids: readonly string[]) => {
          otherDelivery ??= autoApplyLostCallback(started.run, {
            type: 'MISSING_INTERNAL', reason: 'LOST_CALLBACK', line: 2, providerTxnId: 'MB140000000001', paymentId: lost.paymentId,
            dossierId: lost.dossierId, internalAmount: lost.amount, providerAmount: lost.amount, internalStatus: 'PENDING',
            providerStatus: 'SUCCEEDED', internalPaidAt: null, providerPaidAt: '2026-04-14T09:01:00+07:00', autoApply: true,
          }, { ...deps, doc: deps.dynamoDb.doc });
          await otherDelivery;
          return getPayments(ids);
        },
      }),
    };

    await expect(runReconciliation(started.run.runId, { receiveCount: 1, maxReceiveCount: 3 }, racing)).rejects.toBeInstanceOf(ConcurrentDeliveryError);
    expect((await deps.reconciliations.getRun(started.run.runId))?.status).toBe('RUNNING');
    expect(await findings(started.run.runId)).toEqual([expect.objectContaining({ reason: 'LOST_CALLBACK', autoApplied: true })]);

    const redelivered = await runReconciliation(started.run.runId, { receiveCount: 2, maxReceiveCount: 3 }, deps);
    expect(completed(redelivered)).toMatchObject({ discrepancies: { MISSING_INTERNAL: 1 }, autoApplied: 1 });
    expect(await findings(started.run.runId)).toEqual([expect.objectContaining({ reason: 'LOST_CALLBACK', autoApplied: true })]);
    expect((await deps.payments.getPayment(lost.paymentId))?.events.filter((event) => event.type === 'AutoApplied')).toHaveLength(1);
  });

  describe('faults', () => {
    let businessDate = '';
    let day = 19;
    beforeEach(async () => {
      businessDate = `2026-04-${++day}`;
      const payment = await aPendingPayment(deps, `${businessDate}T09:00:00+07:00`);
      const txn = await paySuccessfully(deps, payment, `${businessDate}T09:01:00+07:00`);
      clock.set('2026-05-01T08:00:00+07:00');
      await uploadDay(deps, businessDate, [row(payment, txn, `${businessDate}T09:01:00+07:00`)]);
    });
    afterEach(async () => {
      // Let the next test start a run of its day whatever this one left.
      clock.advance(RUN_LEASE_MS + 1);
    });

    it('retries an unexpected fault, holding the day, and fails for good on the last attempt, releasing it', async () => {
      const started = await startReconciliation({ provider: 'mock-bank', businessDate, requestedBy: 'finance-test' }, deps);
      if (started.kind !== 'QUEUED') throw new Error(started.kind);
      store.failReads = new Error('socket hang up');
      await expect(runReconciliation(started.run.runId, { receiveCount: 1, maxReceiveCount: 3 }, deps)).rejects.toThrow('socket hang up');
      expect(await deps.reconciliations.getRun(started.run.runId)).toMatchObject({ status: 'FAILED', attempts: 1, failure: { reason: 'UNEXPECTED', final: false, attempt: 1 } });
      expect(JSON.stringify((await deps.reconciliations.getRun(started.run.runId))?.failure)).not.toContain('socket');
      expect(await startReconciliation({ provider: 'mock-bank', businessDate, requestedBy: 'finance-test' }, deps)).toEqual({ kind: 'IN_PROGRESS', activeRunId: started.run.runId });

      await expect(runReconciliation(started.run.runId, { receiveCount: 3, maxReceiveCount: 3 }, deps)).rejects.toThrow('socket hang up');
      expect(await deps.reconciliations.getRun(started.run.runId)).toMatchObject({ status: 'FAILED', failure: { reason: 'UNEXPECTED', final: true, attempt: 3 } });
      store.failReads = undefined;
      expect((await startReconciliation({ provider: 'mock-bank', businessDate, requestedBy: 'finance-test' }, deps)).kind).toBe('QUEUED');
    });

    it('completes on a retry after a fault while recording, with nothing doubled', async () => {
      const started = await startReconciliation({ provider: 'mock-bank', businessDate, requestedBy: 'finance-test' }, deps);
      if (started.kind !== 'QUEUED') throw new Error(started.kind);
      const putAgencyFigures = deps.reconciliations.putAgencyFigures.bind(deps.reconciliations);
      const spy = jest.spyOn(deps.reconciliations, 'putAgencyFigures').mockRejectedValueOnce(new Error('ProvisionedThroughputExceeded'));
      await expect(runReconciliation(started.run.runId, { receiveCount: 1, maxReceiveCount: 3 }, deps)).rejects.toThrow();
      spy.mockImplementation(putAgencyFigures);
      const retried = await runReconciliation(started.run.runId, { receiveCount: 2, maxReceiveCount: 3 }, deps);
      spy.mockRestore();
      expect(retried).toMatchObject({ kind: 'COMPLETED', summary: { matched: { count: 1 } } });
      expect(await deps.reconciliations.getRun(started.run.runId)).toMatchObject({ status: 'COMPLETED', attempts: 2 });
      expect((await deps.reconciliations.getRun(started.run.runId))?.failure).toBeUndefined();
      // A late duplicate delivery of the message changes nothing.
      expect(await runReconciliation(started.run.runId, { receiveCount: 3, maxReceiveCount: 3 }, deps)).toEqual({ kind: 'SKIPPED', why: 'ALREADY_COMPLETED' });
    });

    it('fails at once, without retrying, when the stored file is gone or its bytes changed', async () => {
      store.failReads = new SettlementObjectMissingError('gone');
      const missing = await reconcileDay(deps, businessDate);
      expect(missing.outcome).toMatchObject({ kind: 'FAILED', failure: { reason: 'SETTLEMENT_FILE_MISSING', final: true } });
      store.failReads = undefined;

      const current = await deps.settlements.getCurrent('mock-bank', businessDate);
      await files.put(current!.objectKey, new TextEncoder().encode('provider_txn_id,payment_id,amount,fee,status,paid_at\n'));
      const changed = await reconcileDay(deps, businessDate);
      expect(changed.outcome).toMatchObject({ kind: 'FAILED', failure: { reason: 'SETTLEMENT_FILE_CHANGED', final: true } });
      expect(await findings(changed.runId)).toEqual([]);
    });

    it('runs one run of a day at a time; a run whose lease ran out is superseded', async () => {
      const first = await startReconciliation({ provider: 'mock-bank', businessDate, requestedBy: 'finance-test' }, deps);
      if (first.kind !== 'QUEUED') throw new Error(first.kind);
      expect(await startReconciliation({ provider: 'mock-bank', businessDate, requestedBy: 'finance-test' }, deps)).toEqual({ kind: 'IN_PROGRESS', activeRunId: first.run.runId });
      clock.advance(RUN_LEASE_MS + 1);
      const second = await startReconciliation({ provider: 'mock-bank', businessDate, requestedBy: 'finance-test' }, deps);
      expect(second.kind).toBe('QUEUED');
      expect(await runReconciliation(first.run.runId, { receiveCount: 1, maxReceiveCount: 3 }, deps)).toEqual({ kind: 'SKIPPED', why: 'SUPERSEDED' });
      expect(await deps.reconciliations.getRun(first.run.runId)).toMatchObject({ status: 'FAILED', failure: { reason: 'SUPERSEDED' } });
      expect(deps.queue.sent.filter((sent) => sent.queueName === 'reconciliation-jobs').length).toBeGreaterThanOrEqual(2);
    });
  });
});
