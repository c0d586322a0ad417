import type { Clock } from '../../domain/ports/clock';
import type { Config } from '../config';
import { html } from '../http/html';
import { logger } from '../observability/logger';
import type { ApiResponse } from '../http/responses';
import { beginCognitoSignIn, clearedFlowCookie, finishCognitoSignIn, type CognitoSettings } from './cognito-sign-in';
import { LOGIN_NOTICES } from './login-page';
import type { PageRequest } from './page-handler';
import { homeOf, NOT_A_STAFF_ACCOUNT } from './sign-in';
import { safeNext } from './sign-in-paths';
import { publicPage, seeOther } from './staff-layout';
import { StaffPageError } from './staff-page-error';
import type { DynamoDbStaffSessionRepository } from './staff-session-repository';
import { isHttps, startSession } from './start-session';

/**
 * /login and /login/callback when staff sign in through Cognito (STAFF_SIGN_IN=cognito, in AWS).
 * A plain GET /login goes straight to the managed login; one that carries a notice (session expired,
 * signed out) shows it first with a button, so signing out does not sign straight back in.
 */
type Deps = { readonly config: Config; readonly clock: Clock; readonly staffSessions: DynamoDbStaffSessionRepository };

export async function cognitoLoginPage(request: PageRequest<undefined, undefined>, deps: Deps, settings: CognitoSettings): Promise<ApiResponse> {
  const secure = isHttps(request.headers, deps.config);
  const query = new URLSearchParams(request.event.rawQueryString ?? '');
  if (request.event.routeKey === 'GET /login/callback') return callback(request, deps, settings, query, secure);
  const next = safeNext(query.get('next'));
  const notice = LOGIN_NOTICES[query.get('reason') ?? ''];
  if (notice || request.method === 'POST') {
    const again = next ? `/login?${new URLSearchParams({ next }).toString()}` : '/login';
    return publicPage(200, {
      title: 'Đăng nhập',
      body: html`<div class="login"><h1>Đăng nhập</h1>
${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''}
<p>Trang dành cho kế toán các cơ quan và Văn phòng UBND tỉnh. Bạn đăng nhập bằng tài khoản của tỉnh trên trang đăng nhập chung.</p>
<p><a class="button" href="${again}">Đăng nhập</a></p></div>`,
    });
  }
  const { location, cookie } = beginCognitoSignIn(settings, next, { secure });
  return seeOther(location, [cookie]);
}

async function callback(request: PageRequest<undefined, undefined>, deps: Deps, settings: CognitoSettings, query: URLSearchParams, secure: boolean): Promise<ApiResponse> {
  const outcome = await finishCognitoSignIn(settings, { query, cookies: request.cookies, now: deps.clock.now() });
  const cleared = clearedFlowCookie({ secure });
  switch (outcome.kind) {
    case 'SIGNED_IN': {
      const started = await startSession(outcome.principal, outcome.next ?? homeOf(outcome.principal), { secure }, deps);
      return { ...started, cookies: [...(started.cookies ?? []), cleared] };
    }
    case 'NOT_STAFF':
      throw new StaffPageError(403, NOT_A_STAFF_ACCOUNT);
    case 'DENIED':
      throw new StaffPageError(400, 'Bạn chưa đăng nhập xong nên chưa vào được hệ thống. Hãy mở lại trang đăng nhập và thử lại.');
    case 'STALE':
      throw new StaffPageError(400, 'Lượt đăng nhập này đã cũ hoặc không bắt đầu từ trang của hệ thống. Hãy mở lại trang đăng nhập và đăng nhập lại.');
    case 'FAILED':
      logger.warn('cognito sign-in failed', { reason: outcome.reason });
      throw new StaffPageError(502, 'Chưa xác nhận được tài khoản với hệ thống đăng nhập của tỉnh. Hãy thử đăng nhập lại sau ít phút.');
  }
}
