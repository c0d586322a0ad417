import { PROVIDERS } from '../../domain/payments/payment';
import type { ProviderName } from '../../domain/providers/provider-payment-report';
import { addDays, type BusinessDate } from '../../domain/shared/business-date';
import type { ReconciliationRun } from '../../domain/reconciliation-runs/reconciliation-run';
import type { Principal } from '../http/principal';
import { agencyScope, seesAllAgencies } from '../reconciliation/reconciliation-access';
import type { DynamoDbReconciliationRepository } from '../reconciliation/reconciliation-repository';
import type { DynamoDbSettlementFileRepository } from '../settlements/settlement-file-repository';
import type { BoardDay } from './board-view';

/**
 * What the board shows, read with GetItems and one Query per run (never a Scan): for each provider
 * and each of the BOARD_DAYS dates up to `until`, the day's current settlement file, its latest run,
 * and how many of that run's findings the person may see are still open. A finance user of some
 * agencies sees that a file exists but not the file's totals, and only its agencies' figures
 * (reconciliation-access.ts).
 */
export const BOARD_DAYS = 7;
/** Open findings counted per run; beyond it the board says "200+" rather than reading on. */
const OPEN_COUNT_LIMIT = 200;

export interface BoardDependencies {
  readonly settlements: DynamoDbSettlementFileRepository;
  readonly reconciliations: DynamoDbReconciliationRepository;
}

export async function loadBoard(until: BusinessDate, principal: Principal, now: Date, deps: BoardDependencies): Promise<Map<ProviderName, BoardDay[]>> {
  const dates = Array.from({ length: BOARD_DAYS }, (_, i) => addDays(until, -i));
  const board = new Map<ProviderName, BoardDay[]>();
  await Promise.all(
    PROVIDERS.map(async (provider) => {
      board.set(provider, await Promise.all(dates.map((date) => loadDay(provider, date, principal, now, deps))));
    }),
  );
  // Map order is the order providers were set in; keep the PROVIDERS order whatever finished first.
  return new Map(PROVIDERS.map((provider) => [provider, board.get(provider)!]));
}

async function loadDay(provider: ProviderName, businessDate: BusinessDate, principal: Principal, now: Date, deps: BoardDependencies): Promise<BoardDay> {
  const all = seesAllAgencies(principal);
  const [file, day] = await Promise.all([deps.settlements.getCurrent(provider, businessDate), deps.reconciliations.getDay(provider, businessDate)]);
  const run = day?.latestRunId ? await deps.reconciliations.getRun(day.latestRunId) : undefined;
  const runUnderWay = day?.activeRunId !== undefined && (day.activeUntilMs ?? 0) > now.getTime();
  return {
    businessDate,
    ...(file ? { file: { rows: all ? file.rows : null, totalAmount: all ? file.totalAmount : null, uploadedAt: file.uploadedAt } } : {}),
    ...(run ? { run: { runId: run.runId, status: run.status, matchedCount: all ? (run.summary?.matched.count ?? null) : null, openCases: await openFindings(run, principal, deps) } } : {}),
    runUnderWay,
  };
}

async function openFindings(run: ReconciliationRun, principal: Principal, deps: BoardDependencies): Promise<number | null> {
  if (run.status !== 'COMPLETED') return null;
  const page = await deps.reconciliations.listDiscrepancies(run.runId, { status: 'OPEN', agencies: agencyScope(principal), limit: OPEN_COUNT_LIMIT });
  return page.items.length;
}
