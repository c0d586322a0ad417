import type { MessageQueue, QueueMessage } from '../../domain/ports/message-queue';
import type { SettlementFileStore } from '../../domain/ports/settlement-file-store';
import type { Payment } from '../../domain/payments/payment';
import { FileSystemSettlementFileStore } from '../../functions/adapters/filesystem/filesystem-settlement-file-store';
import { applyProviderReport } from '../../functions/callbacks/apply-provider-report';
import { DynamoDbCaseRepository } from '../../functions/cases/case-repository';
import { createPayment } from '../../functions/payments/create-payment';
import { DynamoDbReconciliationRepository } from '../../functions/reconciliation/reconciliation-repository';
import { DynamoDbAutoApplyRecords } from '../../functions/reconciliation/auto-apply-records';
import { runReconciliation, type RunOutcome } from '../../functions/reconciliation/run-reconciliation';
import { startReconciliation } from '../../functions/reconciliation/start-reconciliation';
import { DynamoDbSettlementFileRepository } from '../../functions/settlements/settlement-file-repository';
import { uploadSettlementFile } from '../../functions/settlements/store-settlement-file';
import type { TestTable } from './dynamodb';
import { aPaymentRequest, aPortal, ManualClock, paymentDependencies } from './payments';

/** A queue that keeps what is sent to it, for use cases that publish. */
export class RecordingQueue implements MessageQueue {
  readonly sent: Array<{ queueName: string; message: QueueMessage }> = [];
  async send(queueName: string, messages: readonly QueueMessage[]): Promise<void> {
    for (const message of messages) this.sent.push({ queueName, message });
  }
}

/** Everything the settlement and reconciliation use cases need, on a test table with the demo catalog. */
export async function reconciliationDependencies(table: TestTable, clock: ManualClock, settlementFiles: SettlementFileStore = new FileSystemSettlementFileStore()) {
  const base = await paymentDependencies(table, clock);
  return {
    ...base,
    clock,
    tableName: table.tableName,
    dynamoDb: { client: table.client, doc: table.doc },
    doc: table.doc,
    queue: new RecordingQueue(),
    settlementFiles,
    settlements: new DynamoDbSettlementFileRepository(table.doc, table.tableName),
    reconciliations: new DynamoDbReconciliationRepository(table.doc, table.tableName),
    autoApplies: new DynamoDbAutoApplyRecords(table.doc, table.tableName),
    cases: new DynamoDbCaseRepository(table.doc, table.tableName),
  };
}

export type ReconciliationTestDependencies = Awaited<ReturnType<typeof reconciliationDependencies>>;

let counter = 0;

/** A PENDING mock-bank payment of 14 000 VND created at `at`. */
export async function aPendingPayment(deps: ReconciliationTestDependencies, at: string, overrides: Parameters<typeof aPaymentRequest>[0] = {}): Promise<Payment> {
  deps.clock.set(at);
  const result = await createPayment({ principal: aPortal, idempotencyKey: `recon-${++counter}-${Date.now()}`, request: aPaymentRequest(overrides) }, deps);
  if (result.kind !== 'CREATED') throw new Error(`expected CREATED, got ${result.kind}`);
  return result.payment;
}

/** Applies the provider's success of `payment` paid at `paidAt`, as a callback would; returns its provider transaction id. */
export async function paySuccessfully(deps: ReconciliationTestDependencies, payment: Payment, paidAt: string): Promise<string> {
  const providerTxnId = `MB${String(++counter).padStart(12, '0')}`;
  const { outcome } = await applyProviderReport(
    { provider: 'mock-bank', eventId: `evt_${providerTxnId}`, providerTxnId, paymentId: payment.paymentId, amount: payment.amount, status: 'SUCCEEDED', occurredAt: paidAt },
    deps,
  );
  if (outcome !== 'APPLIED') throw new Error(`expected APPLIED, got ${outcome}`);
  return providerTxnId;
}

export interface RowSpec {
  readonly providerTxnId: string;
  readonly paymentId: string;
  readonly amount: number;
  readonly status?: 'SUCCEEDED' | 'REVERSED';
  readonly paidAt: string;
}

export function settlementCsv(rows: readonly RowSpec[]): string {
  const lines = rows.map((row) => [row.providerTxnId, row.paymentId, row.amount, row.status === 'REVERSED' ? 0 : Math.round(row.amount * 0.008), row.status ?? 'SUCCEEDED', row.paidAt].join(','));
  return `${['provider_txn_id,payment_id,amount,fee,status,paid_at', ...lines].join('\n')}\n`;
}

export async function uploadDay(deps: ReconciliationTestDependencies, businessDate: string, rows: readonly RowSpec[]) {
  const outcome = await uploadSettlementFile({ provider: 'mock-bank', businessDate, body: Buffer.from(settlementCsv(rows)), uploadedBy: 'finance-test' }, deps);
  if (outcome.kind !== 'ACCEPTED') throw new Error(`the test file was refused: ${outcome.error.message}`);
  return outcome.file;
}

/** Requests a run of the day and runs it as the worker would on its first delivery. */
export async function reconcileDay(deps: ReconciliationTestDependencies, businessDate: string): Promise<{ runId: string; outcome: RunOutcome }> {
  const started = await startReconciliation({ provider: 'mock-bank', businessDate, requestedBy: 'finance-test' }, deps);
  if (started.kind !== 'QUEUED') throw new Error(`expected QUEUED, got ${started.kind}`);
  const outcome = await runReconciliation(started.run.runId, { receiveCount: 1, maxReceiveCount: 3 }, deps);
  return { runId: started.run.runId, outcome };
}
