import { html, type SafeHtml } from '../http/html';
import { caseFilterForm, caseList, type CaseFilterChoices, type CaseFilterValues, type CaseSummaryView } from './case-list-view';

/** The case queue (/staff/cases): open cases across runs and days, oldest first, with filters and paging. */
export interface CaseQueueView {
  readonly filters: CaseFilterValues;
  readonly filterChoices: CaseFilterChoices;
  readonly cases: readonly CaseSummaryView[];
  readonly nextPageQuery?: string;
}

export function caseQueueBody(view: CaseQueueView): SafeHtml {
  return html`<h1>Hàng đợi xử lý</h1>
<p class="lead">Các việc về tiền cần kế toán quyết định, việc cũ nhất ở trên cùng: thành công muộn, nộp tiền hai lần, lệch số tiền, mã thanh toán lạ, mất thông báo kết quả…</p>
${caseFilterForm('/staff/cases', view.filters, view.filterChoices)}
${caseList(view.cases, 'Không còn việc nào theo bộ lọc này.')}
${view.nextPageQuery ? html`<p><a href="/staff/cases?${view.nextPageQuery}">Trang sau</a></p>` : ''}`;
}
