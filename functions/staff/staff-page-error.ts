import { html, type SafeHtml } from '../http/html';
import type { Principal } from '../http/principal';
import type { ApiResponse } from '../http/responses';
import { publicPage, staffPage } from './staff-layout';

/**
 * A refusal or fault on a staff page, said in Vietnamese with what to do next. Pages throw
 * StaffPageError with their own sentence; anything else thrown (an HttpError from a use case, a
 * fault) becomes the standard page for its status, never its internal message.
 */
export class StaffPageError extends Error {
  constructor(
    readonly statusCode: number,
    /** Vietnamese, for the person: what happened and what to do. */
    readonly advice?: string,
  ) {
    super(`staff page refused with ${statusCode}`);
    this.name = 'StaffPageError';
  }
}

const STANDARD: Record<number, { readonly title: string; readonly advice: string }> = {
  400: { title: 'Yêu cầu chưa hợp lệ', advice: 'Thông tin gửi lên không đúng. Hãy quay lại trang trước, kiểm tra và gửi lại.' },
  403: { title: 'Bạn không có quyền thực hiện việc này', advice: 'Tài khoản của bạn không được phép dùng trang này. Nếu cần quyền này, hãy liên hệ người quản trị hệ thống.' },
  404: { title: 'Không tìm thấy trang', advice: 'Địa chỉ này không có hoặc không còn. Hãy kiểm tra lại địa chỉ, hoặc quay về trang chính.' },
  405: { title: 'Yêu cầu chưa hợp lệ', advice: 'Trang này không nhận kiểu yêu cầu đó. Hãy mở trang từ thanh điều hướng.' },
  409: { title: 'Dữ liệu vừa thay đổi', advice: 'Có người khác vừa cập nhật mục này. Hãy tải lại trang và xem trạng thái mới nhất.' },
  413: { title: 'Tệp hoặc biểu mẫu quá lớn', advice: 'Nội dung gửi lên vượt quá giới hạn cho phép. Hãy gửi tệp nhỏ hơn.' },
  415: { title: 'Biểu mẫu không đúng định dạng', advice: 'Hãy gửi lại bằng biểu mẫu trên trang.' },
  500: { title: 'Hệ thống đang gặp sự cố', advice: 'Việc của bạn chưa được thực hiện. Hãy thử lại sau ít phút; nếu vẫn lỗi, báo bộ phận hỗ trợ kèm mã yêu cầu bên dưới.' },
};

export function standardTitle(statusCode: number): string {
  return (STANDARD[statusCode] ?? STANDARD[statusCode >= 500 ? 500 : 400]!).title;
}

export function errorPageBody(statusCode: number, requestId: string, advice?: string, title = standardTitle(statusCode)): SafeHtml {
  const standard = STANDARD[statusCode] ?? STANDARD[statusCode >= 500 ? 500 : 400]!;
  return html`<h1>${title}</h1>
<p class="lead">${advice ?? standard.advice}</p>
<p><a class="button secondary" href="/staff">Về trang chính</a></p>
<p class="muted">Mã yêu cầu: ${requestId}</p>`;
}

/** The error page inside the frame when the person is signed in, on its own otherwise. */
export function staffErrorPage(
  statusCode: number,
  requestId: string,
  options: { readonly advice?: string; readonly title?: string; readonly principal?: Principal; readonly csrfToken?: string } = {},
): ApiResponse {
  const title = options.title ?? standardTitle(statusCode);
  const body = errorPageBody(statusCode, requestId, options.advice, title);
  return options.principal && options.csrfToken
    ? staffPage(statusCode, { title, principal: options.principal, csrfToken: options.csrfToken, body })
    : publicPage(statusCode, { title, body });
}
