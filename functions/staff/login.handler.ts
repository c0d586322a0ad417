import { clock, config, loginAttempts, staffSessions, staffUsers } from '../composition';
import type { ApiResponse } from '../http/responses';
import { cognitoLoginPage } from './cognito-login-pages';
import { cognitoSettings } from './cognito-sign-in';
import { LOGIN_NOTICES, loginPage } from './login-page';
import { signInLocally } from './local-sign-in';
import { pageHandler, type PageRequest } from './page-handler';
import { isHttps, startSession } from './start-session';
import { homeOf, NOT_A_STAFF_ACCOUNT } from './sign-in';
import { loginPath, safeNext } from './sign-in-paths';
import { seeOther } from './staff-layout';
import { StaffPageError } from './staff-page-error';

/**
 * GET /login — the sign-in form; POST /login (fields `username`, `password`, `next`) — checks them
 * and starts a staff session (start-session.ts), then 303 to `next` (a path of this site) or the
 * role's home. A wrong password and an unknown username get the same Vietnamese message and no cookie.
 * With STAFF_SIGN_IN=cognito (in AWS) the Cognito managed login proves who the person is instead, and
 * GET /login/callback starts the same session (cognito-login-pages.ts).
 */
const MAX_FIELD_CHARS = 256;

export const handler = pageHandler({ uses: [config, clock, staffUsers, staffSessions, loginAttempts], fieldLabels: { username: 'Tên đăng nhập', password: 'Mật khẩu' } }, async (request, deps) => {
  // The dashboard's old token form is gone: staff sign in here, and come back to the dashboard.
  if (request.event.routeKey === 'GET /dashboard/login') return seeOther(loginPath({ next: '/dashboard' }));
  const cognito = cognitoSettings(deps.config);
  if (cognito) return cognitoLoginPage(request, deps, cognito);
  if (request.event.routeKey === 'GET /login/callback') throw new StaffPageError(404);
  if (request.method === 'GET') return showForm(request);
  const username = (request.form.get('username') ?? '').trim();
  const password = request.form.get('password') ?? '';
  const next = safeNext(request.form.get('next'));
  const errors: Partial<Record<'username' | 'password', string>> = {};
  if (username === '') errors.username = 'Nhập tên đăng nhập';
  else if (username.length > MAX_FIELD_CHARS) errors.username = `Tên đăng nhập dài quá ${MAX_FIELD_CHARS} ký tự`;
  if (password === '') errors.password = 'Nhập mật khẩu';
  else if (password.length > MAX_FIELD_CHARS) errors.password = `Mật khẩu dài quá ${MAX_FIELD_CHARS} ký tự`;
  if (Object.keys(errors).length > 0) return loginPage(400, { username, ...(next ? { next } : {}), errors });

  const outcome = await signInLocally({ username, password }, deps);
  switch (outcome.kind) {
    case 'WRONG_CREDENTIALS':
      return loginPage(400, { username, ...(next ? { next } : {}), problem: 'Tên đăng nhập hoặc mật khẩu không đúng. Hãy kiểm tra và nhập lại.' });
    case 'TOO_MANY_ATTEMPTS':
      return loginPage(429, { username, ...(next ? { next } : {}), problem: 'Tên đăng nhập này đã nhập sai mật khẩu nhiều lần. Hãy đợi 15 phút rồi thử lại.' });
    case 'NOT_STAFF':
      throw new StaffPageError(403, NOT_A_STAFF_ACCOUNT);
    case 'SIGNED_IN':
      return startSession(outcome.principal, next ?? homeOf(outcome.principal), { secure: isHttps(request.headers, deps.config) }, deps);
  }
});

function showForm(request: PageRequest<undefined, undefined>): ApiResponse {
  const query = new URLSearchParams(request.event.rawQueryString ?? '');
  const next = safeNext(query.get('next'));
  const notice = LOGIN_NOTICES[query.get('reason') ?? ''];
  return loginPage(200, { ...(next ? { next } : {}), ...(notice ? { notice } : {}) });
}
