import type { Agency, Procedure } from '../../domain/catalog/catalog';
import type { ReportCounter } from '../../domain/reports/counters';
import { feeBearingProceduresOf, type FeeBearingProcedure } from '../../domain/reports/fee-bearing-catalog';
import type { ReportPeriod } from '../../domain/reports/report-period';
import { agencyScopeFromClaims, narrowScopeToAgency, restrictToScope, scopeIncludesAgency, type AgencyScope } from '../../domain/reports/report-scope';
import type { Dependencies } from '../composition';
import type { Principal } from '../http/principal';

/**
 * What a report is computed from: the counters and fee-bearing catalog of the agencies the caller
 * may see, read for the period. Scoping happens before anything is read, so other agencies' data is
 * never loaded, let alone counted; restrictToScope then keeps the guarantee even if a read strayed.
 */
const AGENCY_CODE = /^[A-Z0-9_-]{1,32}$/;

export interface ReportDataRequest {
  readonly principal: Principal;
  readonly period: ReportPeriod;
  /** `agency=` of the query: each must be within the caller's agencies. */
  readonly agencyCodes?: readonly string[] | undefined;
}

export interface ReportData {
  readonly scope: AgencyScope;
  readonly counters: readonly ReportCounter[];
  readonly catalog: readonly FeeBearingProcedure[];
  /** Agencies the caller may see, before `agency=` narrows the report: names and the selector. */
  readonly agencies: readonly Agency[];
  /** Every catalog procedure of those agencies, fee-bearing or not, for names. */
  readonly procedures: readonly Procedure[];
}

export type ReportDataOutcome =
  | { readonly kind: 'DATA'; readonly data: ReportData }
  /** The caller asked for an agency outside its own: nothing was read. */
  | { readonly kind: 'FORBIDDEN_AGENCY'; readonly agencyCode: string };

/** The `province` role sees every agency; anyone else (finance) the agencies of its token. */
export function callerScope(principal: Principal): AgencyScope {
  return principal.roles.includes('province') ? { kind: 'ALL_AGENCIES' } : agencyScopeFromClaims(principal.agencies);
}

export async function loadReportData(request: ReportDataRequest, deps: Pick<Dependencies, 'catalog' | 'reportCounters'>): Promise<ReportDataOutcome> {
  const visible = callerScope(request.principal);
  let scope = visible;
  if (request.agencyCodes && request.agencyCodes.length > 0) {
    const granted = new Set<string>();
    for (const code of request.agencyCodes) {
      const narrowed = narrowScopeToAgency(scope, code);
      if (!narrowed) return { kind: 'FORBIDDEN_AGENCY', agencyCode: code };
      granted.add(code);
    }
    scope = { kind: 'AGENCIES', agencyCodes: granted };
  }

  const [allAgencies, allProcedures] = await Promise.all([deps.catalog.listAgencies(), deps.catalog.listProcedures()]);
  const agencies = allAgencies.filter((agency) => scopeIncludesAgency(visible, agency.code));
  // A token may list codes no counter can have (malformed ones included): they are simply not read.
  const agencyCodesToRead = (scope.kind === 'ALL_AGENCIES' ? allAgencies.map((agency) => agency.code) : [...scope.agencyCodes]).filter((code) =>
    AGENCY_CODE.test(code),
  );
  const counters = await deps.reportCounters.queryCounters({ agencies: agencyCodesToRead, from: request.period.from, to: request.period.to });
  const procedures = allProcedures.filter((procedure) => scopeIncludesAgency(visible, procedure.agencyCode));
  const scoped = restrictToScope({ counters, catalog: feeBearingProceduresOf(procedures) }, scope);
  return { kind: 'DATA', data: { scope, counters: scoped.counters, catalog: scoped.catalog, agencies, procedures } };
}
