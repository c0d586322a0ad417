// Proves creating a payment on DynamoDB Local is exactly-once per caller and key, in one transaction: concurrent repeats make one payment, a used key replays (even when the catalog has changed since), a reused key answers 422, a key past its retention is free again, and refusals and faults write nothing.
import { createPayment, type CreatePaymentResult } from '../../functions/payments/create-payment';
import { requestFingerprint } from '../../domain/payments/idempotency';
import { createTestTable, type TestTable } from '../support/dynamodb';
import { aPaymentRequest, aPortal, itemsWritten, ManualClock, paymentDependencies } from '../support/payments';

describe('createPayment on DynamoDB Local', () => {
  let table: TestTable;
  let deps: Awaited<ReturnType<typeof paymentDependencies>>;
  const clock = new ManualClock(new Date('2026-01-10T09:00:00+07:00'));

  beforeAll(async () => {
    table = await createTestTable();
    deps = await paymentDependencies(table, clock);
  });
  afterAll(async () => table.drop());

  const create = (request = aPaymentRequest(), idempotencyKey = `key-${Math.random().toString(36).slice(2)}`, principal = aPortal) =>
    createPayment({ principal, idempotencyKey, request }, deps);
  const created = (result: CreatePaymentResult) => {
    if (result.kind !== 'CREATED') throw new Error(`expected CREATED, got ${result.kind}`);
    return result.payment;
  };

  it('writes the payment, the completed key and the dossier guard together', async () => {
    const request = aPaymentRequest();
    const payment = created(await create(request, 'k-first'));
    expect(payment).toMatchObject({
      status: 'PENDING',
      amount: 14_000,
      currency: 'VND',
      dossierId: request.dossierId,
      procedureCode: 'CT-BANSAO',
      agencyCode: 'TRANBIEN',
      expiresAt: '2026-01-10T09:15:00+07:00',
      createdAt: '2026-01-10T09:00:00+07:00',
      events: [{ type: 'PaymentCreated', at: '2026-01-10T09:00:00+07:00', amount: 14_000, provider: 'mock-bank' }],
    });
    expect(await deps.payments.getPayment(payment.paymentId)).toEqual(payment);
    expect(await deps.paymentRequests.findIdempotencyRecord({ caller: aPortal.subject, key: 'k-first' }, clock.now())).toEqual({
      fingerprint: requestFingerprint(request),
      paymentId: payment.paymentId,
    });
    expect(await deps.payments.getDossier(request.dossierId)).toMatchObject({ procedureCode: 'CT-BANSAO', attempts: 1, lastPaymentId: payment.paymentId });
    expect(JSON.stringify(await itemsWritten(table.doc, table.tableName))).not.toContain('079203001234');
  });

  it('makes exactly one payment when the same key is fired eight times at once', async () => {
    const request = aPaymentRequest();
    const results = await Promise.all(Array.from({ length: 8 }, () => create(request, 'k-race')));
    const kinds = results.map((result) => result.kind);
    expect(kinds.filter((kind) => kind === 'CREATED')).toHaveLength(1);
    expect(kinds.every((kind) => ['CREATED', 'REPLAYED', 'IDEMPOTENCY_KEY_IN_USE'].includes(kind))).toBe(true);
    const payments = await deps.payments.listDossierPayments(request.dossierId);
    expect(payments).toHaveLength(1);
    for (const result of results) if (result.kind === 'REPLAYED') expect(result.payment.paymentId).toBe(payments[0]?.paymentId);
    // Once the first has finished, every repeat is a replay of it.
    expect(await create(request, 'k-race')).toMatchObject({ kind: 'REPLAYED', payment: { paymentId: payments[0]?.paymentId } });
  });

  it('answers a used key from its record even when the catalog would refuse the request now', async () => {
    const request = aPaymentRequest();
    const payment = created(await create(request, 'k-catalog-changed'));
    const withdrawn = { ...deps, catalog: { getProcedure: async () => undefined, listAgencies: async () => [] } };
    expect(await createPayment({ principal: aPortal, idempotencyKey: 'k-catalog-changed', request }, withdrawn)).toMatchObject({ kind: 'REPLAYED', payment: { paymentId: payment.paymentId } });
    expect(await createPayment({ principal: aPortal, idempotencyKey: 'k-catalog-changed', request: { ...request, inputs: { pages: 1, copies: 1 } } }, withdrawn)).toEqual({
      kind: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(await createPayment({ principal: aPortal, idempotencyKey: 'k-never-used', request }, withdrawn)).toEqual({ kind: 'UNKNOWN_PROCEDURE' });
  });

  it('frees a key once its retention has passed: the same key then makes a new payment', async () => {
    const request = aPaymentRequest();
    const first = created(await create(request, 'k-retained'));
    clock.advance(24 * 60 * 60 * 1000 + 1000);
    const second = created(await create({ ...request, provider: 'mock-portal' }, 'k-retained'));
    expect(second.paymentId).not.toBe(first.paymentId);
    expect(await deps.paymentRequests.findIdempotencyRecord({ caller: aPortal.subject, key: 'k-retained' }, clock.now())).toEqual({
      fingerprint: requestFingerprint({ ...request, provider: 'mock-portal' }),
      paymentId: second.paymentId,
    });
  });

  it('refuses a key reused for another body and writes nothing', async () => {
    const request = aPaymentRequest();
    created(await create(request, 'k-reused'));
    const before = await itemsWritten(table.doc, table.tableName);
    expect(await create({ ...request, inputs: { pages: 6, copies: 2 } }, 'k-reused')).toEqual({ kind: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await create({ ...request, dossierId: 'HS-OTHER' }, 'k-reused')).toEqual({ kind: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await itemsWritten(table.doc, table.tableName)).toEqual(before);
  });

  it('scopes keys per caller: two portals may use the same key', async () => {
    const other = { ...aPortal, subject: 'portal-binhduong' };
    const first = created(await create(aPaymentRequest(), 'k-shared'));
    const second = created(await create(aPaymentRequest(), 'k-shared', other));
    expect(second.paymentId).not.toBe(first.paymentId);
  });

  it('lets an unpaid dossier have several PENDING attempts, and refuses every new one once it is paid', async () => {
    const request = aPaymentRequest();
    const first = created(await create(request, 'k-attempt-1'));
    const second = created(await create({ ...request, provider: 'mock-portal' }, 'k-attempt-2'));
    expect((await deps.payments.getDossier(request.dossierId))?.attempts).toBe(2);

    const applied = await deps.payments.recordSuccess(
      { paymentId: first.paymentId, provider: 'mock-bank', providerTxnId: 'MB-1', amount: 14_000, occurredAt: '2026-01-10T09:05:00+07:00' },
      clock.now(),
    );
    expect(applied.kind).toBe('APPLIED');

    const before = await itemsWritten(table.doc, table.tableName);
    expect(await create(request, 'k-attempt-3')).toEqual({ kind: 'DOSSIER_ALREADY_PAID' });
    expect(await create({ ...request, provider: 'mock-portal' }, 'k-attempt-4')).toEqual({ kind: 'DOSSIER_ALREADY_PAID' });
    // The refusals wrote nothing, not even their keys.
    expect(await itemsWritten(table.doc, table.tableName)).toEqual(before);
    // The earlier attempt's key still replays its own payment.
    expect(await create({ ...request, provider: 'mock-portal' }, 'k-attempt-2')).toMatchObject({ kind: 'REPLAYED', payment: { paymentId: second.paymentId } });
  });

  it('refuses a dossier that belongs to another procedure', async () => {
    const request = aPaymentRequest();
    created(await create(request));
    expect(await create({ ...request, procedureCode: 'CT-CHUKY', inputs: {} })).toEqual({ kind: 'DOSSIER_PROCEDURE_MISMATCH', procedureCode: 'CT-BANSAO' });
  });

  it.each([
    ['an unknown procedure', aPaymentRequest({ procedureCode: 'NOPE' }), { kind: 'UNKNOWN_PROCEDURE' }],
    ['another agency’s procedure', aPaymentRequest({ agencyCode: 'STP' }), { kind: 'AGENCY_MISMATCH', procedureAgencyCode: 'TRANBIEN' }],
    ['a procedure without financial obligation', aPaymentRequest({ procedureCode: 'HT-KETHON', inputs: {} }), { kind: 'NO_PAYMENT_REQUIRED' }],
    ['an exempt dossier', aPaymentRequest({ inputs: { exemption: true } }), { kind: 'NO_PAYMENT_REQUIRED' }],
    ['missing pages', aPaymentRequest({ inputs: { copies: 2 } }), { kind: 'INVALID_INPUTS', issues: [{ path: 'inputs.pages', message: expect.any(String) }] }],
  ])('refuses %s and writes nothing', async (_case, request, expected) => {
    const before = await itemsWritten(table.doc, table.tableName);
    expect(await create(request)).toEqual(expected);
    expect(await itemsWritten(table.doc, table.tableName)).toEqual(before);
  });

  it('leaves the key free after a fault before the transaction, so the retry is served', async () => {
    const request = aPaymentRequest();
    const failing = { ...deps, paymentLinks: () => { throw new Error('link builder down'); } };
    await expect(createPayment({ principal: aPortal, idempotencyKey: 'k-fault', request }, failing)).rejects.toThrow('link builder down');
    expect(await deps.paymentRequests.findIdempotencyRecord({ caller: aPortal.subject, key: 'k-fault' }, clock.now())).toBeUndefined();
    expect((await create(request, 'k-fault')).kind).toBe('CREATED');
  });

  it('refuses a portal that may not act for the agency, before anything else', async () => {
    const stpOnly = { subject: 'portal-stp', roles: ['portal' as const], agencies: ['STP'] };
    expect(await create(aPaymentRequest(), 'k-forbidden', stpOnly)).toEqual({ kind: 'AGENCY_NOT_ALLOWED' });
  });
});
