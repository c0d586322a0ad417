import { PROVIDERS } from '../../domain/payments/payment';
import type { ProviderName } from '../../domain/providers/provider-payment-report';
import type { BusinessDate } from '../../domain/shared/business-date';
import type { Principal } from '../http/principal';
import { fetchSettlementFile } from '../settlements/fetch-settlement-file';
import { demoApi } from './demo-api';
import type { LocalStack } from './local-stack';
import { signLocalToken } from './local-tokens';

/**
 * Reconciles some of the demo's older days as a finance officer would: fetch each provider's file
 * from the provider (the same use case as the board's button), start a run through the API, and let
 * the queue worker run it. The newest days are left alone, their files waiting at the providers.
 */
export interface DemoRun {
  readonly provider: ProviderName;
  readonly businessDate: BusinessDate;
  readonly rows: number;
  readonly runId: string;
  readonly status: string;
  readonly matched: number;
  /** Findings by CONTRACT type. */
  readonly discrepancies: Readonly<Record<string, number>>;
}

const DEMO_FINANCE: Principal = { subject: 'ke-toan-demo', roles: ['finance'], agencies: ['*'] };

export async function reconcileDemoDays(stack: LocalStack, days: readonly BusinessDate[]): Promise<DemoRun[]> {
  const call = demoApi(stack.url);
  const token = await signLocalToken(stack.config.AUTH_JWT_SECRET, { sub: DEMO_FINANCE.subject, roles: ['finance'], agencies: ['*'] });
  const runs: DemoRun[] = [];
  // Oldest first, so a day's PENDING_NEXT_DAY findings are re-checked by the next day's run.
  for (const businessDate of [...days].sort()) {
    for (const provider of PROVIDERS) {
      const fetched = await fetchSettlementFile({ provider, businessDate, principal: DEMO_FINANCE }, stack.dependencies);
      if (fetched.kind !== 'STORED') throw new Error(`the demo could not fetch the ${provider} file of ${businessDate}: ${JSON.stringify(fetched)}`);
      const started = await call('/v1/reconciliations', { token, body: { provider, businessDate } });
      if (started.status !== 202) throw new Error(`the demo could not start a run for ${provider} ${businessDate}: HTTP ${started.status}`);
      await stack.whenQueuesIdle(120_000);
      const run = await call(`/v1/reconciliations/${String(started.body.runId)}`, { method: 'GET', token });
      const summary = (run.body.summary ?? {}) as { matched?: { count?: number }; discrepancies?: Record<string, number> };
      runs.push({
        provider,
        businessDate,
        rows: fetched.rows,
        runId: String(started.body.runId),
        status: String(run.body.status),
        matched: summary.matched?.count ?? 0,
        discrepancies: summary.discrepancies ?? {},
      });
    }
  }
  return runs;
}
