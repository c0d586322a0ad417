import type { ReportCounter } from './counters';
import type { FeeBearingProcedure } from './fee-bearing-catalog';

/**
 * Which agencies a caller may see. Data of other agencies is never returned, not even counted in
 * totals, so the report is computed only from what survives restrictToScope.
 */
export type AgencyScope =
  | { readonly kind: 'ALL_AGENCIES' }
  | { readonly kind: 'AGENCIES'; readonly agencyCodes: ReadonlySet<string> };

/** From the token's `agencies` claim: ["*"] means all; an empty claim sees nothing. */
export function agencyScopeFromClaims(agencies: readonly string[]): AgencyScope {
  if (agencies.includes('*')) return { kind: 'ALL_AGENCIES' };
  return { kind: 'AGENCIES', agencyCodes: new Set(agencies) };
}

export function scopeIncludesAgency(scope: AgencyScope, agencyCode: string): boolean {
  return scope.kind === 'ALL_AGENCIES' || scope.agencyCodes.has(agencyCode);
}

/** The scope for `?agency=CODE`; null when the caller may not see that agency (a FORBIDDEN). */
export function narrowScopeToAgency(scope: AgencyScope, agencyCode: string): AgencyScope | null {
  return scopeIncludesAgency(scope, agencyCode) ? { kind: 'AGENCIES', agencyCodes: new Set([agencyCode]) } : null;
}

export interface ScopedReportData {
  readonly counters: readonly ReportCounter[];
  readonly catalog: readonly FeeBearingProcedure[];
}

/** Keeps only the counters and catalog entries of agencies in the scope. */
export function restrictToScope(data: ScopedReportData, scope: AgencyScope): ScopedReportData {
  return {
    counters: data.counters.filter((c) => scopeIncludesAgency(scope, c.agencyCode)),
    catalog: data.catalog.filter((p) => scopeIncludesAgency(scope, p.agencyCode)),
  };
}
