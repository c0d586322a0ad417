import ExcelJS from 'exceljs';
import {
  AMOUNT_COLUMN_INDEXES,
  EXPORT_HEADERS,
  exportRowOf,
  neutraliseFormula,
  renderDiscrepancyCsv,
  type ExportCell,
} from '../../domain/reconciliation-runs/discrepancy-export-rows';
import type { ReconciliationRun, StoredDiscrepancy } from '../../domain/reconciliation-runs/reconciliation-run';

/**
 * A run's discrepancies as a file finance opens in Excel: CSV (UTF-8 with BOM) or XLSX (exceljs).
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

export async function renderDiscrepancyExport(run: ReconciliationRun, discrepancies: readonly StoredDiscrepancy[], format: ExportFormat): Promise<RenderedExport> {
  const rows = discrepancies.map(exportRowOf);
  const baseName = `doi-soat-${run.provider}-${run.businessDate}-${run.runId}`;
  if (format === 'csv') {
    return { body: Buffer.from(renderDiscrepancyCsv(rows), 'utf8'), contentType: 'text/csv; charset=utf-8', fileName: `${baseName}.csv` };
  }
  return { body: await renderXlsx(run, rows), contentType: XLSX_TYPE, fileName: `${baseName}.xlsx` };
}

async function renderXlsx(run: ReconciliationRun, rows: readonly ExportCell[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'fee-payments';
  workbook.title = neutraliseFormula(`Đối soát ${run.provider} ngày ${run.businessDate}`);
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...EXPORT_HEADERS]).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((cell) => cell ?? null));
  for (const index of AMOUNT_COLUMN_INDEXES) sheet.getColumn(index + 1).numFmt = '#,##0';
  EXPORT_HEADERS.forEach((header, i) => (sheet.getColumn(i + 1).width = Math.min(40, Math.max(12, header.length + 2))));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_HEADERS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
