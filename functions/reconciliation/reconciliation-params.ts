import * as z from 'zod/mini';
import { DISCREPANCY_TYPES } from '../../domain/reconciliation';
import { DISCREPANCY_ID_PATTERN, RUN_ID_PATTERN } from '../../domain/reconciliation-runs/reconciliation-ids';
import { DISCREPANCY_STATUSES, type ReconciliationRun } from '../../domain/reconciliation-runs/reconciliation-run';
import type { Dependencies } from '../composition';
import { notFound } from '../http/http-errors';

/** Path and query parameters of the reconciliation routes, shared by their handlers. */
export const runParams = z.object({ runId: z.string().check(z.regex(RUN_ID_PATTERN, 'must be a run id such as rec_01JD…')) });

export const discrepancyParams = z.extend(runParams, {
  discrepancyId: z.string().check(z.regex(DISCREPANCY_ID_PATTERN, 'must be a discrepancy id such as dsc_…')),
});

export const discrepancyFilters = {
  type: z.optional(z.enum(DISCREPANCY_TYPES, { error: `must be one of ${DISCREPANCY_TYPES.join(', ')}` })),
  status: z.optional(z.enum(DISCREPANCY_STATUSES, { error: 'must be OPEN or RESOLVED' })),
};

export async function loadRun(runId: string, deps: Pick<Dependencies, 'reconciliations'>): Promise<ReconciliationRun> {
  const run = await deps.reconciliations.getRun(runId);
  if (!run) throw notFound(`Reconciliation run ${runId}`);
  return run;
}
