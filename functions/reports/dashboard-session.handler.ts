import { parseUtf8Form } from '../../domain/shared/utf8';
import { apiHandler, type ApiRequest } from '../http/api-handler';
import { html } from '../http/html';
import { clearedSessionCookie, DASHBOARD_LOGIN_PATH, isJwtShaped, sessionCookie, unverifiedExpiry } from '../http/session-cookie';
import type { ApiResponse } from '../http/responses';
import { clock, config, type Dependencies } from '../composition';
import { htmlResponse, page } from './page-layout';

/**
 * The dashboard's browser session (see functions/http/session-cookie.ts):
 *   GET  /dashboard/login   a form to paste a bearer token
 *   POST /dashboard/login   keeps the token in an HttpOnly cookie and goes to /dashboard
 *   POST /dashboard/logout  forgets it
 * The token is not verified here: the route that reads the cookie verifies it on every request, as
 * it would the Authorization header, so a forged or expired token set here opens nothing.
 */
const MAX_FORM_BYTES = 16 * 1024;

type SessionRequest = ApiRequest<undefined, undefined, undefined, 'public'>;
type SessionDependencies = Pick<Dependencies, 'config' | 'clock'>;

export const handler = apiHandler({ auth: 'public', maxBodyBytes: MAX_FORM_BYTES, uses: [config, clock] }, async (request, deps) => {
  switch (request.event.routeKey) {
    case 'POST /dashboard/login':
      return logIn(request, deps);
    case 'POST /dashboard/logout':
      return logOut(request, deps);
    default:
      return loginPage(200);
  }
});

function logIn(request: SessionRequest, deps: SessionDependencies): ApiResponse {
  if (!sameOrigin(request)) return loginPage(403, 'Biểu mẫu đăng nhập phải được gửi từ chính trang này.');
  if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '')) return loginPage(415, 'Biểu mẫu không đúng định dạng.');
  const form = parseUtf8Form(request.rawBody);
  if (!form.ok) return loginPage(400, `Trường “${fieldLabel(form.field)}” chứa byte không phải UTF-8; biểu mẫu không được lưu.`);
  const token = form.entries.find(([name]) => name === 'token')?.[1].trim().replace(/^Bearer\s+/i, '') ?? '';
  if (!isJwtShaped(token)) return loginPage(400, 'Mã truy cập không đúng dạng JWT (ba phần nối bằng dấu chấm).');
  const expiresAt = unverifiedExpiry(token);
  const nowSeconds = Math.floor(deps.clock.now().getTime() / 1000);
  if (expiresAt === undefined || expiresAt <= nowSeconds) return loginPage(400, 'Mã truy cập đã hết hạn hoặc không có thời hạn.');
  return {
    statusCode: 303,
    headers: { location: '/dashboard', 'cache-control': 'no-store' },
    cookies: [sessionCookie(token, { maxAgeSeconds: expiresAt - nowSeconds, secure: isHttps(request, deps) })],
    body: '',
  };
}

// The form's one field is named as the page labels it; anything else by its own name.
function fieldLabel(field: string): string {
  return field === 'token' ? 'Mã truy cập' : field;
}

function logOut(request: SessionRequest, deps: SessionDependencies): ApiResponse {
  if (!sameOrigin(request)) return loginPage(403, 'Yêu cầu đăng xuất phải được gửi từ chính trang này.');
  return {
    statusCode: 303,
    headers: { location: DASHBOARD_LOGIN_PATH, 'cache-control': 'no-store' },
    cookies: [clearedSessionCookie({ secure: isHttps(request, deps) })],
    body: '',
  };
}

function loginPage(statusCode: number, problem?: string): ApiResponse {
  const body = html`<main class="login"><section>
<h2>Đăng nhập bảng theo dõi thanh toán trực tuyến</h2>
<p class="note">Dán mã truy cập (bearer token) của tài khoản kế toán (<code>finance</code>) hoặc Văn phòng UBND tỉnh (<code>province</code>).
Mã được giữ trong cookie HttpOnly của trình duyệt này đến khi hết hạn (tối đa 12 giờ) hoặc khi đăng xuất.</p>
${problem ? html`<p class="error" role="alert">${problem}</p>` : ''}
<form method="post" action="${DASHBOARD_LOGIN_PATH}">
<p><label for="token">Mã truy cập</label></p>
<textarea id="token" name="token" rows="6" required autocomplete="off" spellcheck="false"></textarea>
<p><button class="button" type="submit">Đăng nhập</button></p>
</form>
<p class="note">Trên máy phát triển: <code>npm start</code> in sẵn mã cho từng vai trò; tạo mã khác bằng
<code>npm run token -- --role finance --agency STP</code>.</p>
</section></main>`;
  return htmlResponse(statusCode, page('Đăng nhập — Thanh toán trực tuyến', body));
}

// A cross-site form must not log a browser in (or out) as someone else. Browsers that send
// Sec-Fetch-Site are judged by it; otherwise the Origin of the POST must be this host.
function sameOrigin(request: SessionRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site) return site === 'same-origin' || site === 'none';
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === (request.headers.host ?? request.event.requestContext.domainName);
  } catch {
    return false;
  }
}

function isHttps(request: SessionRequest, deps: SessionDependencies): boolean {
  return request.headers['x-forwarded-proto'] === 'https' || deps.config.publicBaseUrl.startsWith('https:');
}
