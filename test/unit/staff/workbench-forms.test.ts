// The workbench's forms read what staff type (dd/mm/yyyy dates, amounts with dots) as the API would,
// and every refusal is a Vietnamese message next to the field it is about.
import { SettlementFileError } from '../../../domain/reconciliation';
import { NOT_UTF8 } from '../../../functions/settlements/settlement-encoding';
import { counterFormValues, counterOutcomeError, parseAmountText, readCounterForm } from '../../../functions/staff/counter-payment-form';
import { formatFormDate, parseVietnamDate, parseVietnamDateTime } from '../../../functions/staff/form-dates';
import { settlementFileErrorMessage } from '../../../functions/staff/settlement-file-messages';

const valid = {
  dossierId: 'HS-2026-001',
  procedureCode: 'ct-bansao',
  agencyCode: 'TRANBIEN',
  amount: '52.000',
  method: 'CASH',
  paidAt: '07/03/2026 09:30',
  receiptNo: 'BL-0001',
  payerName: 'Nguyễn Văn A',
};

describe('form dates', () => {
  it('reads dd/mm/yyyy and dd/mm/yyyy HH:mm in UTC+7', () => {
    expect(parseVietnamDate('07/03/2026')).toBe('2026-03-07');
    expect(parseVietnamDate(' 7/3/2026 ')).toBe('2026-03-07');
    expect(parseVietnamDateTime('07/03/2026 09:30')).toBe('2026-03-07T09:30:00+07:00');
    expect(formatFormDate('2026-03-07')).toBe('07/03/2026');
  });

  it.each(['31/02/2026', '2026-03-07', '07/13/2026', '', 'hôm nay'])('refuses the date %p', (text) => {
    expect(parseVietnamDate(text)).toBeNull();
  });

  it.each(['07/03/2026', '07/03/2026 24:00', '07/03/2026 09:60', '07/03/2026T09:30'])('refuses the moment %p', (text) => {
    expect(parseVietnamDateTime(text)).toBeNull();
  });
});

describe('counter payment form', () => {
  it('reads a valid form into the API request', () => {
    const result = readCounterForm(counterFormValues(new URLSearchParams(valid)));
    expect(result).toEqual({
      ok: true,
      request: {
        dossierId: 'HS-2026-001',
        procedureCode: 'CT-BANSAO',
        agencyCode: 'TRANBIEN',
        amount: 52000,
        method: 'CASH',
        paidAt: '2026-03-07T09:30:00+07:00',
        receiptNo: 'BL-0001',
        payer: { name: 'Nguyễn Văn A' },
      },
    });
  });

  it('names every wrong field, in the order of the form, in Vietnamese', () => {
    const result = readCounterForm(counterFormValues(new URLSearchParams({ ...valid, amount: '52,5', method: 'CHEQUE', paidAt: '2026-03-07T09:30', dossierId: '' })));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.field)).toEqual(['dossierId', 'amount', 'method', 'paidAt']);
    for (const error of result.errors) expect(error.message).toMatch(/^(Nhập|Chọn)/);
  });

  it('refuses amounts that are not whole positive đồng', () => {
    expect(parseAmountText('52 000 ₫')).toBe(52000);
    expect(Number.isNaN(parseAmountText('-5'))).toBe(true);
    expect(Number.isNaN(parseAmountText('1e5'))).toBe(true);
    const zero = readCounterForm(counterFormValues(new URLSearchParams({ ...valid, amount: '0' })));
    expect(zero.ok ? [] : zero.errors.map((error) => error.field)).toEqual(['amount']);
  });

  it('puts the use case refusals next to their fields', () => {
    const values = counterFormValues(new URLSearchParams(valid));
    expect(counterOutcomeError({ kind: 'DUPLICATE_RECEIPT' }, values)).toEqual({ field: 'receiptNo', message: expect.stringContaining('BL-0001') });
    expect(counterOutcomeError({ kind: 'AGENCY_MISMATCH', agencyCode: 'STP' }, values).field).toBe('agencyCode');
    expect(counterOutcomeError({ kind: 'PAID_IN_FUTURE' }, values).field).toBe('paidAt');
    expect(counterOutcomeError({ kind: 'DOSSIER_ALREADY_PAID' }, values).field).toBe('dossierId');
  });
});

describe('settlement file messages', () => {
  it('say the line and what the column must hold, in Vietnamese', () => {
    const message = settlementFileErrorMessage(new SettlementFileError(7, 'amount', '"12a" is not a whole number'));
    expect(message).toMatch(/^Dòng 7: Cột số tiền \(amount\) phải là số nguyên đồng/);
    expect(message).not.toMatch(/is not/);
  });

  it('say how to fix a file that is not UTF-8', () => {
    expect(settlementFileErrorMessage(new SettlementFileError(3, 'payment_id', NOT_UTF8))).toMatch(/^Dòng 3: file không được lưu bằng mã UTF-8/);
  });
});
