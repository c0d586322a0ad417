import type { CaseType } from '../../domain/cases/case';
import { CASE_STATUSES, isOnQueue, type CaseStatus } from '../../domain/cases/case-state-machine';
import type { Dependencies } from '../composition';
import type { Principal } from '../http/principal';
import { canSeeCase, caseScope } from './case-access';
import type { StoredCase } from './case-repository';

/**
 * The case queue: cases in one status (without one, those still on the queue: OPEN, then REFUND_DUE), oldest first, optionally of one type or one
 * agency, or the cases a reconciliation run found (in the run's order). Only cases the principal may
 * see are listed, never counted otherwise. Follow nextCursor until it is null.
 */
export interface CaseFilters {
  readonly status?: CaseStatus;
  readonly type?: CaseType;
  readonly agency?: string;
  readonly runId?: string;
  readonly cursor?: string;
  /** 1–100; 50 when not given. */
  readonly limit?: number;
}

export type ListCasesOutcome =
  | { readonly kind: 'LISTED'; readonly items: readonly StoredCase[]; readonly nextCursor: string | null }
  /** An agency the principal may not see was asked for. */
  | { readonly kind: 'FORBIDDEN' }
  /** The run asked for does not exist. */
  | { readonly kind: 'NOT_FOUND' };

const DEFAULT_LIMIT = 50;
/** Without a status asked for: the queue, every case finance still has work on. */
const QUEUE_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter(isOnQueue);

/** Throws CaseCursorError or CursorError (reconciliation) for a cursor the listing did not give. */
export async function listCases(filters: CaseFilters, principal: Principal, deps: Pick<Dependencies, 'cases' | 'reconciliations'>): Promise<ListCasesOutcome> {
  if (filters.agency !== undefined && !canSeeCase(principal, { agencyCode: filters.agency })) return { kind: 'FORBIDDEN' };
  const agencies = filters.agency !== undefined ? [filters.agency] : caseScope(principal);
  const limit = filters.limit ?? DEFAULT_LIMIT;
  const wanted = (found: StoredCase) => (filters.status === undefined || found.status === filters.status) && (filters.type === undefined || found.type === filters.type);

  if (filters.runId !== undefined) {
    const run = await deps.reconciliations.getRun(filters.runId);
    if (!run) return { kind: 'NOT_FOUND' };
    const page = await deps.reconciliations.listDiscrepancies(run.runId, { agencies, limit, ...(filters.cursor ? { cursor: filters.cursor } : {}) });
    const caseIds = [...new Set(page.items.flatMap((finding) => (finding.caseId ? [finding.caseId] : [])))];
    const found = await deps.cases.getMany(caseIds);
    const items = caseIds.flatMap((caseId) => {
      const one = found.get(caseId);
      return one && wanted(one) ? [one] : [];
    });
    return { kind: 'LISTED', items, nextCursor: page.nextCursor };
  }

  const page = await deps.cases.list({
    statuses: filters.status ? [filters.status] : QUEUE_STATUSES,
    ...(filters.type ? { type: filters.type } : {}),
    agencies,
    limit,
    ...(filters.cursor ? { cursor: filters.cursor } : {}),
  });
  return { kind: 'LISTED', items: page.items, nextCursor: page.nextCursor };
}
