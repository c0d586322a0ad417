import { applyProviderReport } from '../../functions/callbacks/apply-provider-report';
import { createPayment } from '../../functions/payments/create-payment';
import { DynamoDbRefundRepository } from '../../functions/refunds/refund-repository';
import { DynamoDbReceiptRepository } from '../../functions/receipts/receipt-repository';
import { DynamoDbCaseRepository } from '../../functions/cases/case-repository';
import type { Principal } from '../../functions/http/principal';
import type { Clock } from '../../domain/ports/clock';
import type { Payment } from '../../domain/payments/payment';
import type { TestTable } from './dynamodb';
import { aPaymentRequest, aPortal, paymentDependencies } from './payments';

export const aFinanceOfficer: Principal = { subject: 'finance-tranbien', roles: ['finance'], agencies: ['TRANBIEN'] };
export const anotherFinanceOfficer: Principal = { subject: 'finance-tranbien-2', roles: ['finance'], agencies: ['TRANBIEN'] };
export const aFinanceOfficerElsewhere: Principal = { subject: 'finance-stp', roles: ['finance'], agencies: ['STP'] };

/** The dependencies of the refund flows, on a test table with the demo catalog. */
export async function refundDependencies(table: TestTable, clock: Clock) {
  const base = await paymentDependencies(table, clock);
  return {
    ...base,
    dynamoDb: { client: table.client, doc: table.doc },
    tableName: table.tableName,
    refunds: new DynamoDbRefundRepository(table.doc, table.tableName),
    receipts: new DynamoDbReceiptRepository(table.doc, table.tableName),
    cases: new DynamoDbCaseRepository(table.doc, table.tableName),
  };
}

/** A payment the provider collected, through the callbacks' own path (counters, outbox and all). */
export async function aPaidPayment(deps: Awaited<ReturnType<typeof refundDependencies>>, table: TestTable, dossierId = `HS-${Math.random().toString(36).slice(2, 10)}`): Promise<Payment> {
  const created = await createPayment({ principal: aPortal, idempotencyKey: `k-${dossierId}-${Math.random().toString(36).slice(2)}`, request: aPaymentRequest({ dossierId }) }, deps);
  if (created.kind !== 'CREATED' && created.kind !== 'REPLAYED') throw new Error(created.kind);
  const payment = created.payment;
  await applyProviderReport(
    { provider: 'mock-bank', eventId: `evt-${payment.paymentId}`, providerTxnId: `MB-${payment.paymentId.slice(-8)}`, paymentId: payment.paymentId, amount: payment.amount, status: 'SUCCEEDED', occurredAt: deps.clock.now().toISOString() },
    { payments: deps.payments, doc: table.doc, tableName: table.tableName, clock: deps.clock },
  );
  return (await deps.payments.getPayment(payment.paymentId))!;
}
