import type { Clock } from '../../domain/ports/clock';
import { applyProviderReport, type ApplyReportDependencies, type ReportOutcome } from '../callbacks/apply-provider-report';
import type { DynamoDbPaymentRepository } from '../payments/payment-repository';
import type { ProviderStatusClient } from '../providers/provider-status-client';

/**
 * Heals lost callbacks before the day closes: asks each provider about payments still PENDING some
 * minutes after they were created, and applies what it says through the same use case as a callback
 * (so a report already received, or arriving at the same moment, is a DUPLICATE, never a second
 * apply). A provider that does not know the payment yet is left alone: the citizen may still pay.
 */
export interface MopUpDependencies {
  readonly payments: DynamoDbPaymentRepository;
  readonly statusClient: ProviderStatusClient;
  readonly apply: ApplyReportDependencies;
  readonly clock: Clock;
  readonly olderThanMinutes: number;
  readonly expiryMinutes: number;
}

export interface MopUpSummary {
  readonly asked: number;
  readonly unknownToProvider: number;
  readonly failedQueries: number;
  readonly outcomes: Partial<Record<ReportOutcome, number>>;
}

/** At most this many payments per run; the next run continues. Queries run a few at a time. */
const MAX_PAYMENTS_PER_RUN = 500;
const PARALLEL_QUERIES = 8;

export async function mopUpPendingPayments(deps: MopUpDependencies): Promise<MopUpSummary> {
  const cutoff = new Date(deps.clock.now().getTime() - deps.olderThanMinutes * 60_000);
  const pending = await deps.payments.listPendingCreatedBefore(cutoff, deps.expiryMinutes, MAX_PAYMENTS_PER_RUN);
  const outcomes: Partial<Record<ReportOutcome, number>> = {};
  let unknownToProvider = 0;
  let failedQueries = 0;
  for (let i = 0; i < pending.length; i += PARALLEL_QUERIES) {
    await Promise.all(
      pending.slice(i, i + PARALLEL_QUERIES).map(async (payment) => {
        try {
          const answer = await deps.statusClient.query(payment.provider, payment.paymentId);
          if (!answer.found) {
            unknownToProvider += 1;
            return;
          }
          const { outcome } = await applyProviderReport(answer.report, deps.apply, { source: 'MOP_UP' });
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        } catch {
          failedQueries += 1; // asked again on the next run
        }
      }),
    );
  }
  return { asked: pending.length, unknownToProvider, failedQueries, outcomes };
}
