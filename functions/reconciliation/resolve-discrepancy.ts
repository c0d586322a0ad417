import { toVietnamIso } from '../../domain/shared/business-date';
import { decideResolution, resolves, type ResolutionAction } from '../../domain/reconciliation-runs/discrepancy-resolution';
import type { RunStatus, StoredDiscrepancy } from '../../domain/reconciliation-runs/reconciliation-run';
import type { Dependencies } from '../composition';
import type { Principal } from '../http/principal';
import { canSeeDiscrepancy } from './reconciliation-access';
import type { TrailEntry } from './reconciliation-repository';

/**
 * Finance's action on a discrepancy of a run (see discrepancy-resolution.ts for what each action
 * does). Who and when are kept on the decision and in the trail; the action is refused on a run that
 * is not the day's latest (its findings have been superseded) or while another run of the day is
 * under way.
 */
export type ResolveOutcome =
  | { readonly kind: 'RECORDED'; readonly discrepancy: StoredDiscrepancy; readonly trail: readonly TrailEntry[] }
  | { readonly kind: 'NOT_FOUND' }
  | { readonly kind: 'FORBIDDEN' }
  | { readonly kind: 'RUN_NOT_COMPLETED'; readonly status: RunStatus }
  | { readonly kind: 'ALREADY_RESOLVED'; readonly discrepancy: StoredDiscrepancy }
  | { readonly kind: 'SUPERSEDED'; readonly latestRunId: string | undefined }
  | { readonly kind: 'IN_PROGRESS'; readonly activeRunId: string }
  | { readonly kind: 'TRAIL_FULL'; readonly limit: number };

export async function resolveDiscrepancy(
  input: { readonly runId: string; readonly discrepancyId: string; readonly action: ResolutionAction; readonly note: string | null; readonly principal: Principal },
  deps: Pick<Dependencies, 'clock' | 'reconciliations'>,
): Promise<ResolveOutcome> {
  const { reconciliations } = deps;
  const run = await reconciliations.getRun(input.runId);
  if (!run) return { kind: 'NOT_FOUND' };
  const discrepancy = await reconciliations.getDiscrepancy(run.runId, input.discrepancyId);
  if (!discrepancy) return { kind: 'NOT_FOUND' };
  if (!canSeeDiscrepancy(input.principal, discrepancy)) return { kind: 'FORBIDDEN' };
  if (run.status !== 'COMPLETED') return { kind: 'RUN_NOT_COMPLETED', status: run.status };
  if (decideResolution(discrepancy.status, input.action).kind === 'ALREADY_RESOLVED') return { kind: 'ALREADY_RESOLVED', discrepancy };

  const now = deps.clock.now();
  const entry = { action: input.action, note: input.note, by: input.principal.subject, at: toVietnamIso(now) };
  const outcome = await reconciliations.resolve(run, discrepancy.discrepancyId, entry, resolves(input.action), now);
  switch (outcome.kind) {
    case 'RECORDED':
      return { kind: 'RECORDED', discrepancy: outcome.discrepancy, trail: await reconciliations.listTrail(run.provider, run.businessDate, discrepancy.discrepancyId) };
    case 'ALREADY_RESOLVED':
      return { kind: 'ALREADY_RESOLVED', discrepancy: (await reconciliations.getDiscrepancy(run.runId, discrepancy.discrepancyId)) ?? discrepancy };
    default:
      return outcome;
  }
}
