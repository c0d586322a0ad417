import { html, type SafeHtml } from '../http/html';
import type { ApiResponse } from '../http/responses';
import { publicPage } from './staff-layout';

/**
 * The sign-in form (GOV.UK habits: one question per field, an error summary at the top linking to
 * each wrong field, the message next to the field, the typed username kept). The password is never
 * written back into the page.
 */
export interface LoginFormView {
  readonly username?: string;
  readonly next?: string;
  /** Shown above the form: why the person is here (session ended, signed out). */
  readonly notice?: string;
  readonly errors?: Partial<Record<'username' | 'password', string>>;
  /** A problem that is about neither field alone (wrong username or password). */
  readonly problem?: string;
}

export const LOGIN_NOTICES: Record<string, string> = {
  expired: 'Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.',
  'signed-out': 'Bạn đã đăng xuất.',
};

export function loginPage(statusCode: number, view: LoginFormView = {}, headers: Record<string, string> = {}): ApiResponse {
  const errors = view.errors ?? {};
  const summary = errorSummary(errors, view.problem);
  const body = html`<div class="login">
<h1>Đăng nhập</h1>
${view.notice ? html`<div class="notice" role="status"><p>${view.notice}</p></div>` : ''}
${summary}
<p>Trang dành cho kế toán các cơ quan và Văn phòng UBND tỉnh.</p>
<form method="post" action="/login" novalidate>
${view.next ? html`<input type="hidden" name="next" value="${view.next}">` : ''}
${field('username', 'Tên đăng nhập', 'text', 'username', view.username ?? '', errors.username)}
${field('password', 'Mật khẩu', 'password', 'current-password', '', errors.password)}
<button class="button" type="submit">Đăng nhập</button>
</form>
</div>`;
  return publicPage(statusCode, { title: summary ? 'Lỗi: Đăng nhập' : 'Đăng nhập', body }, headers);
}

function field(name: string, label: string, type: string, autocomplete: string, value: string, error: string | undefined): SafeHtml {
  return html`<div class="form-group${error ? ' has-error' : ''}">
<label for="${name}">${label}</label>
${error ? html`<span class="error-message" id="${name}-error"><span class="visually-hidden">Lỗi: </span>${error}</span>` : ''}
<input id="${name}" name="${name}" type="${type}" autocomplete="${autocomplete}" spellcheck="false" value="${value}"${error ? html` aria-describedby="${name}-error" aria-invalid="true"` : ''}>
</div>`;
}

function errorSummary(errors: Partial<Record<'username' | 'password', string>>, problem: string | undefined): SafeHtml | '' {
  const items = [
    ...(problem ? [html`<li><a href="#username">${problem}</a></li>`] : []),
    ...(Object.entries(errors) as Array<[string, string]>).map(([name, message]) => html`<li><a href="#${name}">${message}</a></li>`),
  ];
  if (items.length === 0) return '';
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">Có lỗi cần sửa</h2>
<ul>${items}</ul>
</div>`;
}
