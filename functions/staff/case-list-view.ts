import { html, type SafeHtml } from '../http/html';
import { formatVnd } from '../reports/vietnamese-format';
import { explain } from './case-explanations';
import { formatVietnamDateTime } from './labels';
import { selectField, type Choice } from './page-parts';

/**
 * A case as lists show it (the run page, the case queue): what kind of problem, in plain words, about
 * which payment, and a link to decide it. The handlers map the case model to this shape, so the
 * markup does not change when the model grows.
 */
export interface CaseSummaryView {
  readonly caseId: string;
  /** The case type (an unknown one is explained in general words). */
  readonly type: string;
  readonly statusLabel: string;
  readonly open: boolean;
  readonly agencyName: string | null;
  readonly paymentId: string | null;
  readonly dossierId: string | null;
  readonly expectedAmount: number | null;
  readonly providerAmount: number | null;
  readonly openedAt: string;
}

const amount = (value: number | null): string => (value === null ? '—' : formatVnd(value));

export function caseList(cases: readonly CaseSummaryView[], emptyText: string): SafeHtml {
  if (cases.length === 0) return html`<p class="empty">${emptyText}</p>`;
  return html`<ol class="case-list">${cases.map((item) => {
    const explanation = explain(item.type);
    return html`<li class="case-item">
<h3><a href="/staff/cases/${encodeURIComponent(item.caseId)}">${explanation.title}</a> <span class="tag ${item.open ? 'open' : 'done'}">${item.statusLabel}</span></h3>
<p>${explanation.happened}</p>
<p class="muted">Có thể làm: ${explanation.canDo}</p>
<dl class="inline-facts">
<div><dt>Cơ quan</dt><dd>${item.agencyName ?? 'Chưa xác định'}</dd></div>
<div><dt>Hồ sơ</dt><dd>${item.dossierId ?? '—'}</dd></div>
<div><dt>Mã thanh toán</dt><dd>${item.paymentId ?? '—'}</dd></div>
<div><dt>Số tiền phải nộp</dt><dd>${amount(item.expectedAmount)}</dd></div>
<div><dt>Số tiền nhà cung cấp</dt><dd>${amount(item.providerAmount)}</dd></div>
<div><dt>Phát hiện lúc</dt><dd>${formatVietnamDateTime(item.openedAt)}</dd></div>
</dl>
</li>`;
  })}</ol>`;
}

/** The filters of a case list as the form shows them ('' for "all"). */
export interface CaseFilterValues {
  readonly type: string;
  readonly status: string;
  readonly agency: string;
}

export interface CaseFilterChoices {
  readonly typeChoices: readonly Choice[];
  readonly statusChoices: readonly Choice[];
  /** One choice or none: the agency filter is left out. */
  readonly agencyChoices: readonly Choice[];
}

/** The GET filter form of a case list (the queue, a run): a filtered view is a link. */
export function caseFilterForm(action: string, filters: CaseFilterValues, choices: CaseFilterChoices, statusAnyLabel?: string): SafeHtml {
  return html`<form method="get" action="${action}" class="filters">
${selectField({ name: 'type', label: 'Loại', choices: choices.typeChoices, selected: filters.type, anyLabel: 'Tất cả các loại' })}
${selectField({ name: 'status', label: 'Trạng thái', choices: choices.statusChoices, selected: filters.status, ...(statusAnyLabel ? { anyLabel: statusAnyLabel } : {}) })}
${choices.agencyChoices.length > 1 ? selectField({ name: 'agency', label: 'Cơ quan', choices: choices.agencyChoices, selected: filters.agency, anyLabel: 'Tất cả cơ quan' }) : ''}
<button class="button secondary" type="submit">Lọc</button>
</form>`;
}
