import { html, type SafeHtml } from '../http/html';
import { formatVnd } from '../reports/vietnamese-format';
import { explain } from './case-explanations';
import { formatVietnamDateTime } from './labels';
import { errorSummary, radioGroup, successBanner, summaryList, textArea, type Choice, type FieldError } from './page-parts';
import { csrfField } from './staff-layout';

/**
 * One case (/staff/cases/{caseId}): what happened in plain words, the payment's facts, the decision
 * form with only the actions its type allows, and the trail of who did what and when.
 */
export interface TrailView {
  readonly at: string;
  readonly by: string;
  /** The action in Vietnamese (labels.ts). */
  readonly action: string;
  readonly note: string | null;
}

export interface CaseView {
  readonly caseId: string;
  readonly type: string;
  readonly statusLabel: string;
  readonly open: boolean;
  /** Facts as label → value, already in Vietnamese (amounts, times formatted). */
  readonly facts: readonly (readonly [string, string | SafeHtml])[];
  /** The decisions this case's type allows, as radio choices (value = action code). */
  readonly actions: readonly Choice[];
  readonly decisionText?: string;
  readonly trail: readonly TrailView[];
  readonly canDecide: boolean;
  readonly csrfToken: string;
  readonly errors: readonly FieldError[];
  readonly form: { readonly action: string; readonly note: string };
  readonly banner?: string;
  /** Shown instead of the form when a decision could not be taken (decided meanwhile, …). */
  readonly refusal?: string;
}

export function caseBody(view: CaseView): SafeHtml {
  const explanation = explain(view.type);
  return html`<p><a class="back-link" href="/staff/cases">Quay lại hàng đợi xử lý</a></p>
${successBanner(view.banner)}
${errorSummary(view.errors)}
${view.refusal ? html`<div class="notice" role="alert"><p>${view.refusal}</p></div>` : ''}
<h1>${explanation.title} <span class="tag ${view.open ? 'open' : 'done'}">${view.statusLabel}</span></h1>
<section class="panel" aria-labelledby="happened-title">
<h2 id="happened-title">Chuyện gì đã xảy ra</h2>
<p>${explanation.happened}</p>
<h3>Có thể làm gì</h3>
<p>${explanation.canDo}</p>
</section>
<section class="panel" aria-labelledby="facts-title">
<h2 id="facts-title">Thông tin khoản thanh toán</h2>
${summaryList(view.facts)}
</section>
${decisionSection(view)}
<section class="panel" aria-labelledby="trail-title">
<h2 id="trail-title">Lịch sử xử lý</h2>
${view.trail.length === 0 ? html`<p class="empty">Chưa có ai xử lý việc này.</p>` : html`<ol class="timeline">${view.trail.map(
  (entry) => html`<li><p><strong>${entry.action}</strong> – ${entry.by}, ${formatVietnamDateTime(entry.at)}</p>${entry.note ? html`<p class="note">${entry.note}</p>` : ''}</li>`,
)}</ol>`}
</section>`;
}

function decisionSection(view: CaseView): SafeHtml {
  if (!view.canDecide) {
    return view.decisionText ? html`<section class="panel"><h2>Quyết định</h2><p>${view.decisionText}</p></section>` : html``;
  }
  if (!view.open) {
    return html`<section class="panel" aria-labelledby="decision-title"><h2 id="decision-title">Quyết định</h2>
<p>${view.decisionText ?? 'Việc này đã được xử lý.'}</p>
${noteForm(view)}</section>`;
  }
  return html`<section class="panel" aria-labelledby="decision-title">
<h2 id="decision-title">Quyết định</h2>
<form method="post" action="/staff/cases/${encodeURIComponent(view.caseId)}" novalidate>
${csrfField(view.csrfToken)}
${radioGroup({ name: 'action', legend: 'Chọn cách xử lý', choices: view.actions, checked: view.form.action }, view.errors)}
${textArea({ name: 'note', label: 'Ghi chú', hint: 'Lý do, số chứng từ hoặc kết quả trao đổi với nhà cung cấp', value: view.form.note, maxLength: 2000 }, view.errors)}
<button class="button" type="submit">Lưu quyết định</button>
</form>
</section>`;
}

/** A decided case still takes notes (a refund reference, days later). */
function noteForm(view: CaseView): SafeHtml {
  if (!view.actions.some((choice) => choice.value === 'NOTE')) return html``;
  return html`<form method="post" action="/staff/cases/${encodeURIComponent(view.caseId)}" novalidate>
${csrfField(view.csrfToken)}
<input type="hidden" name="action" value="NOTE">
${textArea({ name: 'note', label: 'Thêm ghi chú', value: view.form.note }, view.errors)}
<button class="button secondary" type="submit">Thêm ghi chú</button>
</form>`;
}

export const amountFact = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : formatVnd(value));
