// Proves the run's export opens in Excel in Vietnamese: labels instead of codes, agency names, Có/Không, times in UTC+7 (dd/mm/yyyy HH:mm text in the CSV, real dates in the XLSX), amounts as numbers, formula-like text kept as neutralised text in both files, and a full-size XLSX within the response limit, read back with exceljs.
import ExcelJS from 'exceljs';
import type { ReconciliationRun, StoredDiscrepancy } from '../../../domain/reconciliation-runs/reconciliation-run';
import { renderDiscrepancyExport, XLSX_AMOUNT_FORMAT, XLSX_DATE_FORMAT } from '../../../functions/reconciliation/discrepancy-export';
import { EXPORT_HEADERS, exportRowOf } from '../../../functions/reconciliation/discrepancy-export-rows';
import { aStoredDiscrepancy } from './builders';

const run = { runId: 'rec_0000000000AAAAAAAAAAA', provider: 'mock-bank', businessDate: '2026-03-10' } as ReconciliationRun;
const names = (code: string) => ({ TANPHONG: 'UBND phường Tân Phong' })[code];

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

/** The CSV's lines as cells (the test rows hold no quoted commas). */
async function csvOf(discrepancies: StoredDiscrepancy[]): Promise<string[][]> {
  const text = (await renderDiscrepancyExport(run, discrepancies, 'csv', names)).body.toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text.slice(1).trimEnd().split('\r\n').map((line) => line.split(','));
}

const resolved = aStoredDiscrepancy({
  status: 'RESOLVED',
  internalPaidAt: '2026-03-10T16:59:30.000Z',
  resolution: { action: 'ACCEPT_PROVIDER', note: 'Ngân hàng xác nhận', by: 'ke.toan@so-tc', at: '2026-03-11T01:05:00.000Z' },
  autoApplied: true,
});

describe('discrepancy export rows', () => {
  it('puts Vietnamese labels, the agency name and Có/Không where codes and booleans were', () => {
    const row = exportRowOf(resolved, names);
    const cell = (header: string) => row[EXPORT_HEADERS.indexOf(header)];
    expect(cell('Loại chênh lệch')).toBe('Lệch số tiền');
    expect(cell('Lý do')).toBe('Số tiền nhà cung cấp thu khác số tiền phải nộp');
    expect(cell('Trạng thái xử lý')).toBe('Đã xử lý');
    expect(cell('Mã cơ quan')).toBe('TANPHONG');
    expect(cell('Tên cơ quan')).toBe('UBND phường Tân Phong');
    expect(cell('Trạng thái trên hệ thống')).toBe('Đang chờ thanh toán');
    expect(cell('Trạng thái nhà cung cấp')).toBe('Thành công');
    expect(cell('Tự động ghi nhận thành công')).toBe('Có');
    expect(cell('Đã ghi nhận hoàn trả')).toBe('Không');
    expect(cell('Cách xử lý')).toBe('Chấp nhận số liệu của nhà cung cấp');
    expect(cell('Thời điểm xử lý')).toEqual(new Date('2026-03-11T01:05:00.000Z'));
    const codes = row.filter((value): value is string => typeof value === 'string' && /^[A-Z_]{4,}$/.test(value) && value !== 'TANPHONG');
    expect(codes).toEqual([]);
  });

  it('names the case the finding belongs to and takes its status and decision from it', () => {
    const refund = aStoredDiscrepancy({
      caseId: 'cas_AAAAAAAAAAAAAAAAAAAA',
      status: 'RESOLVED',
      caseStatus: 'REFUND_DUE',
      resolution: { action: 'REFUND', note: 'Công dân nộp thừa', by: 'ke.toan@so-tc', at: '2026-03-11T01:05:00.000Z' },
    });
    const row = exportRowOf(refund, names);
    expect(row[EXPORT_HEADERS.indexOf('Mã việc cần xử lý')]).toBe('cas_AAAAAAAAAAAAAAAAAAAA');
    expect(row[EXPORT_HEADERS.indexOf('Trạng thái xử lý')]).toBe('Chờ hoàn tiền');
    expect(row[EXPORT_HEADERS.indexOf('Cách xử lý')]).toBe('Hoàn tiền cho người nộp');
    expect(exportRowOf(aStoredDiscrepancy(), names)[EXPORT_HEADERS.indexOf('Trạng thái xử lý')]).toBe('Chưa xử lý');
  });

  it('leaves unknown sides empty and names an agency the catalog lacks by its code', () => {
    const row = exportRowOf(aStoredDiscrepancy({ internalAmount: null, internalStatus: null, agencyCode: 'MOI', type: 'UNKNOWN_REFERENCE', reason: 'PAYMENT_NOT_ISSUED' }), names);
    expect(row[EXPORT_HEADERS.indexOf('Số tiền trên hệ thống (VND)')]).toBeNull();
    expect(row[EXPORT_HEADERS.indexOf('Trạng thái trên hệ thống')]).toBeNull();
    expect(row[EXPORT_HEADERS.indexOf('Tên cơ quan')]).toBe('MOI');
    expect(row[EXPORT_HEADERS.indexOf('Loại chênh lệch')]).toBe('Mã thanh toán không do hệ thống phát hành');
  });
});

