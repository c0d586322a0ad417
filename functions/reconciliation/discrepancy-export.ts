import {
  AMOUNT_COLUMN_INDEXES,
  EXPORT_HEADERS,
  exportRowOf,
  neutraliseFormula,
  renderDiscrepancyCsv,
} from '../../domain/reconciliation-runs/discrepancy-export-rows';
import type { ReconciliationRun, StoredDiscrepancy } from '../../domain/reconciliation-runs/reconciliation-run';
import { writeXlsxSheet, type XlsxColumn } from './xlsx-writer';

/**
 * A run's discrepancies as a file finance opens in Excel: CSV (UTF-8 with BOM) or XLSX.
 * Both come from the same cells (discrepancy-export-rows.ts): Vietnamese headers, amounts as numbers,
 * text neutralised against formula injection. In the XLSX, text cells are written as strings (never
 * formulas), amounts get a thousands format, and the header row is frozen with a filter on it.
 */
export type ExportFormat = 'csv' | 'xlsx';

export interface RenderedExport {
  readonly body: Buffer;
  readonly contentType: string;
  readonly fileName: string;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHEET_NAME = 'Chênh lệch';

const XLSX_COLUMNS: readonly XlsxColumn[] = EXPORT_HEADERS.map((header, i) => ({
  header,
  width: Math.min(40, Math.max(12, header.length + 2)),
  ...(AMOUNT_COLUMN_INDEXES.includes(i) ? { numberFormat: '#,##0' } : {}),
}));

export async function renderDiscrepancyExport(run: ReconciliationRun, discrepancies: readonly StoredDiscrepancy[], format: ExportFormat): Promise<RenderedExport> {
  const rows = discrepancies.map(exportRowOf);
  const baseName = `doi-soat-${run.provider}-${run.businessDate}-${run.runId}`;
  if (format === 'csv') {
    return { body: Buffer.from(renderDiscrepancyCsv(rows), 'utf8'), contentType: 'text/csv; charset=utf-8', fileName: `${baseName}.csv` };
  }
  const body = writeXlsxSheet({
    name: SHEET_NAME,
    columns: XLSX_COLUMNS,
    rows,
    title: neutraliseFormula(`Đối soát ${run.provider} ngày ${run.businessDate}`),
    creator: 'fee-payments',
  });
  return { body, contentType: XLSX_TYPE, fileName: `${baseName}.xlsx` };
}
