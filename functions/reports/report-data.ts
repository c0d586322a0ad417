import { agencyHistory } from '../../domain/catalog/agency-history';
import type { Agency, Procedure } from '../../domain/catalog/catalog';
import type { ReportCounter } from '../../domain/reports/counters';
import { feeBearingProceduresDuring, rollUpProcedures, type FeeBearingProcedure } from '../../domain/reports/fee-bearing-catalog';
import type { ReportPeriod } from '../../domain/reports/report-period';
import { agencyScopeFromClaims, narrowScopeToAgency, restrictToScope, scopeIncludesAgency, type AgencyScope } from '../../domain/reports/report-scope';
import type { Dependencies } from '../composition';
import type { Principal } from '../http/principal';

/**
 * What a report is computed from: the counters and fee-bearing catalog of the agencies the caller
 * may see, read for the period. Scoping happens before anything is read, so other agencies' data is
 * never loaded, let alone counted; restrictToScope then keeps the guarantee even if a read strayed.
 *
 * Agencies change: the catalog of the period pairs each fee-bearing procedure with every agency that
 * served it during the period, and counters keep the agency that collected each payment. With
 * `rollUp` the data is regrouped under the successors the agencies roll up into, and an agency
 * (asked for, or in the token) then stands for its predecessors too: a successor's staff see the
 * history they took over.
 */
const AGENCY_CODE = /^[A-Z0-9_-]{1,32}$/;

export interface ReportDataRequest {
  readonly principal: Principal;
  readonly period: ReportPeriod;
  /** `agency=` of the query: each must be within the caller's agencies. */
  readonly agencyCodes?: readonly string[] | undefined;
  /** `rollUp=successor`: old agencies counted under their successors. */
  readonly rollUp?: boolean | undefined;
}

export interface ReportData {
  readonly scope: AgencyScope;
  readonly counters: readonly ReportCounter[];
  readonly catalog: readonly FeeBearingProcedure[];
  /** Agencies the caller may see, before `agency=` narrows the report: names and the selector. */
  readonly agencies: readonly Agency[];
  /** Every catalog procedure of those agencies, fee-bearing or not, for names. */
  readonly procedures: readonly Procedure[];
  /** The agency each agency rolls up into: how totals count (report-rows.ts). */
  readonly rollUpAgency: (agencyCode: string) => string;
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
  const [allAgencies, allProcedures] = await Promise.all([deps.catalog.listAgencies(), deps.catalog.listProcedures()]);
  const history = agencyHistory(allAgencies);
  const withHistory = (codes: Iterable<string>) => new Set([...codes].flatMap((code) => (request.rollUp ? history.withPredecessors(code) : [code])));

  const claimed = callerScope(request.principal);
  const visible: AgencyScope = claimed.kind === 'AGENCIES' ? { kind: 'AGENCIES', agencyCodes: withHistory(claimed.agencyCodes) } : claimed;
  let scope = visible;
  if (request.agencyCodes && request.agencyCodes.length > 0) {
    for (const code of request.agencyCodes) {
      if (!narrowScopeToAgency(scope, code)) return { kind: 'FORBIDDEN_AGENCY', agencyCode: code };
    }
    scope = { kind: 'AGENCIES', agencyCodes: withHistory(request.agencyCodes) };
  }

  const agencies = allAgencies.filter((agency) => scopeIncludesAgency(visible, agency.code));
  // A token may list codes no counter can have (malformed ones included): they are simply not read.
  const agencyCodesToRead = (scope.kind === 'ALL_AGENCIES' ? allAgencies.map((agency) => agency.code) : [...scope.agencyCodes]).filter((code) =>
    AGENCY_CODE.test(code),
  );
  const counters = await deps.reportCounters.queryCounters({ agencies: agencyCodesToRead, from: request.period.from, to: request.period.to });
  // A procedure is the caller's when any agency that ever served it is (it moves with its agency).
  const procedures = allProcedures.filter((procedure) =>
    history.servingDuring(procedure.agencyCode, { from: '0000-01-01', to: '9999-12-31' }).some((code) => scopeIncludesAgency(visible, code)),
  );
  const catalog = feeBearingProceduresDuring(allProcedures, (code) => history.servingDuring(code, request.period));
  const scoped = restrictToScope({ counters, catalog }, scope);
  const data = request.rollUp
    ? {
        counters: scoped.counters.map((counter) => ({ ...counter, agencyCode: history.rolledUp(counter.agencyCode) })),
        catalog: rollUpProcedures(scoped.catalog, history.rolledUp),
      }
    : scoped;
  return { kind: 'DATA', data: { scope, ...data, agencies, procedures, rollUpAgency: history.rolledUp } };
}
