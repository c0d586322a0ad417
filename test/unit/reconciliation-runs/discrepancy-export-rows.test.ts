// Proves the export table: Vietnamese headers, amounts and lines as numbers, empty cells for what a side does not know, formula-like text neutralised, and CSV that Excel reads (BOM, CRLF, quoting).
import {
  AMOUNT_COLUMN_INDEXES,
  EXPORT_HEADERS,
  exportRowOf,
  neutraliseFormula,
  renderDiscrepancyCsv,
} from '../../../domain/reconciliation-runs/discrepancy-export-rows';
import { aStoredDiscrepancy } from './builders';

const column = (header: string) => EXPORT_HEADERS.indexOf(header);

describe('discrepancy export rows', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tcmd', '\rcmd'])('neutralises text a spreadsheet would run: %j', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['pay_01', 'Nguyễn Văn A', 'a=b', '1-2']) expect(neutraliseFormula(text)).toBe(text);
  });

  it('writes amounts and the line as numbers and unknown sides as empty cells', () => {
    const row = exportRowOf(aStoredDiscrepancy({ internalAmount: null, type: 'UNKNOWN_REFERENCE', reason: 'PAYMENT_NOT_ISSUED', agencyCode: null }));
    expect(row[column('Dòng trong file')]).toBe(5);
    expect(row[column('Số tiền nhà cung cấp (VND)')]).toBe(15_000);
    expect(row[column('Số tiền trên hệ thống (VND)')]).toBeNull();
    expect(row[column('Mã cơ quan')]).toBeNull();
    expect(row[column('Mô tả')]).toBe('Mã thanh toán không do hệ thống phát hành');
    expect(AMOUNT_COLUMN_INDEXES).toEqual([column('Số tiền trên hệ thống (VND)'), column('Số tiền nhà cung cấp (VND)')]);
  });

  it('neutralises identifiers from the file and notes typed by staff', () => {
    const row = exportRowOf(
      aStoredDiscrepancy({ providerTxnId: '=cmd|" /C calc"!A0', resolution: { action: 'NOTE', note: '@evil', by: 'finance-1', at: '2026-03-11T09:00:00+07:00' } }),
    );
    expect(row[column('Mã giao dịch nhà cung cấp')]).toBe('\'=cmd|" /C calc"!A0');
    expect(row[column('Ghi chú')]).toBe("'@evil");
  });

  it('renders CSV with a byte order mark, CRLF line ends and RFC 4180 quoting', () => {
    const csv = renderDiscrepancyCsv([exportRowOf(aStoredDiscrepancy({ dossierId: 'HS "1", bis' }))]);
    expect(csv.startsWith('\uFEFFMã chênh lệch,Loại,')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[1]).toContain(',"HS ""1"", bis",');
    expect(lines[1]).toContain(',14000,15000,');
  });
});
