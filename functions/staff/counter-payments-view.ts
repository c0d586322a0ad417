import { html, type SafeHtml } from '../http/html';
import { formatDate, formatVnd } from '../reports/vietnamese-format';
import type { CounterPayment } from '../counter-payments/record-counter-payment';
import type { CounterFormValues } from './counter-payment-form';
import { COUNTER_PAYMENT_METHOD_LABELS, formatVietnamDateTime, labelOf, optionsOf } from './labels';
import { dataTable, errorSummary, radioGroup, selectField, successBanner, textField, type Choice, type FieldError } from './page-parts';
import { csrfField } from './staff-layout';

/** Counter payments (/staff/counter-payments): the form to record one, and the day's list. */
export interface CounterPaymentsView {
  readonly canRecord: boolean;
  readonly csrfToken: string;
  readonly values: CounterFormValues;
  readonly errors: readonly FieldError[];
  readonly agencyChoices: readonly Choice[];
  readonly banner?: string;
  readonly dayText: string;
  readonly businessDate: string | null;
  readonly payments: readonly CounterPayment[];
  readonly agencyNames: ReadonlyMap<string, string>;
}

export function counterPaymentsBody(view: CounterPaymentsView): SafeHtml {
  return html`<h1>Thu tại quầy</h1>
${successBanner(view.banner)}
${errorSummary(view.errors)}
${view.canRecord ? form(view) : ''}
<section class="panel" aria-labelledby="day-title">
<h2 id="day-title">Các khoản thu trong ngày${view.businessDate ? ` ${formatDate(view.businessDate)}` : ''}</h2>
<form method="get" action="/staff/counter-payments" class="filters">
${textField({ name: 'day', label: 'Ngày', hint: 'Ngày/tháng/năm, ví dụ 07/03/2026', value: view.dayText, width: 'short', inputmode: 'numeric' }, view.errors.filter((error) => error.field === 'day'))}
<button class="button secondary" type="submit">Xem</button>
</form>
${view.payments.length === 0
  ? html`<p class="empty">Chưa có khoản thu tại quầy nào trong ngày này.</p>`
  : dataTable({
      caption: 'Các khoản thu tại quầy trong ngày',
      headers: ['Thời điểm nộp', 'Số biên lai', 'Hồ sơ', 'Thủ tục', 'Cơ quan', 'Hình thức', 'Số tiền'],
      numeric: [6],
      rows: view.payments.map((payment) => [
        formatVietnamDateTime(payment.paidAt),
        payment.receiptNo,
        payment.dossierId,
        payment.procedureCode,
        view.agencyNames.get(payment.agencyCode) ?? payment.agencyCode,
        labelOf(COUNTER_PAYMENT_METHOD_LABELS, payment.method),
        formatVnd(payment.amount),
      ]),
    })}
</section>`;
}

function form(view: CounterPaymentsView): SafeHtml {
  const values = view.values;
  return html`<section class="panel" aria-labelledby="record-title">
<h2 id="record-title">Ghi nhận khoản thu tại quầy</h2>
<form method="post" action="/staff/counter-payments" novalidate>
${csrfField(view.csrfToken)}
${textField({ name: 'dossierId', label: 'Mã hồ sơ', value: values.dossierId }, view.errors)}
${textField({ name: 'procedureCode', label: 'Mã thủ tục', hint: 'Ví dụ CT-BANSAO', value: values.procedureCode, width: 'short' }, view.errors)}
${selectField({ name: 'agencyCode', label: 'Cơ quan thu', choices: view.agencyChoices, selected: values.agencyCode || (view.agencyChoices.length === 1 ? view.agencyChoices[0]!.value : ''), anyLabel: 'Chọn cơ quan' }, view.errors)}
${textField({ name: 'amount', label: 'Số tiền (đồng)', hint: 'Số nguyên, ví dụ 52000 hoặc 52.000', value: values.amount, width: 'short', inputmode: 'numeric' }, view.errors)}
${radioGroup({ name: 'method', legend: 'Hình thức nộp', choices: optionsOf(COUNTER_PAYMENT_METHOD_LABELS), checked: values.method }, view.errors)}
${textField({ name: 'paidAt', label: 'Thời điểm nộp', hint: 'Ngày/tháng/năm giờ:phút, ví dụ 07/03/2026 09:30', value: values.paidAt, width: 'short' }, view.errors)}
${textField({ name: 'receiptNo', label: 'Số biên lai', value: values.receiptNo, width: 'short' }, view.errors)}
${textField({ name: 'payerName', label: 'Tên người nộp (không bắt buộc)', value: values.payerName, autocomplete: 'name' }, view.errors)}
<button class="button" type="submit">Ghi nhận</button>
</form>
</section>`;
}
