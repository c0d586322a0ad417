// The workbench pages render data as escaped Vietnamese markup: explanations for every kind of problem,
// no codes, and forms whose error summary links to the field with the message beside it.
import { CASE_TYPES } from '../../../domain/cases/case';
import { explain } from '../../../functions/staff/case-explanations';
import { caseList } from '../../../functions/staff/case-list-view';
import { boardBody } from '../../../functions/staff/board-view';
import { counterPaymentsBody } from '../../../functions/staff/counter-payments-view';
import { EMPTY_COUNTER_FORM } from '../../../functions/staff/counter-payment-form';

describe('case explanations', () => {
  it('explain every case type in sentences', () => {
    for (const type of CASE_TYPES) {
      const explanation = explain(type);
      expect(explanation.title).not.toBe('Vấn đề khác');
      expect(explanation.happened.length).toBeGreaterThan(40);
      expect(explanation.canDo.length).toBeGreaterThan(30);
    }
  });

  it('explain an unknown kind in general words rather than failing', () => {
    expect(explain('SOMETHING_NEW').title).toBe('Vấn đề khác');
  });
});

describe('workbench views', () => {
  it('escape what comes from data', () => {
    const markup = caseList(
      [{ caseId: 'c1', type: 'AMOUNT_MISMATCH', statusLabel: 'Chưa xử lý', open: true, agencyName: '<script>x</script>', paymentId: 'p1', dossierId: 'HS"1', expectedAmount: 52000, providerAmount: 50000, openedAt: '2026-03-07T09:30:00+07:00' }],
      'Không có',
    ).value;
    expect(markup).toContain('&lt;script&gt;');
    expect(markup).toContain('HS&quot;1');
    expect(markup).toContain('52.000 ₫');
    expect(markup).toContain('07/03/2026 09:30');
    expect(markup).toContain('href="/staff/cases/c1"');
  });

  it('show the province user the board without any form that changes something', () => {
    const markup = boardBody({
      days: new Map([['mock-bank', [{ businessDate: '2026-03-07', file: { rows: 3, totalAmount: 156000, uploadedAt: '2026-03-08T08:00:00+07:00' }, runUnderWay: false }]]]),
      untilText: '07/03/2026',
      errors: [],
      canAct: false,
      canFetch: true,
      csrfToken: 't',
    }).value;
    expect(markup).not.toContain('method="post"');
    expect(markup).toContain('3 dòng, 156.000 ₫');
    expect(markup).toContain('chỉ đọc');
  });

  it('offer a finance user fetch, upload and run on a day with a file', () => {
    const markup = boardBody({
      days: new Map([['mock-portal', [{ businessDate: '2026-03-07', file: { rows: 1, totalAmount: 1000, uploadedAt: '2026-03-08T08:00:00+07:00' }, runUnderWay: false }]]]),
      untilText: '07/03/2026',
      errors: [],
      canAct: true,
      canFetch: true,
      csrfToken: 'tok',
    }).value;
    expect(markup).toContain('action="/staff/settlements/fetch"');
    expect(markup).toContain('action="/staff/reconciliations"');
    expect(markup).toContain('/staff/settlements/upload?provider=mock-portal&amp;date=2026-03-07');
    expect(markup).toContain('name="csrf" value="tok"');
  });

  it('link the error summary to the field and show the message beside it', () => {
    const markup = counterPaymentsBody({
      canRecord: true,
      csrfToken: 't',
      values: { ...EMPTY_COUNTER_FORM, amount: 'abc' },
      errors: [{ field: 'amount', message: 'Nhập số tiền là số nguyên đồng lớn hơn 0' }],
      agencyChoices: [{ value: 'STP', label: 'Sở Tư pháp' }],
      dayText: '07/03/2026',
      businessDate: '2026-03-07',
      payments: [],
      agencyNames: new Map(),
    }).value;
    expect(markup).toContain('<a href="#amount">Nhập số tiền');
    expect(markup).toMatch(/id="amount-error"[^]*id="amount"[^]*value="abc"[^]*aria-invalid="true"/);
  });
});
