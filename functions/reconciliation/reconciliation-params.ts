import { z } from 'zod';
import { DISCREPANCY_TYPES } from '../../domain/reconciliation';
import { DISCREPANCY_ID_PATTERN, RUN_ID_PATTERN } from '../../domain/reconciliation-runs/reconciliation-ids';
import { DISCREPANCY_STATUSES, type ReconciliationRun } from '../../domain/reconciliation-runs/reconciliation-run';
import type { Dependencies } from '../composition';
import { notFound } from '../http/http-errors';

/** Path and query parameters of the reconciliation routes, shared by their handlers. */
export const runParams = z.object({ runId: z.string().regex(RUN_ID_PATTERN, 'must be a run id such as rec_01JD…') });

export const discrepancyParams = runParams.extend({
  discrepancyId: z.string().regex(DISCREPANCY_ID_PATTERN, 'must be a discrepancy id such as dsc_…'),
});

export const discrepancyFilters = {
  type: z.enum(DISCREPANCY_TYPES, { errorMap: () => ({ message: `must be one of ${DISCREPANCY_TYPES.join(', ')}` }) }).optional(),
  status: z.enum(DISCREPANCY_STATUSES, { errorMap: () => ({ message: 'must be OPEN or RESOLVED' }) }).optional(),
};

export async function loadRun(runId: string, deps: Pick<Dependencies, 'reconciliations'>): Promise<ReconciliationRun> {
  const run = await deps.reconciliations.getRun(runId);
  if (!run) throw notFound(`Reconciliation run ${runId}`);
  return run;
}
