// Proves the XLSX export opens with exceljs with the same cells as the CSV: Vietnamese headers, numeric amount cells with a thousands format, and neutralised text stored as text.
import ExcelJS from 'exceljs';
import type { ReconciliationRun } from '../../../domain/reconciliation-runs/reconciliation-run';
import { renderDiscrepancyExport } from '../../../functions/reconciliation/discrepancy-export';
import { aStoredDiscrepancy } from './builders';

const run = { runId: 'rec_0000000000AAAAAAAAAAA', provider: 'mock-bank', businessDate: '2026-03-10' } as ReconciliationRun;

describe('renderDiscrepancyExport', () => {
  it('writes an XLSX whose cells are typed: numbers for amounts, strings for neutralised text', async () => {
    const file = await renderDiscrepancyExport(run, [aStoredDiscrepancy({ providerTxnId: '=1+2' }), aStoredDiscrepancy({ order: 1, internalAmount: null })], 'xlsx');
    expect(file.fileName).toBe('doi-soat-mock-bank-2026-03-10-rec_0000000000AAAAAAAAAAA.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Chênh lệch');
    expect(sheet.rowCount).toBe(3);
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const amount = sheet.getRow(2).getCell(header.indexOf('Số tiền nhà cung cấp (VND)') + 1);
    expect(amount.value).toBe(15_000);
    expect(amount.type).toBe(ExcelJS.ValueType.Number);
    expect(amount.numFmt).toBe('#,##0');
    const txn = sheet.getRow(2).getCell(header.indexOf('Mã giao dịch nhà cung cấp') + 1);
    expect(txn.value).toBe("'=1+2");
    expect(txn.type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(3).getCell(header.indexOf('Số tiền trên hệ thống (VND)') + 1).type).toBe(ExcelJS.ValueType.Null);
  });

  it('writes the same rows as CSV', async () => {
    const file = await renderDiscrepancyExport(run, [aStoredDiscrepancy()], 'csv');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.body.toString('utf8').split('\r\n')).toHaveLength(3);
  });
});
