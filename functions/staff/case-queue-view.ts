import { html, type SafeHtml } from '../http/html';
import { caseList, type CaseSummaryView } from './case-list-view';
import { selectField, type Choice } from './page-parts';

/** The case queue (/staff/cases): open cases across runs and days, oldest first, with filters and paging. */
export interface CaseQueueView {
  readonly filters: { readonly type: string; readonly status: string; readonly agency: string };
  readonly typeChoices: readonly Choice[];
  readonly statusChoices: readonly Choice[];
  readonly agencyChoices: readonly Choice[];
  readonly cases: readonly CaseSummaryView[];
  readonly nextPageQuery?: string;
}

export function caseQueueBody(view: CaseQueueView): SafeHtml {
  return html`<h1>Hàng đợi xử lý</h1>
<p class="lead">Các việc về tiền cần kế toán quyết định, việc cũ nhất ở trên cùng: thành công muộn, nộp tiền hai lần, lệch số tiền, mã thanh toán lạ, mất thông báo kết quả…</p>
<form method="get" action="/staff/cases" class="filters">
${selectField({ name: 'type', label: 'Loại', choices: view.typeChoices, selected: view.filters.type, anyLabel: 'Tất cả các loại' })}
${selectField({ name: 'status', label: 'Trạng thái', choices: view.statusChoices, selected: view.filters.status })}
${view.agencyChoices.length > 1 ? selectField({ name: 'agency', label: 'Cơ quan', choices: view.agencyChoices, selected: view.filters.agency, anyLabel: 'Tất cả cơ quan' }) : ''}
<button class="button secondary" type="submit">Lọc</button>
</form>
${caseList(view.cases, 'Không còn việc nào theo bộ lọc này.')}
${view.nextPageQuery ? html`<p><a href="/staff/cases?${view.nextPageQuery}">Trang sau</a></p>` : ''}`;
}
