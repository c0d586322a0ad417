import type { HttpError } from '../http/http-errors';
import { html } from '../http/html';
import { page } from './page-layout';

/** A refused dashboard request as a page a person can act on, with the same status and request id. */
const HEADLINES: Record<string, string> = {
  VALIDATION_FAILED: 'Điều kiện lọc chưa hợp lệ',
  FORBIDDEN: 'Bạn không có quyền xem báo cáo này',
  REPORT_TOO_LARGE: 'Kỳ báo cáo quá lớn',
};

export function renderDashboardErrorPage(error: HttpError, requestId: string): string {
  const headline = HEADLINES[error.code] ?? 'Không thể hiển thị báo cáo';
  return page(
    headline,
    html`<main class="login"><section>
<h2 class="error">${headline}</h2>
<p>${error.message}</p>
${error.details.length > 0 ? html`<ul>${error.details.map((detail) => html`<li><code>${detail.path}</code>: ${detail.message}</li>`)}</ul>` : ''}
<p><a class="button" href="/dashboard">← Về bảng theo dõi</a></p>
<p class="note">Mã yêu cầu: <code>${requestId}</code> · mã lỗi <code>${error.code}</code></p>
</section></main>`,
  ).value;
}
