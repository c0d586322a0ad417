// Proves the receipt's pure rules: seven-digit numbers, the numbering year in Vietnam time, the series chosen per agency from data with a default, refunds that adjust or cancel, the Vietnamese formats and the choice of JSON, page or PDF.
import document from '../../../data/receipt-series.json';
import { applyRefund } from '../../../domain/receipts/receipt-refund';
import { formatReceiptNo, receiptYearOf, type Receipt } from '../../../domain/receipts/receipt';
import { parseReceiptSeriesConfig, ReceiptSeriesConfigError, seriesFor } from '../../../domain/receipts/receipt-series';
import { negotiateReceiptFormat } from '../../../functions/receipts/receipt-format';
import { receiptPage } from '../../../functions/receipts/receipt-html';
import { formatAmount, formatVietnamDateTime } from '../../../functions/receipts/receipt-text';

const receipt: Receipt = {
  receiptNo: '0000042',
  templateCode: '01BLP0-001',
  series: 'TP-26E',
  issuedAt: '2026-06-02T09:05:00+07:00',
  collector: { name: 'Sở Tư pháp', taxCode: '3600251418' },
  payer: { name: 'Nguyễn Văn A' },
  paymentId: 'pay_x',
  agencyCode: 'STP',
  dossierId: 'HS-1',
  procedureCode: 'LLTP-CAP',
  lines: [{ feeCode: 'P-LLTP', name: 'Phí cung cấp thông tin lý lịch tư pháp', kind: 'PHI', amount: 52_000 }],
  amount: 52_000,
  amountInWords: 'Năm mươi hai nghìn đồng',
  status: 'ISSUED',
};

describe('receipt numbers and years', () => {
  it('writes seven digits from 0000001 and refuses what does not fit', () => {
    expect([formatReceiptNo(1), formatReceiptNo(500), formatReceiptNo(9_999_999)]).toEqual(['0000001', '0000500', '9999999']);
    expect(() => formatReceiptNo(0)).toThrow(RangeError);
    expect(() => formatReceiptNo(10_000_000)).toThrow(RangeError);
  });

  it('takes the calendar year in Vietnam (UTC+7)', () => {
    expect(receiptYearOf('2026-12-31T16:59:59Z')).toBe(2026);
    expect(receiptYearOf('2026-12-31T17:00:00Z')).toBe(2027);
  });
});

describe('receipt series per agency', () => {
  const config = parseReceiptSeriesConfig(document);

  it('uses the agency entry, the year in the series, and the catalog agency as the collector when the catalog has one', () => {
    expect(seriesFor(config, 'STP', 2026, { name: 'Sở Tư pháp', taxCode: '3600100101' })).toEqual({ templateCode: '01BLP0-001', series: 'TP-26E', collector: { name: 'Sở Tư pháp', taxCode: '3600100101' } });
    expect(seriesFor(config, 'STP', 2026, { name: 'Sở Tư pháp' }).collector).toEqual({ name: 'Sở Tư pháp', taxCode: '3600251418' });
    expect(seriesFor(config, 'STP', 2027).series).toBe('TP-27E');
    expect(seriesFor(config, 'STP', 2027).collector.name).toBe('Sở Tư pháp tỉnh Đồng Nai');
  });

  it('falls back to the default for an agency without an entry (a new commune)', () => {
    expect(seriesFor(config, 'XA-MOI', 2026, { name: 'UBND xã Mới' })).toEqual({ templateCode: '01BLP0-001', series: 'DN-26E', collector: { name: 'UBND xã Mới', taxCode: '3600000000' } });
  });

  it('refuses a bad edit of the data file, naming the field', () => {
    expect(() => parseReceiptSeriesConfig({ ...document, agencies: { STP: { seriesPrefix: 'tp' } } })).toThrow(/agencies\.STP\.seriesPrefix/);
    expect(() => parseReceiptSeriesConfig({ agencies: {} })).toThrow(ReceiptSeriesConfigError);
  });
});

describe('refunds', () => {
  it('adjusts on a partial refund and cancels when everything is refunded, adding refunds up', () => {
    const partial = applyRefund(receipt, 12_000, '2026-06-03T10:00:00+07:00');
    expect(partial).toEqual({
      kind: 'APPLIED',
      receipt: { ...receipt, status: 'ADJUSTED', adjustment: { refundedAmount: 12_000, adjustedAmount: 40_000, adjustedAmountInWords: 'Bốn mươi nghìn đồng', at: '2026-06-03T10:00:00+07:00' } },
    });
    const rest = partial.kind === 'APPLIED' ? applyRefund(partial.receipt, 40_000, '2026-06-04T10:00:00+07:00') : partial;
    expect(rest).toMatchObject({ kind: 'APPLIED', receipt: { status: 'CANCELLED', receiptNo: '0000042', amount: 52_000, adjustment: { refundedAmount: 52_000, adjustedAmount: 0, adjustedAmountInWords: 'Không đồng' } } });
    if (rest.kind === 'APPLIED') expect(applyRefund(rest.receipt, 1, 'x')).toEqual({ kind: 'ALREADY_CANCELLED' });
  });

  it('refuses a refund of nothing, of a fraction, or of more than the receipt holds', () => {
    for (const amount of [0, -5, 1.5, 52_001]) expect([amount, applyRefund(receipt, amount, 'x').kind]).toEqual([amount, 'INVALID_AMOUNT']);
  });
});

describe('the receipt page and formats', () => {
  it('shows amounts with Vietnamese separators and dates as dd/mm/yyyy in UTC+7', () => {
    expect([formatAmount(0), formatAmount(52_000), formatAmount(1_234_567_890)]).toEqual(['0', '52.000', '1.234.567.890']);
    expect(formatVietnamDateTime('2026-12-31T17:30:00Z')).toBe('01/01/2027 00:30');
  });

  it('escapes every value from the receipt', () => {
    const page = receiptPage({ ...receipt, payer: { name: '<img src=x onerror=alert(1)>"' }, lines: [{ ...receipt.lines[0]!, name: 'Phí & "lệ phí"' }] }, { pdfUrl: 'https://x/receipts/t.pdf?a=1&b=2' });
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;');
    expect(page).toContain('Phí &amp; &quot;lệ phí&quot;');
    expect(page).toContain('href="https://x/receipts/t.pdf?a=1&amp;b=2"');
    expect(page).not.toContain('<img');
  });

  it('says on the page when a refund adjusted or cancelled the receipt', () => {
    const cancelled = applyRefund(receipt, 52_000, '2026-06-03T10:00:00+07:00');
    expect(cancelled.kind === 'APPLIED' && receiptPage(cancelled.receipt)).toContain('BIÊN LAI ĐÃ BỊ HỦY');
  });

  it.each([
    [undefined, undefined, 'json'],
    ['*/*', undefined, 'json'],
    ['text/html,application/xhtml+xml,*/*;q=0.8', undefined, 'html'],
    ['application/pdf', undefined, 'pdf'],
    ['application/json;q=0.5, application/pdf', undefined, 'pdf'],
    ['text/html', 'pdf', 'pdf'],
  ] as const)('answers Accept %s with format %s as %s', (accept, format, expected) => {
    expect(negotiateReceiptFormat(accept, format, 'json')).toBe(expected);
  });
});
