import type { HttpError } from '../http/http-errors';
import { html, type SafeHtml } from '../http/html';

/**
 * A refused dashboard request as a page a person can act on: the report's refusals (English details
 * for API clients) become one Vietnamese sentence per field, linking to the field's name, with what
 * to type instead. Nothing of the API's message or codes is shown.
 */
const HEADLINES: Record<string, string> = {
  VALIDATION_FAILED: 'Điều kiện lọc chưa hợp lệ',
  FORBIDDEN: 'Bạn không có quyền xem báo cáo này',
  REPORT_TOO_LARGE: 'Kỳ báo cáo quá lớn',
};

const FIELD_ADVICE: Record<string, string> = {
  from: 'Từ ngày: nhập một ngày có thật theo dạng ngày/tháng/năm, ví dụ 01/12/2026.',
  to: 'Đến ngày: nhập một ngày có thật theo dạng ngày/tháng/năm, không trước “Từ ngày”, và kỳ báo cáo dài tối đa 366 ngày.',
  agency: 'Đơn vị: chọn một đơn vị trong danh sách.',
  targetSet: 'Bộ chỉ tiêu: chọn một bộ chỉ tiêu trong danh sách.',
  groupBy: 'Bảng chi tiết theo: chọn đơn vị, thủ tục hoặc tháng.',
  rollUp: 'Đơn vị đã sắp xếp: chọn một cách trong danh sách.',
  format: 'Hãy mở báo cáo từ trang theo dõi.',
};

export function dashboardErrorTitle(error: HttpError): string {
  return HEADLINES[error.code] ?? 'Không thể hiển thị báo cáo';
}

export function dashboardErrorBody(error: HttpError): SafeHtml {
  const title = dashboardErrorTitle(error);
  const fields = [...new Set(error.details.map((detail) => detail.path))];
  const advice =
    error.code === 'FORBIDDEN'
      ? ['Tài khoản của bạn chỉ được xem báo cáo của các đơn vị được giao. Hãy chọn “Tất cả đơn vị được xem”.']
      : error.code === 'REPORT_TOO_LARGE'
        ? ['Hãy chọn kỳ báo cáo ngắn hơn hoặc ít đơn vị hơn.']
        : fields.map((field) => FIELD_ADVICE[field] ?? 'Hãy kiểm tra lại các điều kiện lọc.');
  return html`<h1>${title}</h1>
<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">Cần sửa</h2>
<ul>${(advice.length > 0 ? advice : ['Hãy kiểm tra lại các điều kiện lọc.']).map((line) => html`<li>${line}</li>`)}</ul>
</div>
<p><a class="button secondary" href="/dashboard">Về bảng theo dõi (tháng này)</a></p>`;
}
