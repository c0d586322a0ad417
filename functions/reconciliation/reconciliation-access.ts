import type { StoredDiscrepancy } from '../../domain/reconciliation-runs/reconciliation-run';
import { canSeeCase, caseScope, seesEveryCase } from '../cases/case-access';
import type { Principal } from '../http/principal';

/**
 * Who sees what of a reconciliation. A settlement file is the provider's, for all agencies at once,
 * so any finance user may upload one and start its run; what a run found is agency data, seen by the
 * same rule as the cases its findings belong to (functions/cases/case-access.ts):
 *  - `province` and finance with agencies `*` see everything: the file-wide summary and every
 *    discrepancy, unknown references included (they belong to no agency);
 *  - finance limited to some agencies sees only discrepancies of payments of those agencies, and a
 *    summary of its own agencies' figures (their successes and findings), never the file's totals.
 * Resolving is deciding the case (finance only, for its agencies).
 */
export function seesAllAgencies(principal: Principal): boolean {
  return seesEveryCase(principal);
}

/** The agencies whose findings a principal may see: 'ALL', or its list. */
export function agencyScope(principal: Principal): readonly string[] | 'ALL' {
  return caseScope(principal);
}

export function canSeeDiscrepancy(principal: Principal, discrepancy: Pick<StoredDiscrepancy, 'agencyCode'>): boolean {
  return canSeeCase(principal, discrepancy);
}
