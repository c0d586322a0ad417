// Proves the XLSX export opens with exceljs with the same cells as the CSV: Vietnamese headers, numeric amount cells with a thousands format, neutralised text stored as text, a frozen and filtered header, and a full-size export within the response limit.
import ExcelJS from 'exceljs';
import { EXPORT_HEADERS } from '../../../domain/reconciliation-runs/discrepancy-export-rows';
import type { ReconciliationRun, StoredDiscrepancy } from '../../../domain/reconciliation-runs/reconciliation-run';
import { renderDiscrepancyExport } from '../../../functions/reconciliation/discrepancy-export';
import { aStoredDiscrepancy } from './builders';

const run = { runId: 'rec_0000000000AAAAAAAAAAA', provider: 'mock-bank', businessDate: '2026-03-10' } as ReconciliationRun;

/** The handler's limits (export-discrepancies.handler.ts): rows fetched, and bytes a Lambda response may carry. */
const MAX_EXPORT_ROWS = 20_000;
const MAX_EXPORT_BYTES = 4 * 1024 * 1024;

async function openXlsx(body: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0]!;
}

const cellOf = (sheet: ExcelJS.Worksheet, row: number, header: string) => sheet.getRow(row).getCell(EXPORT_HEADERS.indexOf(header) + 1);

describe('renderDiscrepancyExport', () => {
  it('writes an XLSX whose cells are typed: numbers for amounts, strings for neutralised text', async () => {
    const file = await renderDiscrepancyExport(run, [aStoredDiscrepancy({ providerTxnId: '=1+2' }), aStoredDiscrepancy({ order: 1, internalAmount: null })], 'xlsx');
    expect(file.fileName).toBe('doi-soat-mock-bank-2026-03-10-rec_0000000000AAAAAAAAAAA.xlsx');
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const sheet = await openXlsx(file.body);
    expect(sheet.name).toBe('Chênh lệch');
    expect(sheet.rowCount).toBe(3);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...EXPORT_HEADERS]);
    const amount = cellOf(sheet, 2, 'Số tiền nhà cung cấp (VND)');
    expect(amount.value).toBe(15_000);
    expect(amount.type).toBe(ExcelJS.ValueType.Number);
    expect(amount.numFmt).toBe('#,##0');
    const line = cellOf(sheet, 2, 'Dòng trong file');
    expect(line.value).toBe(5);
    expect(line.type).toBe(ExcelJS.ValueType.Number);
    const txn = cellOf(sheet, 2, 'Mã giao dịch nhà cung cấp');
    expect(txn.value).toBe("'=1+2");
    expect(txn.type).toBe(ExcelJS.ValueType.String);
    expect(cellOf(sheet, 2, 'Thời điểm thanh toán (nhà cung cấp)').value).toBe('2026-03-10T12:01:00+07:00');
    expect(cellOf(sheet, 3, 'Số tiền trên hệ thống (VND)').type).toBe(ExcelJS.ValueType.Null);
  });

  it('keeps the header bold, frozen and filtered, with columns wide enough for it', async () => {
    const sheet = await openXlsx((await renderDiscrepancyExport(run, [aStoredDiscrepancy()], 'xlsx')).body);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(1).font?.bold).toBeFalsy();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:V1');
    expect(EXPORT_HEADERS).toHaveLength(22); // V is the 22nd column
    expect(sheet.columns.map((column) => column.width)).toEqual(EXPORT_HEADERS.map((header) => Math.min(40, Math.max(12, header.length + 2))));
  });

  it('keeps typed text as typed: line breaks, markup characters, Vietnamese, and a formula neutralised in a note', async () => {
    const note = '=HYPERLINK("http://evil.example","bấm vào")\r\n<b>&amp;</b> tiếp';
    const file = await renderDiscrepancyExport(run, [aStoredDiscrepancy({ resolution: { action: 'NOTE', note, by: 'ke.toan@so-tc', at: '2026-03-11T08:00:00.000Z' } })], 'xlsx');
    const sheet = await openXlsx(file.body);
    const cell = cellOf(sheet, 2, 'Ghi chú');
    expect(cell.value).toBe(`'${note}`);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cellOf(sheet, 2, 'Cách xử lý').value).toBe('NOTE');
    expect(cellOf(sheet, 2, 'Người xử lý').value).toBe('ke.toan@so-tc');
  });

  it(`writes ${MAX_EXPORT_ROWS} discrepancies (the most the handler fetches) within the response limit, every row readable`, async () => {
    const many: StoredDiscrepancy[] = Array.from({ length: MAX_EXPORT_ROWS }, (_, i) =>
      aStoredDiscrepancy({
        order: i,
        discrepancyId: `dsc_${String(i).padStart(20, '0')}`,
        providerTxnId: `MB${String(i).padStart(12, '0')}`,
        paymentId: `pay_${String(i).padStart(21, '0')}`,
        internalPaidAt: '2026-03-10T12:00:00+07:00',
        providerAmount: 15_000 + i,
        resolution: { action: 'NOTE', note: `Đã gọi ngân hàng, chờ xác nhận lần ${i}`, by: 'ke.toan@so-tc', at: '2026-03-11T08:00:00.000Z' },
      }),
    );
    const file = await renderDiscrepancyExport(run, many, 'xlsx');
    expect(file.body.length).toBeLessThan(MAX_EXPORT_BYTES / 2);
    const sheet = await openXlsx(file.body);
    expect(sheet.rowCount).toBe(MAX_EXPORT_ROWS + 1);
    const last = MAX_EXPORT_ROWS + 1;
    expect(cellOf(sheet, last, 'Mã chênh lệch').value).toBe(`dsc_${String(MAX_EXPORT_ROWS - 1).padStart(20, '0')}`);
    expect(cellOf(sheet, last, 'Số tiền nhà cung cấp (VND)').value).toBe(15_000 + MAX_EXPORT_ROWS - 1);
  });

  it('writes the same rows as CSV', async () => {
    const file = await renderDiscrepancyExport(run, [aStoredDiscrepancy()], 'csv');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.fileName).toBe('doi-soat-mock-bank-2026-03-10-rec_0000000000AAAAAAAAAAA.csv');
    expect(file.body.toString('utf8').split('\r\n')).toHaveLength(3);
  });
});