describe('renderDiscrepancyExport as CSV', () => {
  it('writes a byte order mark, Vietnamese headers, and times as dd/mm/yyyy HH:mm in UTC+7', async () => {
    const [header, row] = await csvOf([resolved]);
    expect(header).toEqual([...EXPORT_HEADERS]);
    const cell = (name: string) => row![EXPORT_HEADERS.indexOf(name)];
    expect(cell('Thời điểm thanh toán (hệ thống)')).toBe('10/03/2026 23:59');
    expect(cell('Thời điểm thanh toán (nhà cung cấp)')).toBe('10/03/2026 12:01');
    expect(cell('Thời điểm xử lý')).toBe('11/03/2026 08:05');
    expect(cell('Số tiền nhà cung cấp (VND)')).toBe('15000');
    expect(cell('Loại chênh lệch')).toBe('Lệch số tiền');
  });

  it('neutralises a provider id that would run as a formula', async () => {
    const [, row] = await csvOf([aStoredDiscrepancy({ providerTxnId: '=1+2' })]);
    expect(row![EXPORT_HEADERS.indexOf('Mã giao dịch nhà cung cấp')]).toBe("'=1+2");
  });

  it('names the file after the provider, the day and the run', async () => {
    const file = await renderDiscrepancyExport(run, [], 'csv', names);
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.fileName).toBe('doi-soat-mock-bank-2026-03-10-rec_0000000000AAAAAAAAAAA.csv');
  });
});

describe('renderDiscrepancyExport as XLSX', () => {
  it('writes typed cells: numbers for amounts, real dates in UTC+7, neutralised text as text', async () => {
    const file = await renderDiscrepancyExport(run, [{ ...resolved, providerTxnId: '=1+2' }, aStoredDiscrepancy({ order: 1, internalAmount: null })], 'xlsx', names);
    expect(file.fileName).toBe('doi-soat-mock-bank-2026-03-10-rec_0000000000AAAAAAAAAAA.xlsx');
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const sheet = await openXlsx(file.body);
    expect(sheet.name).toBe('Chênh lệch');
    expect(sheet.rowCount).toBe(3);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...EXPORT_HEADERS]);
    const amount = cellOf(sheet, 2, 'Số tiền nhà cung cấp (VND)');
    expect([amount.value, amount.type, amount.numFmt]).toEqual([15_000, ExcelJS.ValueType.Number, XLSX_AMOUNT_FORMAT]);
    const line = cellOf(sheet, 2, 'Dòng trong file');
    expect([line.value, line.type]).toEqual([5, ExcelJS.ValueType.Number]);
    const txn = cellOf(sheet, 2, 'Mã giao dịch nhà cung cấp');
    expect([txn.value, txn.type]).toEqual(["'=1+2", ExcelJS.ValueType.String]);
    // Excel dates carry no zone: the cell holds the wall-clock time in UTC+7 (23:59:30 on 10 March).
    const paidAt = cellOf(sheet, 2, 'Thời điểm thanh toán (hệ thống)');
    expect([paidAt.type, paidAt.numFmt]).toEqual([ExcelJS.ValueType.Date, XLSX_DATE_FORMAT]);
    expect(paidAt.value).toEqual(new Date('2026-03-10T23:59:30.000Z'));
    expect(cellOf(sheet, 2, 'Thời điểm xử lý').value).toEqual(new Date('2026-03-11T08:05:00.000Z'));
    expect(cellOf(sheet, 2, 'Loại chênh lệch').value).toBe('Lệch số tiền');
    expect(cellOf(sheet, 2, 'Tên cơ quan').value).toBe('UBND phường Tân Phong');
    expect(cellOf(sheet, 2, 'Tự động ghi nhận thành công').value).toBe('Có');
    expect(cellOf(sheet, 3, 'Số tiền trên hệ thống (VND)').type).toBe(ExcelJS.ValueType.Null);
  });

  it('keeps the header bold and frozen', async () => {
    const sheet = await openXlsx((await renderDiscrepancyExport(run, [aStoredDiscrepancy()], 'xlsx', names)).body);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(1).font?.bold).toBeFalsy();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('keeps typed text as typed: line breaks, markup characters, Excel escapes, Vietnamese, and a formula neutralised in a note', async () => {
    const note = '=HYPERLINK("http://evil.example","bấm vào")\r\n<b>&amp;</b> _x0041_ tiếp\u0001';
    const file = await renderDiscrepancyExport(run, [aStoredDiscrepancy({ resolution: { action: 'NOTE', note, by: 'ke.toan@so-tc', at: '2026-03-11T08:00:00.000Z' } })], 'xlsx', names);
    const sheet = await openXlsx(file.body);
    const cell = cellOf(sheet, 2, 'Ghi chú');
    expect(cell.value).toBe(`'=HYPERLINK("http://evil.example","bấm vào")\n<b>&amp;</b> _x0041_ tiếp`);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cellOf(sheet, 2, 'Cách xử lý').value).toBe('Ghi chú');
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
    const file = await renderDiscrepancyExport(run, many, 'xlsx', names);
    expect(file.body.length).toBeLessThan(MAX_EXPORT_BYTES / 2);
    const sheet = await openXlsx(file.body);
    expect(sheet.rowCount).toBe(MAX_EXPORT_ROWS + 1);
    const last = MAX_EXPORT_ROWS + 1;
    expect(cellOf(sheet, last, 'Mã chênh lệch').value).toBe(`dsc_${String(MAX_EXPORT_ROWS - 1).padStart(20, '0')}`);
    expect(cellOf(sheet, last, 'Số tiền nhà cung cấp (VND)').value).toBe(15_000 + MAX_EXPORT_ROWS - 1);
  });
});
