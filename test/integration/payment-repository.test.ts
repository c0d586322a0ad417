// Proves the payment repository's moves on DynamoDB Local: conditional cancel and expiry through the PENDING index, provider successes (late, duplicate, repeated) and failures, and writes that commit with a move or not at all.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Payment } from '../../domain/payments/payment';
import { createPayment } from '../../functions/payments/create-payment';
import { createTestTable, type TestTable } from '../support/dynamodb';
import { aPaymentRequest, aPortal, itemsWritten, ManualClock, paymentDependencies } from '../support/payments';

describe('DynamoDbPaymentRepository', () => {
  let table: TestTable;
  let deps: Awaited<ReturnType<typeof paymentDependencies>>;
  const clock = new ManualClock(new Date('2026-01-10T09:00:00+07:00'));

  beforeAll(async () => {
    table = await createTestTable();
    deps = await paymentDependencies(table, clock);
  });
  afterAll(async () => table.drop());

  const aPendingPayment = async (overrides = {}): Promise<Payment> => {
    const result = await createPayment({ principal: aPortal, idempotencyKey: `k-${Math.random().toString(36).slice(2)}`, request: aPaymentRequest(overrides) }, deps);
    if (result.kind !== 'CREATED') throw new Error(result.kind);
    return result.payment;
  };
  const success = (payment: Payment, providerTxnId = `TXN-${payment.paymentId}`, occurredAt = '2026-01-10T09:05:00+07:00') => ({
    paymentId: payment.paymentId,
    provider: payment.provider,
    providerTxnId,
    amount: payment.amount,
    occurredAt,
  });
  const rawItem = async (paymentId: string) => (await itemsWritten(table.doc, table.tableName)).find((item) => item.pk === `PAYMENT#${paymentId}`);

  describe('cancel', () => {
    it('cancels a PENDING payment, takes it out of the PENDING index and records the event', async () => {
      const payment = await aPendingPayment();
      expect((await rawItem(payment.paymentId))?.gsi2pk).toMatch(/^PENDING#[0-7]$/);
      clock.advance(60_000);
      const outcome = await deps.payments.cancel(payment.paymentId, clock.now());
      expect(outcome).toMatchObject({ kind: 'CANCELLED', payment: { status: 'CANCELLED' } });
      const stored = await deps.payments.getPayment(payment.paymentId);
      expect(stored?.events.map((event) => event.type)).toEqual(['PaymentCreated', 'PaymentCancelled']);
      expect(stored?.events[1]?.at).toBe('2026-01-10T09:01:00+07:00');
      const item = await rawItem(payment.paymentId);
      expect(item?.gsi2pk).toBeUndefined();
      expect(item?.expiresAtEpoch).toBeUndefined();
    });

    it('refuses a finished payment with its status, and an unknown one', async () => {
      const payment = await aPendingPayment();
      await deps.payments.cancel(payment.paymentId, clock.now());
      expect(await deps.payments.cancel(payment.paymentId, clock.now())).toEqual({ kind: 'INVALID_STATE', status: 'CANCELLED' });
      const paid = await aPendingPayment();
      await deps.payments.recordSuccess(success(paid), clock.now());
      expect(await deps.payments.cancel(paid.paymentId, clock.now())).toEqual({ kind: 'INVALID_STATE', status: 'SUCCEEDED' });
      expect(await deps.payments.cancel('pay_0000000000AAAAAAAAAAA', clock.now())).toEqual({ kind: 'NOT_FOUND' });
    });
  });

  describe('expireDue', () => {
    it('expires exactly the PENDING payments whose expiresAt has come, once', async () => {
      const start = new Date('2026-02-01T08:00:00+07:00');
      clock.set(start);
      const early = await aPendingPayment();
      clock.advance(5 * 60_000);
      const late = await aPendingPayment();
      const cancelled = await aPendingPayment();
      await deps.payments.cancel(cancelled.paymentId, clock.now());

      expect((await deps.payments.expireDue(new Date(start.getTime() + 15 * 60_000 - 1))).expired).toEqual([]);
      expect((await deps.payments.expireDue(new Date(start.getTime() + 15 * 60_000))).expired).toEqual([early.paymentId]);
      expect((await deps.payments.getPayment(late.paymentId))?.status).toBe('PENDING');
      const both = await deps.payments.expireDue(new Date(start.getTime() + 60 * 60_000));
      expect(both.expired).toEqual([late.paymentId]);
      expect((await deps.payments.getPayment(cancelled.paymentId))?.status).toBe('CANCELLED');
      const expired = await deps.payments.getPayment(early.paymentId);
      expect(expired?.status).toBe('EXPIRED');
      expect(expired?.events.map((event) => [event.type, event.at])).toEqual([
        ['PaymentCreated', '2026-02-01T08:00:00+07:00'],
        ['PaymentExpired', '2026-02-01T08:15:00+07:00'],
      ]);
      // Nothing even read: leaving PENDING took the payments out of the index.
      expect(await deps.payments.expireDue(new Date(start.getTime() + 120 * 60_000))).toEqual({ expired: [], skipped: 0 });
      expect((await rawItem(early.paymentId))?.gsi2pk).toBeUndefined();
    });

    it('stops at its limit and leaves the rest to the next run', async () => {
      clock.set('2026-03-01T08:00:00+07:00');
      const made = await Promise.all(Array.from({ length: 5 }, () => aPendingPayment()));
      const first = await deps.payments.expireDue(new Date('2026-03-01T09:00:00+07:00'), 3);
      expect(first.expired).toHaveLength(3);
      const second = await deps.payments.expireDue(new Date('2026-03-01T09:00:00+07:00'), 3);
      expect([...first.expired, ...second.expired].sort()).toEqual(made.map((payment) => payment.paymentId).sort());
    });
  });

  describe('recordSuccess', () => {
    it('applies a success: SUCCEEDED, the dossier paid, the provider’s business-day index', async () => {
      clock.set('2026-04-01T23:50:00+07:00');
      const payment = await aPendingPayment();
      // Paid at 00:00:05 on 2 April in Vietnam (17:00:05Z on 1 April): its business date is 2 April.
      const outcome = await deps.payments.recordSuccess(success(payment, 'MB-100', '2026-04-01T17:00:05Z'), new Date('2026-04-01T17:00:06Z'));
      expect(outcome).toMatchObject({
        kind: 'APPLIED',
        payment: { status: 'SUCCEEDED', paidAt: '2026-04-02T00:00:05+07:00', businessDate: '2026-04-02', providerTxnId: 'MB-100', paidAmount: payment.amount },
      });
      expect((await deps.payments.getDossier(payment.dossierId))?.paidPaymentId).toBe(payment.paymentId);
      expect((await deps.payments.listSucceeded('mock-bank', '2026-04-02')).map((p) => p.paymentId)).toEqual([payment.paymentId]);
      expect(await deps.payments.listSucceeded('mock-bank', '2026-04-01')).toEqual([]);
      const stored = await deps.payments.getPayment(payment.paymentId);
      expect(stored?.events.map((event) => event.type)).toEqual(['PaymentCreated', 'PaymentSucceeded']);
      expect(stored?.lateSuccess).toBeUndefined();
    });

    it('leaves a SUCCEEDED payment as it is when the success comes again', async () => {
      const payment = await aPendingPayment();
      await deps.payments.recordSuccess(success(payment, 'MB-1'), clock.now());
      const before = await rawItem(payment.paymentId);
      expect(await deps.payments.recordSuccess(success(payment, 'MB-1'), clock.now())).toMatchObject({ kind: 'ALREADY_SUCCEEDED', sameProviderTxn: true });
      expect(await deps.payments.recordSuccess(success(payment, 'MB-2'), clock.now())).toMatchObject({ kind: 'ALREADY_SUCCEEDED', sameProviderTxn: false });
      expect(await rawItem(payment.paymentId)).toEqual(before);
    });

    it.each(['CANCELLED', 'EXPIRED', 'FAILED'] as const)('records a success after %s as a late success', async (status) => {
      clock.set('2026-05-01T08:00:00+07:00');
      const payment = await aPendingPayment();
      if (status === 'CANCELLED') await deps.payments.cancel(payment.paymentId, clock.now());
      if (status === 'EXPIRED') await deps.payments.expireDue(new Date('2026-05-01T08:15:00+07:00'));
      if (status === 'FAILED') await deps.payments.recordFailure({ paymentId: payment.paymentId, provider: 'mock-bank', occurredAt: clock.now(), reason: 'insufficient funds' }, clock.now());
      expect((await deps.payments.getPayment(payment.paymentId))?.status).toBe(status);

      const outcome = await deps.payments.recordSuccess(success(payment, `LATE-${status}`, '2026-05-01T08:20:00+07:00'), new Date('2026-05-01T08:20:01+07:00'));
      expect(outcome).toMatchObject({ kind: 'LATE_SUCCESS', previousStatus: status, payment: { status: 'SUCCEEDED', lateSuccess: true } });
      const events = (await deps.payments.getPayment(payment.paymentId))?.events ?? [];
      expect(events.at(-1)).toMatchObject({ type: 'LateSuccessRecorded', previousStatus: status, providerTxnId: `LATE-${status}` });
      expect((await deps.payments.getDossier(payment.dossierId))?.paidPaymentId).toBe(payment.paymentId);
    });

    it('keeps a second success for a paid dossier as a duplicate, counted once', async () => {
      const request = aPaymentRequest();
      const first = await createPayment({ principal: aPortal, idempotencyKey: 'dup-1', request }, deps);
      const second = await createPayment({ principal: aPortal, idempotencyKey: 'dup-2', request: { ...request, provider: 'mock-portal' } }, deps);
      if (first.kind !== 'CREATED' || second.kind !== 'CREATED') throw new Error('setup');
      await deps.payments.recordSuccess(success(first.payment), clock.now());
      const outcome = await deps.payments.recordSuccess(success(second.payment), clock.now());
      expect(outcome).toMatchObject({ kind: 'DUPLICATE_FOR_DOSSIER', paidPaymentId: first.payment.paymentId, payment: { status: 'SUCCEEDED', duplicateOfPaymentId: first.payment.paymentId } });
      expect((await deps.payments.getDossier(request.dossierId))?.paidPaymentId).toBe(first.payment.paymentId);
    });

    it('answers UNKNOWN_PAYMENT for an id it never issued', async () => {
      expect(await deps.payments.recordSuccess({ paymentId: 'pay_0000000000BBBBBBBBBBB', provider: 'mock-bank', providerTxnId: 'X', amount: 1, occurredAt: clock.now() }, clock.now())).toEqual({ kind: 'UNKNOWN_PAYMENT' });
    });

    it('commits additional writes with the move, or nothing at all', async () => {
      const payment = await aPendingPayment();
      const dedupe = (eventId: string) => ({
        Put: { TableName: table.tableName, Item: { pk: `CALLBACK#mock-bank#${eventId}`, sk: 'CALLBACK', paymentId: payment.paymentId }, ConditionExpression: 'attribute_not_exists(pk)' },
      });
      await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { pk: 'CALLBACK#mock-bank#evt-seen', sk: 'CALLBACK' } }));
      expect(await deps.payments.recordSuccess(success(payment), clock.now(), { additionalWrites: [dedupe('evt-seen')] })).toEqual({ kind: 'ADDITIONAL_WRITE_REFUSED', writeIndex: 0 });
      expect((await deps.payments.getPayment(payment.paymentId))?.status).toBe('PENDING');
      expect((await deps.payments.getDossier(payment.dossierId))?.paidPaymentId).toBeUndefined();

      expect((await deps.payments.recordSuccess(success(payment), clock.now(), { additionalWrites: [dedupe('evt-new')] })).kind).toBe('APPLIED');
      expect((await itemsWritten(table.doc, table.tableName)).some((item) => item.pk === 'CALLBACK#mock-bank#evt-new')).toBe(true);
    });

    it('lets exactly one of a racing cancel and success decide, and never loses the success', async () => {
      for (let i = 0; i < 5; i++) {
        const payment = await aPendingPayment();
        const [cancelled, succeeded] = await Promise.all([deps.payments.cancel(payment.paymentId, clock.now()), deps.payments.recordSuccess(success(payment), clock.now())]);
        const final = await deps.payments.getPayment(payment.paymentId);
        expect(final?.status).toBe('SUCCEEDED');
        expect(['APPLIED', 'LATE_SUCCESS']).toContain(succeeded.kind);
        if (cancelled.kind === 'CANCELLED') expect(final?.lateSuccess).toBe(true);
        else expect(cancelled).toEqual({ kind: 'INVALID_STATE', status: 'SUCCEEDED' });
      }
    });
  });

  describe('recordFailure', () => {
    it('fails a PENDING payment and ignores a failure for any other status', async () => {
      const payment = await aPendingPayment();
      const failure = { paymentId: payment.paymentId, provider: 'mock-bank' as const, providerTxnId: 'MB-F', occurredAt: clock.now(), reason: 'declined' };
      expect(await deps.payments.recordFailure(failure, clock.now())).toMatchObject({ kind: 'APPLIED', payment: { status: 'FAILED' } });
      expect(await deps.payments.recordFailure(failure, clock.now())).toEqual({ kind: 'IGNORED', status: 'FAILED' });
      const paid = await aPendingPayment();
      await deps.payments.recordSuccess(success(paid), clock.now());
      expect(await deps.payments.recordFailure({ ...failure, paymentId: paid.paymentId }, clock.now())).toEqual({ kind: 'IGNORED', status: 'SUCCEEDED' });
      expect(await deps.payments.recordFailure({ ...failure, paymentId: 'pay_0000000000CCCCCCCCCCC' }, clock.now())).toEqual({ kind: 'UNKNOWN_PAYMENT' });
      expect((await rawItem(payment.paymentId))?.gsi2pk).toBeUndefined();
    });
  });

  it('never puts a TTL on a payment or a dossier, only on idempotency records', async () => {
    const items = await itemsWritten(table.doc, table.tableName);
    for (const item of items) {
      if (item.sk === 'IDEMPOTENCY') expect(typeof item.expiresAtEpoch).toBe('number');
      else expect(item.expiresAtEpoch).toBeUndefined();
    }
  });
});
