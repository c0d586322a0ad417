import * as z from 'zod/mini';
import { RUN_ID_PATTERN } from '../../domain/reconciliation-runs/reconciliation-ids';
import type { ReconciliationRun } from '../../domain/reconciliation-runs/reconciliation-run';
import { catalog, cases, reconciliations } from '../composition';
import type { Principal } from '../http/principal';
import { seesAllAgencies } from '../reconciliation/reconciliation-access';
import type { DynamoDbReconciliationRepository } from '../reconciliation/reconciliation-repository';
import { caseListPage } from './case-pages';
import { RUN_FAILURE_LABELS } from './labels';
import { runBody, type RunView } from './run-view';
import { staffHandler } from './staff-handler';
import { staffPage } from './staff-layout';
import { StaffPageError } from './staff-page-error';

export const runPageParams = z.object({ runId: z.string().check(z.regex(RUN_ID_PATTERN)) });
const query = z.object({ type: z.optional(z.string()), status: z.optional(z.string()), agency: z.optional(z.string()), cursor: z.optional(z.string()) });

/** GET /staff/runs/{runId} — a run: both sides' totals, its cases filtered by type, status and agency, the exports. */
export const handler = staffHandler({ roles: ['finance', 'province'], params: runPageParams, query, uses: [reconciliations, cases, catalog] }, async (request, deps) => {
  const run = await deps.reconciliations.getRun(request.params.runId);
  if (!run) throw new StaffPageError(404, 'Không tìm thấy lần đối soát này. Hãy mở lại từ bảng đối soát.');
  const listing = await caseListPage(request.query, { runId: run.runId }, request.principal, deps);
  const view: RunView = {
    runId: run.runId,
    provider: run.provider,
    businessDate: run.businessDate,
    status: run.status,
    requestedAt: run.requestedAt,
    ...(run.completedAt ? { completedAt: run.completedAt } : {}),
    ...(run.failure ? { failure: RUN_FAILURE_LABELS[run.failure.reason] } : {}),
    totals: await totalsFor(run, request.principal, deps.reconciliations),
    ...listing,
  };
  return staffPage(200, { title: 'Lần đối soát', principal: request.principal, csrfToken: request.csrfToken, active: 'board', body: runBody(view) });
});

/** The file-wide totals for those who see every agency; the own agencies' successes only for the others. */
async function totalsFor(run: ReconciliationRun, principal: Principal, reconciliations: DynamoDbReconciliationRepository): Promise<RunView['totals']> {
  if (!run.summary) return null;
  if (seesAllAgencies(principal)) return { internal: run.summary.internal, provider: run.summary.provider, matched: run.summary.matched };
  const figures = await reconciliations.getAgencyFigures(run.runId, principal.agencies);
  const internal = figures.reduce((sum, figure) => ({ count: sum.count + figure.internal.count, amount: sum.amount + figure.internal.amount }), { count: 0, amount: 0 });
  return { internal, provider: null, matched: null };
}
