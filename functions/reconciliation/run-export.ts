import type { DiscrepancyType } from '../../domain/reconciliation';
import type { DiscrepancyStatus, ReconciliationRun, StoredDiscrepancy } from '../../domain/reconciliation-runs/reconciliation-run';
import type { Dependencies } from '../composition';
import type { Principal } from '../http/principal';
import { renderDiscrepancyExport, type ExportFormat, type RenderedExport } from './discrepancy-export';
import { agencyScope } from './reconciliation-access';

/**
 * A run's findings the principal may see, as a file: the use case behind both the API's export
 * (GET /v1/reconciliations/{runId}/export) and the staff page's (/staff/runs/{runId}/export.xlsx).
 */
/** A Lambda response carries at most 6 MB, base64 included; beyond these, filter by type or status. */
export const MAX_EXPORT_ROWS = 20_000;
export const MAX_EXPORT_BYTES = 4 * 1024 * 1024;
const PAGE_SIZE = 100;

export type RunExportOutcome = { readonly kind: 'EXPORTED'; readonly file: RenderedExport } | { readonly kind: 'TOO_LARGE'; readonly what: string };

export async function exportRun(
  run: ReconciliationRun,
  request: { readonly format: ExportFormat; readonly type?: DiscrepancyType | undefined; readonly status?: DiscrepancyStatus | undefined; readonly principal: Principal },
  deps: Pick<Dependencies, 'reconciliations' | 'catalog'>,
): Promise<RunExportOutcome> {
  const discrepancies: StoredDiscrepancy[] = [];
  let cursor: string | null = null;
  do {
    const page = await deps.reconciliations.listDiscrepancies(run.runId, {
      ...(request.type ? { type: request.type } : {}),
      ...(request.status ? { status: request.status } : {}),
      agencies: agencyScope(request.principal),
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    });
    discrepancies.push(...page.items);
    if (discrepancies.length > MAX_EXPORT_ROWS) return { kind: 'TOO_LARGE', what: `more than ${MAX_EXPORT_ROWS} discrepancies` };
    cursor = page.nextCursor;
  } while (cursor);
  const agencyNames = new Map((await deps.catalog.listAgencies()).map((agency) => [agency.code, agency.name]));
  const file = await renderDiscrepancyExport(run, discrepancies, request.format, (code) => agencyNames.get(code));
  if (file.body.length > MAX_EXPORT_BYTES) return { kind: 'TOO_LARGE', what: `more than ${MAX_EXPORT_BYTES} bytes` };
  return { kind: 'EXPORTED', file };
}
