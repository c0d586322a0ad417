import type { CaseType } from '../../domain/cases/case';
import { CASE_TYPES } from '../../domain/cases/case';
import { CASE_STATUSES, isOnQueue, type CaseStatus } from '../../domain/cases/case-state-machine';
import type { CatalogReader } from '../../domain/catalog/catalog';
import type { Principal } from '../http/principal';
import type { StoredCase } from '../cases/case-repository';
import { caseScope } from '../cases/case-access';
import type { CaseFilterChoices, CaseFilterValues, CaseSummaryView } from './case-list-view';
import type { Dependencies } from '../composition';
import { CaseCursorError } from '../cases/case-repository';
import { listCases } from '../cases/list-cases';
import { CursorError } from '../reconciliation/reconciliation-repository';
import { StaffPageError } from './staff-page-error';
import { CASE_STATUS_LABELS, CASE_TYPE_LABELS, optionsOf } from './labels';
import type { Choice } from './page-parts';

/**
 * What the case pages (the queue, a run, a case, the lookup) share: a stored case as a list shows it,
 * agency names from the catalog, and the filter choices a person may use (only its own agencies).
 */
export function caseSummaryOf(found: StoredCase, agencyNames: ReadonlyMap<string, string>): CaseSummaryView {
  return {
    caseId: found.caseId,
    type: found.type,
    statusLabel: CASE_STATUS_LABELS[found.status],
    open: isOnQueue(found.status),
    agencyName: found.agencyCode === null ? null : (agencyNames.get(found.agencyCode) ?? found.agencyCode),
    paymentId: found.paymentId,
    dossierId: found.dossierId,
    expectedAmount: found.expectedAmount,
    providerAmount: found.providerAmount,
    openedAt: found.openedAt,
  };
}

export async function agencyNamesOf(catalog: Pick<CatalogReader, 'listAgencies'>): Promise<Map<string, string>> {
  return new Map((await catalog.listAgencies()).map((agency) => [agency.code, agency.name]));
}

/** The agencies a person may filter by: every agency of the catalog, or its own. */
export function agencyChoicesFor(principal: Principal, agencyNames: ReadonlyMap<string, string>): Choice[] {
  const scope = caseScope(principal);
  const codes = scope === 'ALL' ? [...agencyNames.keys()] : scope;
  return codes.map((code) => ({ value: code, label: agencyNames.get(code) ?? code })).sort((a, b) => a.label.localeCompare(b.label, 'vi'));
}

export const CASE_TYPE_CHOICES: readonly Choice[] = optionsOf(CASE_TYPE_LABELS);
export const CASE_STATUS_CHOICES: readonly Choice[] = optionsOf(CASE_STATUS_LABELS);

/** A filter value from the query: one of the known codes, or nothing (an unknown one is ignored, not an error page). */
export function caseTypeFilter(value: string | undefined): CaseType | undefined {
  return value && (CASE_TYPES as readonly string[]).includes(value) ? (value as CaseType) : undefined;
}

export function caseStatusFilter(value: string | undefined): CaseStatus | undefined {
  return value && (CASE_STATUSES as readonly string[]).includes(value) ? (value as CaseStatus) : undefined;
}

/** The filter query of the queue and of a run's cases, as the pages read it. */
export interface CaseListQuery {
  readonly type?: string | undefined;
  readonly status?: string | undefined;
  readonly agency?: string | undefined;
  readonly cursor?: string | undefined;
}

const CASES_PER_PAGE = 25;

/**
 * One page of cases for the queue or a run, through listCases (the same rules as GET /v1/cases): the
 * filters as the form shows them again, the cases as lists show them, and the next page's query.
 * Unknown filter values are ignored; a stale cursor and a forbidden agency are Vietnamese pages.
 */
export async function caseListPage(
  query: CaseListQuery,
  scope: { readonly runId?: string; readonly defaultStatus?: CaseStatus },
  principal: Principal,
  deps: Pick<Dependencies, 'cases' | 'reconciliations' | 'catalog'>,
): Promise<{ filters: CaseFilterValues; filterChoices: CaseFilterChoices; cases: CaseSummaryView[]; nextPageQuery?: string }> {
  const type = caseTypeFilter(query.type);
  const status = caseStatusFilter(query.status) ?? scope.defaultStatus;
  const agency = query.agency || undefined;
  const agencyNames = await agencyNamesOf(deps.catalog);
  const listed = await listCases(
    { ...(scope.runId ? { runId: scope.runId } : {}), ...(type ? { type } : {}), ...(status ? { status } : {}), ...(agency ? { agency } : {}), ...(query.cursor ? { cursor: query.cursor } : {}), limit: CASES_PER_PAGE },
    principal,
    deps,
  ).catch((error: unknown) => {
    if (error instanceof CaseCursorError || error instanceof CursorError) throw new StaffPageError(400, 'Liên kết trang này đã cũ. Hãy mở lại danh sách từ đầu.');
    throw error;
  });
  if (listed.kind !== 'LISTED') throw new StaffPageError(listed.kind === 'FORBIDDEN' ? 403 : 404);
  const filters = { type: type ?? '', status: status ?? '', agency: agency ?? '' };
  const nextPageQuery = listed.nextCursor
    ? new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value)), cursor: listed.nextCursor }).toString()
    : undefined;
  return {
    filters,
    filterChoices: { typeChoices: CASE_TYPE_CHOICES, statusChoices: CASE_STATUS_CHOICES, agencyChoices: agencyChoicesFor(principal, agencyNames) },
    cases: listed.items.map((found) => caseSummaryOf(found, agencyNames)),
    ...(nextPageQuery ? { nextPageQuery } : {}),
  };
}
