import { html, type SafeHtml } from '../http/html';
import type { Principal, Role } from '../http/principal';
import type { ApiResponse } from '../http/responses';
import { STAFF_PAGE_HEADERS } from './page-security';
import { STAFF_STYLESHEET_PATH } from './staff-stylesheet';

/**
 * The frame every staff page is drawn in: Vietnamese, a skip link, the service's name, who is signed
 * in (name, role, agencies) with a sign-out button, the navigation the person's role may use, and the
 * page's own content in <main>. The style sheet is served by the service; there is no script.
 */
export type NavKey = 'board' | 'cases' | 'counter' | 'payments' | 'dashboard';

interface NavItem {
  readonly key: NavKey;
  readonly href: string;
  readonly label: string;
  readonly roles: readonly Role[];
}

/**
 * What each role sees. The provincial office reads (board, cases, payments, its dashboard) but records
 * no counter payment; each page still checks the role itself (staffHandler's `roles`).
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'board', href: '/staff', label: 'Bảng đối soát', roles: ['finance', 'province'] },
  { key: 'cases', href: '/staff/cases', label: 'Hàng đợi xử lý', roles: ['finance', 'province'] },
  { key: 'counter', href: '/staff/counter-payments', label: 'Thu tại quầy', roles: ['finance'] },
  { key: 'payments', href: '/staff/payments', label: 'Tra cứu thanh toán', roles: ['finance', 'province'] },
  { key: 'dashboard', href: '/dashboard', label: 'Theo dõi tỷ lệ', roles: ['finance', 'province'] },
];

const ROLE_LABELS: Partial<Record<Role, string>> = { finance: 'Kế toán', province: 'Văn phòng UBND tỉnh' };

export const SERVICE_NAME = 'Thu phí, lệ phí trực tuyến';

export interface StaffPageView {
  readonly title: string;
  readonly principal: Principal;
  readonly csrfToken: string;
  readonly active?: NavKey;
  readonly body: SafeHtml;
}

export function staffPage(statusCode: number, view: StaffPageView): ApiResponse {
  return htmlPage(statusCode, document(view.title, html`${staffHeader(view.principal, view.csrfToken)}
${staffNav(view.principal, view.active)}
<main id="noi-dung" tabindex="-1">
${view.body}
</main>
${footer()}`));
}

/** A page for someone not signed in (the sign-in form, an error before a session exists). */
export function publicPage(statusCode: number, view: { readonly title: string; readonly body: SafeHtml }, headers: Record<string, string> = {}): ApiResponse {
  return htmlPage(
    statusCode,
    document(view.title, html`<header class="staff-header"><a class="service" href="/staff">${SERVICE_NAME}</a></header>
<main id="noi-dung" tabindex="-1">
${view.body}
</main>
${footer()}`),
    headers,
  );
}

export function csrfField(csrfToken: string): SafeHtml {
  return html`<input type="hidden" name="csrf" value="${csrfToken}">`;
}

/** 303 See Other after a POST that did something (post/redirect/get), so a reload does not repeat it. */
export function seeOther(location: string, cookies?: readonly string[]): ApiResponse {
  return { statusCode: 303, headers: { location, ...STAFF_PAGE_HEADERS }, ...(cookies ? { cookies: [...cookies] } : {}), body: '' };
}

export function roleLabel(principal: Principal): string {
  return principal.roles.map((role) => ROLE_LABELS[role]).filter(Boolean).join(', ');
}

export function agenciesLabel(principal: Principal): string {
  if (principal.agencies.includes('*') || principal.roles.includes('province')) return 'Tất cả cơ quan';
  return principal.agencies.length > 0 ? principal.agencies.join(', ') : 'Chưa được giao cơ quan nào';
}

function displayNameOf(principal: Principal): string {
  const named = (principal as Principal & { displayName?: unknown }).displayName;
  return typeof named === 'string' && named !== '' ? named : principal.subject;
}

function staffHeader(principal: Principal, csrfToken: string): SafeHtml {
  return html`<header class="staff-header">
<a class="service" href="/staff">${SERVICE_NAME}</a>
<div class="who">
<span class="name">${displayNameOf(principal)}</span>
<span class="role">${roleLabel(principal)} · ${agenciesLabel(principal)}</span>
<form method="post" action="/logout">${csrfField(csrfToken)}<button type="submit">Đăng xuất</button></form>
</div>
</header>`;
}

function staffNav(principal: Principal, active: NavKey | undefined): SafeHtml {
  const items = NAV_ITEMS.filter((item) => item.roles.some((role) => principal.roles.includes(role)));
  return html`<nav class="staff-nav" aria-label="Điều hướng chính"><ul>
${items.map((item) => html`<li><a href="${item.href}"${item.key === active ? html` aria-current="page"` : ''}>${item.label}</a></li>`)}
</ul></nav>`;
}

function footer(): SafeHtml {
  return html`<footer class="staff-footer">Giờ hiển thị theo giờ Việt Nam (UTC+7). Số tiền tính bằng đồng (₫).</footer>`;
}

function document(title: string, content: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — ${SERVICE_NAME}</title>
<link rel="stylesheet" href="${STAFF_STYLESHEET_PATH}">
</head>
<body>
<a class="skip-link" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
${content}
</body>
</html>
`;
}

function htmlPage(statusCode: number, markup: SafeHtml, headers: Record<string, string> = {}): ApiResponse {
  return { statusCode, headers: { 'content-type': 'text/html; charset=utf-8', ...STAFF_PAGE_HEADERS, ...headers }, body: markup.value };
}
