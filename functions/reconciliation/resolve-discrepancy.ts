import type { CaseTrailEntry } from '../../domain/cases/case';
import type { EffectName } from '../../domain/cases/case-effects';
import type { StaffAction } from '../../domain/cases/case-state-machine';
import type { ResolutionAction } from '../../domain/reconciliation-runs/discrepancy-resolution';
import type { RunStatus, StoredDiscrepancy } from '../../domain/reconciliation-runs/reconciliation-run';
import type { Dependencies } from '../composition';
import { decideCase } from '../cases/decide-case';
import type { Principal } from '../http/principal';
import { canSeeDiscrepancy } from './reconciliation-access';

/**
 * Finance's action on a discrepancy of a run is a decision on its case (functions/cases/decide-case.ts):
 * the case is decided once, whichever route decides it, every run's copy of its findings follows,
 * and the decision's effect on the payment is carried out (docs/CASES.md). Who and when are kept in
 * the case's trail.
 */
export type ResolveOutcome =
  | { readonly kind: 'RECORDED'; readonly discrepancy: StoredDiscrepancy; readonly trail: readonly CaseTrailEntry[]; readonly effect: EffectName }
  | { readonly kind: 'NOT_FOUND' }
  | { readonly kind: 'FORBIDDEN' }
  | { readonly kind: 'RUN_NOT_COMPLETED'; readonly status: RunStatus }
  | { readonly kind: 'ALREADY_RESOLVED'; readonly discrepancy: StoredDiscrepancy }
  | { readonly kind: 'NOT_ALLOWED_FOR_TYPE'; readonly why: string; readonly allowed: readonly StaffAction[] }
  | { readonly kind: 'TRAIL_FULL'; readonly limit: number };

export async function resolveDiscrepancy(
  input: { readonly runId: string; readonly discrepancyId: string; readonly action: ResolutionAction; readonly note: string | null; readonly principal: Principal },
  deps: Pick<Dependencies, 'clock' | 'reconciliations' | 'cases' | 'payments' | 'dynamoDb' | 'tableName'>,
): Promise<ResolveOutcome> {
  const { reconciliations } = deps;
  const run = await reconciliations.getRun(input.runId);
  if (!run) return { kind: 'NOT_FOUND' };
  const discrepancy = await reconciliations.getDiscrepancy(run.runId, input.discrepancyId);
  if (!discrepancy || !discrepancy.caseId) return { kind: 'NOT_FOUND' };
  if (!canSeeDiscrepancy(input.principal, discrepancy)) return { kind: 'FORBIDDEN' };
  if (run.status !== 'COMPLETED') return { kind: 'RUN_NOT_COMPLETED', status: run.status };

  const outcome = await decideCase({ caseId: discrepancy.caseId, action: input.action, note: input.note, principal: input.principal }, deps);
  const current = async () => (await reconciliations.getDiscrepancy(run.runId, discrepancy.discrepancyId)) ?? discrepancy;
  switch (outcome.kind) {
    case 'DECIDED':
      return { kind: 'RECORDED', discrepancy: await current(), trail: outcome.trail, effect: outcome.effect };
    case 'ALREADY_DECIDED':
      return { kind: 'ALREADY_RESOLVED', discrepancy: await current() };
    case 'NOT_FOUND':
    case 'FORBIDDEN':
    case 'NOT_ALLOWED_FOR_TYPE':
    case 'TRAIL_FULL':
      return outcome.kind === 'NOT_ALLOWED_FOR_TYPE' ? { kind: outcome.kind, why: outcome.why, allowed: outcome.allowed } : outcome;
  }
}
