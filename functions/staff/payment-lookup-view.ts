import type { Payment, PaymentEvent } from '../../domain/payments/payment';
import { html, type SafeHtml } from '../http/html';
import { formatVnd } from '../reports/vietnamese-format';
import { caseList, type CaseSummaryView } from './case-list-view';
import { PAYMENT_EVENT_LABELS, PAYMENT_STATUS_LABELS, PROVIDER_LABELS, formatVietnamDateTime, labelOf, yesNo } from './labels';
import { errorSummary, notice, summaryList, textField, type FieldError } from './page-parts';

/**
 * The payment lookup (/staff/payments?q=): by payment id, dossier id or provider transaction id;
 * each payment found with its facts, its timeline in Vietnamese, its receipt and its cases.
 */
export interface FoundPayment {
  readonly payment: Payment;
  readonly agencyName: string;
  /** The e-receipt's public link, once issued. */
  readonly receiptPath: string | null;
  readonly cases: readonly CaseSummaryView[];
}

export interface PaymentLookupView {
  readonly query: string;
  readonly errors: readonly FieldError[];
  /** Null before a search. */
  readonly found: readonly FoundPayment[] | null;
}

export function paymentLookupBody(view: PaymentLookupView): SafeHtml {
  return html`<h1>Tra cứu thanh toán</h1>
${errorSummary(view.errors)}
<form method="get" action="/staff/payments" class="filters" role="search">
${textField({ name: 'q', label: 'Mã thanh toán, mã hồ sơ hoặc mã giao dịch của nhà cung cấp', value: view.query, type: 'search', width: 'long' }, view.errors)}
<button class="button" type="submit">Tra cứu</button>
</form>
${results(view)}`;
}

function results(view: PaymentLookupView): SafeHtml {
  if (view.found === null) return html``;
  if (view.found.length === 0) return notice(`Không tìm thấy khoản thanh toán nào với mã “${view.query}” trong phạm vi bạn được xem.`);
  return html`<p>Tìm thấy ${view.found.length} khoản thanh toán.</p>${view.found.map(paymentSection)}`;
}

function paymentSection(found: FoundPayment): SafeHtml {
  const { payment } = found;
  return html`<section class="panel" aria-labelledby="payment-${payment.paymentId}">
<h2 id="payment-${payment.paymentId}">Thanh toán ${payment.paymentId}</h2>
${summaryList([
  ['Trạng thái', PAYMENT_STATUS_LABELS[payment.status]],
  ['Hồ sơ', payment.dossierId],
  ['Thủ tục', payment.procedureCode],
  ['Cơ quan', found.agencyName],
  ['Nhà cung cấp', PROVIDER_LABELS[payment.provider]],
  ['Số tiền phải nộp', formatVnd(payment.amount)],
  ['Số tiền nhà cung cấp đã thu', payment.paidAmount === undefined ? '—' : formatVnd(payment.paidAmount)],
  ['Mã giao dịch của nhà cung cấp', payment.providerTxnId ?? '—'],
  ['Người nộp', payment.payerName],
  ['Thành công muộn', yesNo(payment.lateSuccess === true)],
  ['Khoản nộp trùng (chờ hoàn tiền)', yesNo(payment.duplicateOfPaymentId !== undefined)],
  ['Biên lai điện tử', found.receiptPath ? html`<a href="${found.receiptPath}">Xem biên lai số ${payment.eReceiptNo ?? ''}</a>` : 'Chưa phát hành'],
])}
<h3>Diễn biến</h3>
<ol class="timeline">${payment.events.map(eventItem)}</ol>
<h3>Việc cần xử lý liên quan</h3>
${caseList(found.cases, 'Không có việc nào về khoản thanh toán này.')}
</section>`;
}

function eventItem(event: PaymentEvent): SafeHtml {
  return html`<li><p><strong>${labelOf(PAYMENT_EVENT_LABELS, event.type)}</strong> – ${formatVietnamDateTime(event.at)}</p></li>`;
}
