import type { ProviderName } from '../../domain/providers/provider-payment-report';
import type { BusinessDate } from '../../domain/shared/business-date';
import type { RunStatus } from '../../domain/reconciliation-runs/reconciliation-run';
import { html, type SafeHtml } from '../http/html';
import { formatDate, formatInteger, formatVnd } from '../reports/vietnamese-format';
import { caseFilterForm, caseList, type CaseFilterChoices, type CaseFilterValues, type CaseSummaryView } from './case-list-view';
import { PROVIDER_LABELS, RUN_STATUS_LABELS, formatVietnamDateTime } from './labels';
import { dataTable, notice, summaryList } from './page-parts';

/**
 * A reconciliation run (/staff/runs/{runId}): both sides' totals, the cases it found filtered by
 * type, status and agency (a GET form, so a filtered view is a link), each explained, and the exports.
 */
export interface CountAndAmountView {
  readonly count: number;
  readonly amount: number;
}

export interface RunView {
  readonly runId: string;
  readonly provider: ProviderName;
  readonly businessDate: BusinessDate;
  readonly status: RunStatus;
  readonly requestedAt: string;
  readonly completedAt?: string;
  /** Why it failed, in Vietnamese (labels.ts RUN_FAILURE_LABELS). */
  readonly failure?: string;
  /** Null for a user who may see only its agencies' figures (never the file's totals). */
  readonly totals: { readonly internal: CountAndAmountView; readonly provider: CountAndAmountView | null; readonly matched: CountAndAmountView | null } | null;
  readonly filters: CaseFilterValues;
  readonly filterChoices: CaseFilterChoices;
  readonly cases: readonly CaseSummaryView[];
  /** The query string of the next page of cases, when there is one. */
  readonly nextPageQuery?: string;
}

export function runBody(view: RunView): SafeHtml {
  const title = `Đối soát ${PROVIDER_LABELS[view.provider]} ngày ${formatDate(view.businessDate)}`;
  return html`<p><a class="back-link" href="/staff">Quay lại bảng đối soát</a></p>
<h1>${title}</h1>
${summaryList([
  ['Trạng thái', RUN_STATUS_LABELS[view.status]],
  ['Yêu cầu lúc', formatVietnamDateTime(view.requestedAt)],
  ['Hoàn tất lúc', formatVietnamDateTime(view.completedAt)],
])}
${view.failure ? notice(view.failure) : ''}
${view.status === 'QUEUED' || view.status === 'RUNNING' ? notice('Lần đối soát đang chạy. Tải lại trang sau ít giây để xem kết quả.') : ''}
${totalsSection(view)}
<section class="panel" aria-labelledby="cases-title">
<h2 id="cases-title">Các việc cần xử lý</h2>
${caseFilterForm(`/staff/runs/${view.runId}`, view.filters, view.filterChoices, 'Tất cả trạng thái')}
${caseList(view.cases, 'Không có việc nào theo bộ lọc này.')}
${view.nextPageQuery ? html`<p><a href="/staff/runs/${view.runId}?${view.nextPageQuery}">Trang sau</a></p>` : ''}
<h3>Tải về</h3>
<p class="hint">Mọi chênh lệch của lần đối soát mà bạn được xem, để mở bằng Excel.</p>
<ul class="links">
<li><a href="/staff/runs/${view.runId}/export.xlsx" download>Tải file Excel (.xlsx)</a></li>
<li><a href="/staff/runs/${view.runId}/export.csv" download>Tải file CSV</a></li>
</ul>
</section>`;
}

function totalsSection(view: RunView): SafeHtml {
  if (!view.totals) return html``;
  const row = (label: string, figures: CountAndAmountView | null) => [label, figures ? formatInteger(figures.count) : '—', figures ? formatVnd(figures.amount) : '—'];
  return html`<section class="panel" aria-labelledby="totals-title">
<h2 id="totals-title">Số liệu hai bên</h2>
${dataTable({
  caption: 'Số giao dịch và số tiền của hệ thống, của nhà cung cấp và phần khớp nhau',
  headers: ['', 'Số giao dịch', 'Số tiền'],
  numeric: [1, 2],
  rows: [row('Hệ thống ghi nhận', view.totals.internal), row('Nhà cung cấp quyết toán', view.totals.provider), row('Khớp nhau', view.totals.matched)],
})}
</section>`;
}
