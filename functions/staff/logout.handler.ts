import { config, staffSessions } from '../composition';
import { cognitoSettings, cognitoSignOutUrl } from './cognito-sign-in';
import { STAFF_ROLES } from './sign-in';
import { LOGIN_PATH } from './sign-in-paths';
import { staffHandler } from './staff-handler';
import { seeOther } from './staff-layout';
import { clearedSessionCookie } from './staff-session';
import { isHttps } from './start-session';

/**
 * POST /logout (the sign-out button of every page, with its CSRF token): deletes the session record,
 * so the cookie opens nothing any more even where it was copied, clears the cookie, and shows the
 * sign-in form saying the person has signed out.
 */
export const handler = staffHandler({ roles: STAFF_ROLES, uses: [config, staffSessions] }, async (request, deps) => {
  await deps.staffSessions.delete(request.sessionId);
  // Signed in through Cognito, the managed login's own session ends too, or the next sign-in would skip it.
  const cognito = cognitoSettings(deps.config);
  return seeOther(cognito ? cognitoSignOutUrl(cognito) : `${LOGIN_PATH}?reason=signed-out`, [clearedSessionCookie({ secure: isHttps(request.headers, deps.config) })]);
});
