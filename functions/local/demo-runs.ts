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

/** A bearer token of the demo's finance officer of every agency, for the API. */
function demoFinanceToken(stack: LocalStack): Promise<string> {
  return signLocalToken(stack.config.AUTH_JWT_SECRET, { sub: DEMO_FINANCE.subject, roles: [...DEMO_FINANCE.roles], agencies: [...DEMO_FINANCE.agencies] });
}

export async function reconcileDemoDays(stack: LocalStack, days: readonly BusinessDate[]): Promise<DemoRun[]> {
  const call = demoApi(stack.url);
  const token = await demoFinanceToken(stack);
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

/** The open case queue as finance sees it (GET /v1/cases, every agency): how many of each type. */
export async function openCasesByType(stack: LocalStack): Promise<Record<string, number>> {
  const call = demoApi(stack.url);
  const token = await demoFinanceToken(stack);
  const counts: Record<string, number> = {};
  let cursor: string | null = null;
  // A bounded walk: the demo opens a few dozen cases at most.
  for (let page = 0; page < 20; page++) {
    const listed = await call(`/v1/cases?status=OPEN&limit=100${cursor ? `&cursor=${cursor}` : ''}`, { method: 'GET', token });
    if (listed.status !== 200) throw new Error(`the demo could not list the case queue: HTTP ${listed.status}`);
    for (const item of (listed.body.items ?? []) as Array<{ type: string }>) counts[item.type] = (counts[item.type] ?? 0) + 1;
    cursor = (listed.body.nextCursor as string | null | undefined) ?? null;
    if (cursor === null) break;
  }
  return counts;
}
