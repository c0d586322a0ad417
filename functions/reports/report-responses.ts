import { feeBearingProceduresNotPaidOnline } from '../../domain/reports/procedures-not-paid-online';
import { buildOnlinePaymentReport, type OnlinePaymentReport } from '../../domain/reports/report-rows';
import type { TargetSet } from '../../domain/reports/target-sets';
import { businessDateOf } from '../../domain/shared/business-date';
import { refuseUnknownAgencies } from '../catalog/known-agencies';
import type { Dependencies } from '../composition';
import { forbidden, unprocessable } from '../http/http-errors';
import type { Principal } from '../http/principal';
import { json, text, type ApiResponse } from '../http/responses';
import { publicPage } from '../staff/staff-layout';
import { renderDashboardPage, type DashboardView } from './dashboard-page';
import { CounterReadLimitError } from './report-counter-repository';
import { renderReportCsv, type ReportNames } from './report-csv';
import { loadReportData, type ReportData } from './report-data';
import { resolvePeriod, resolveTargetSet, type ReportQuery } from './report-query';
import type { ReportRepresentation } from './report-representation';

/**
 * The one path from a validated report query to a response, shared by the report route and the
 * dashboard: resolve the target set and period, read the caller's data, build the report, render it.
 */
export interface ReportRequest {
  readonly query: ReportQuery;
  readonly principal: Principal;
}

export interface ReportResponseOptions {
  readonly representation: ReportRepresentation;
  /** The API needs both ends of the period; the dashboard defaults them to the month so far. */
  readonly periodRequired: boolean;
  /**
   * Puts the dashboard in its frame: the staff frame for GET /dashboard (navigation, the person, sign
   * out); by default a plain page, for the API's `Accept: text/html`, which has no staff session.
   */
  readonly htmlPage?: (view: DashboardView) => ApiResponse;
}

export const REPORT_PATH = '/v1/reports/online-payments';

/** What answering a report reads: list targetSets, clock, catalog and reportCounters in the route's `uses`. */
export type ReportDependencies = Pick<Dependencies, 'targetSets' | 'clock' | 'catalog' | 'reportCounters'>;

export async function answerReport(request: ReportRequest, deps: ReportDependencies, options: ReportResponseOptions): Promise<ApiResponse> {
  const { query, principal } = request;
  const targetSet = resolveTargetSet(deps.targetSets, query.targetSet);
  const period = resolvePeriod(query, { required: options.periodRequired, today: businessDateOf(deps.clock.now()) });
  await refuseUnknownAgencies(deps.catalog, query.agency);

  let data: ReportData;
  try {
    const outcome = await loadReportData({ principal, period, agencyCodes: query.agency, rollUp: query.rollUp === 'successor' }, deps);
    if (outcome.kind === 'FORBIDDEN_AGENCY') throw forbidden(`This token may not read reports of agency ${outcome.agencyCode}.`);
    data = outcome.data;
  } catch (error) {
    if (!(error instanceof CounterReadLimitError)) throw error;
    throw unprocessable('REPORT_TOO_LARGE', 'The report would read too many counters; narrow the period or the agencies.', [
      { path: 'from', message: error.message },
    ]);
  }

  const report = buildOnlinePaymentReport({
    period,
    targetSet,
    groupBy: query.groupBy,
    counters: data.counters,
    catalog: data.catalog,
    rollUpAgency: data.rollUpAgency,
  });
  const headers = { 'cache-control': 'private, no-store', vary: 'accept' };
  switch (options.representation) {
    case 'json':
      return json(200, report, headers);
    case 'csv':
      return text(200, renderReportCsv(report, catalogNames(data)), 'text/csv; charset=utf-8', {
        ...headers,
        'content-disposition': `attachment; filename="${csvFileName(report)}"`,
      });
    case 'html': {
      const view = dashboard({ report, targetSet, data, query }, deps);
      const page = (options.htmlPage ?? ((plain) => publicPage(200, plain)))(view);
      return { ...page, headers: { ...page.headers, vary: 'accept' } };
    }
  }
}

/** Agency and procedure names from the catalog the report was read with. */
export function catalogNames(data: Pick<ReportData, 'agencies' | 'procedures'>): ReportNames {
  const agencies = new Map(data.agencies.map((agency) => [agency.code, agency.name]));
  const procedures = new Map(data.procedures.map((procedure) => [procedure.code, procedure.name]));
  return { agency: (code) => agencies.get(code), procedure: (code) => procedures.get(code) };
}

interface DashboardSources {
  readonly report: OnlinePaymentReport;
  readonly targetSet: TargetSet;
  readonly data: ReportData;
  readonly query: ReportQuery;
}

// The charts need the agency and month groupings whatever the table shows; all come from one read.
function dashboard({ report, targetSet, data, query }: DashboardSources, deps: ReportDependencies): DashboardView {
  const inputs = { period: report.period, targetSet, counters: data.counters, catalog: data.catalog, rollUpAgency: data.rollUpAgency };
  const byAgency = report.groupBy === 'agency' ? (report as OnlinePaymentReport<'agency'>) : buildOnlinePaymentReport({ ...inputs, groupBy: 'agency' });
  const byMonth = report.groupBy === 'month' ? (report as OnlinePaymentReport<'month'>) : buildOnlinePaymentReport({ ...inputs, groupBy: 'month' });
  return renderDashboardPage({
    report,
    byAgency,
    byMonth,
    notPaidOnline: feeBearingProceduresNotPaidOnline(inputs),
    targetSet,
    targetSets: deps.targetSets,
    agencies: data.agencies,
    procedures: data.procedures,
    selectedAgencyCodes: query.agency ?? [],
    rollUp: query.rollUp === 'successor',
    defaultPeriod: !query.from && !query.to,
    generatedAt: deps.clock.now(),
    links: { csv: dashboardCsvLink(report, query.agency, query.rollUp) },
  });
}

/**
 * The dashboard with the same question as CSV: GET /dashboard answers `format=csv` with the report's
 * CSV, through the staff session, so the download needs no bearer token.
 */
export function dashboardCsvLink(report: OnlinePaymentReport, agencyCodes: readonly string[] | undefined, rollUp?: 'successor'): string {
  const params = new URLSearchParams({ from: report.period.from, to: report.period.to, groupBy: report.groupBy, targetSet: report.targetSet.id });
  if (agencyCodes && agencyCodes.length > 0) params.set('agency', agencyCodes.join(','));
  if (rollUp) params.set('rollUp', rollUp);
  params.set('format', 'csv');
  return `/dashboard?${params.toString()}`;
}

// Every part is validated ([0-9-], [a-z0-9-], a group name), so the name needs no quoting rules.
function csvFileName(report: OnlinePaymentReport): string {
  return `online-payments_${report.period.from}_${report.period.to}_by-${report.groupBy}_${report.targetSet.id}.csv`;
}
