import type { ProviderName } from '../../domain/providers/provider-payment-report';
import type { BusinessDate } from '../../domain/shared/business-date';
import type { RunStatus } from '../../domain/reconciliation-runs/reconciliation-run';
import { html, type SafeHtml } from '../http/html';
import { formatDate, formatInteger, formatVnd } from '../reports/vietnamese-format';
import { PROVIDER_LABELS, RUN_STATUS_LABELS, formatVietnamDateTime } from './labels';
import { dataTable, errorSummary, notice, successBanner, textField, type FieldError } from './page-parts';
import { csrfField } from './staff-layout';

/**
 * The daily board (/staff), the finance officer's home: for each provider and each of the last
 * business dates, the settlement file, the latest run and what is left to do, with the actions that
 * move the day on (fetch or upload the file, run, run again). Pure: data in, markup out.
 */
export interface BoardDay {
  readonly businessDate: BusinessDate;
  /** Absent: no file yet. Totals are null for a user who may not see the file's totals (one agency's finance). */
  readonly file?: { readonly rows: number | null; readonly totalAmount: number | null; readonly uploadedAt: string };
  readonly run?: {
    readonly runId: string;
    readonly status: RunStatus;
    readonly matchedCount: number | null;
    readonly openCases: number | null;
  };
  /** A run of the day is queued or running: no new run may start. */
  readonly runUnderWay: boolean;
}

export interface BoardView {
  readonly days: ReadonlyMap<ProviderName, readonly BoardDay[]>;
  /** The last date shown, as the date field shows it. */
  readonly untilText: string;
  readonly errors: readonly FieldError[];
  readonly banner?: string;
  /** Finance may act; the provincial office only reads. */
  readonly canAct: boolean;
  /** The "fetch from the provider" action exists where provider endpoints are configured. */
  readonly canFetch: boolean;
  readonly csrfToken: string;
}

export function boardBody(view: BoardView): SafeHtml {
  return html`<h1>Bảng đối soát</h1>
${successBanner(view.banner)}
${errorSummary(view.errors)}
<p class="lead">Mỗi ngày, với từng nhà cung cấp: lấy hoặc tải lên file đối soát, chạy đối soát, rồi xử lý các việc còn mở.</p>
<form method="get" action="/staff" class="filters">
${textField({ name: 'until', label: 'Xem 7 ngày đến hết ngày', hint: 'Ngày/tháng/năm, ví dụ 07/03/2026', value: view.untilText, width: 'short', inputmode: 'numeric' }, view.errors)}
<button class="button secondary" type="submit">Xem</button>
</form>
${!view.canAct ? notice('Bạn đang xem ở chế độ chỉ đọc: tài khoản của Văn phòng UBND tỉnh không thay đổi được số liệu.') : ''}
${[...view.days.entries()].map(([provider, days]) => providerSection(provider, days, view))}`;
}

function providerSection(provider: ProviderName, days: readonly BoardDay[], view: BoardView): SafeHtml {
  return html`<section class="panel" aria-labelledby="provider-${provider}">
<h2 id="provider-${provider}">${PROVIDER_LABELS[provider]}</h2>
${dataTable({
  caption: `Các ngày gần đây của ${PROVIDER_LABELS[provider]}`,
  headers: ['Ngày', 'File đối soát', 'Lần đối soát gần nhất', 'Khớp', 'Việc chưa xử lý', 'Thao tác'],
  numeric: [3, 4],
  rows: days.map((day) => [
    formatDate(day.businessDate),
    fileCell(day),
    runCell(day),
    day.run?.matchedCount === null || day.run?.matchedCount === undefined ? '—' : formatInteger(day.run.matchedCount),
    day.run?.openCases === null || day.run?.openCases === undefined ? '—' : formatInteger(day.run.openCases),
    actionsCell(provider, day, view),
  ]),
})}
</section>`;
}

function fileCell(day: BoardDay): SafeHtml {
  if (!day.file) return html`<span class="muted">Chưa có file</span>`;
  const totals = day.file.rows === null || day.file.totalAmount === null ? '' : html`${formatInteger(day.file.rows)} dòng, ${formatVnd(day.file.totalAmount)}<br>`;
  return html`${totals}<span class="muted">Nhận lúc ${formatVietnamDateTime(day.file.uploadedAt)}</span>`;
}

function runCell(day: BoardDay): SafeHtml {
  if (!day.run) return html`<span class="muted">Chưa chạy</span>`;
  return html`<a href="/staff/runs/${day.run.runId}">${RUN_STATUS_LABELS[day.run.status]}<span class="visually-hidden"> – lần đối soát ngày ${formatDate(day.businessDate)}</span></a>`;
}

function actionsCell(provider: ProviderName, day: BoardDay, view: BoardView): SafeHtml {
  if (!view.canAct) return html`<span class="muted">—</span>`;
  const date = formatDate(day.businessDate);
  const hidden = html`${csrfField(view.csrfToken)}<input type="hidden" name="provider" value="${provider}"><input type="hidden" name="businessDate" value="${day.businessDate}">`;
  const fetch = view.canFetch
    ? html`<form method="post" action="/staff/settlements/fetch" class="action-form">${hidden}<button class="button secondary" type="submit">Lấy file<span class="visually-hidden"> ngày ${date}</span></button></form>`
    : '';
  const upload = html`<a class="button secondary" href="/staff/settlements/upload?provider=${provider}&amp;date=${day.businessDate}">Tải file lên<span class="visually-hidden"> ngày ${date}</span></a>`;
  const run =
    day.file && !day.runUnderWay
      ? html`<form method="post" action="/staff/reconciliations" class="action-form">${hidden}<button class="button" type="submit">${day.run ? 'Chạy lại' : 'Chạy đối soát'}<span class="visually-hidden"> ngày ${date}</span></button></form>`
      : '';
  return html`<div class="actions">${fetch}${upload}${run}</div>`;
}
