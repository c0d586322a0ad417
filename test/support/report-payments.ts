import { counterDeltasFor, type CountedPayment, type ReportChannel } from '../../domain/reports/counters';
import type { DynamoDbReportCounterRepository } from '../../functions/reports/report-counter-repository';

/**
 * Records payments the way the payment flows will, as far as reports can tell: each success applies
 * the counter deltas of its fact. Each payment is its own dossier's first success unless told.
 */
export interface PaymentsToRecord {
  readonly agencyCode: string;
  readonly procedureCode: string;
  readonly businessDate: string;
  readonly channel: ReportChannel;
  readonly count: number;
  readonly amount?: number;
}

export async function recordPayments(repository: DynamoDbReportCounterRepository, batches: readonly PaymentsToRecord[]): Promise<void> {
  for (const batch of batches) {
    const payment: CountedPayment = {
      agencyCode: batch.agencyCode,
      procedureCode: batch.procedureCode,
      businessDate: batch.businessDate,
      amount: batch.amount ?? 50_000,
    };
    const type = batch.channel === 'ONLINE' ? 'ONLINE_PAYMENT_SUCCEEDED' : 'COUNTER_PAYMENT_RECORDED';
    const deltas = counterDeltasFor({ type, payment, firstSuccessOfDossier: true });
    await Promise.all(Array.from({ length: batch.count }, () => repository.applyDeltas(deltas)));
  }
}
