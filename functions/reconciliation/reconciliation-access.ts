import type { StoredDiscrepancy } from '../../domain/reconciliation-runs/reconciliation-run';
import type { Principal } from '../http/principal';

/**
 * Who sees what of a reconciliation. A settlement file is the provider's, for all agencies at once,
 * so any finance user may upload one and start its run; what a run found is agency data:
 *  - `province` and finance with agencies `*` see everything: the file-wide summary and every
 *    discrepancy, unknown references included (they belong to no agency);
 *  - finance limited to some agencies sees only discrepancies of payments of those agencies, and a
 *    summary of its own agencies' figures (their successes and findings), never the file's totals.
 * Resolving follows the same rule (finance only): a discrepancy it cannot see, it cannot resolve.
 */
export function seesAllAgencies(principal: Principal): boolean {
  return principal.roles.includes('province') || principal.agencies.includes('*');
}

/** The agencies whose findings a principal may see: 'ALL', or its list. */
export function agencyScope(principal: Principal): readonly string[] | 'ALL' {
  return seesAllAgencies(principal) ? 'ALL' : principal.agencies;
}

export function canSeeDiscrepancy(principal: Principal, discrepancy: Pick<StoredDiscrepancy, 'agencyCode'>): boolean {
  if (seesAllAgencies(principal)) return true;
  return discrepancy.agencyCode !== null && principal.agencies.includes(discrepancy.agencyCode);
}
