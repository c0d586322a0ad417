import { clock, staffSessions, type DependenciesOf, type Dependency, type DependencyName } from '../composition';
import { hasAnyRole, type Role } from '../http/principal';
import type { ApiResponse } from '../http/responses';
import { pageHandler, type PageRequest, type PageSpec } from './page-handler';
import { seeOther } from './staff-layout';
import { StaffPageError, staffErrorPage } from './staff-page-error';
import { csrfTokenMatches, hasSessionCookie, sessionIdFromCookies, type StaffPrincipal } from './staff-session';
import { loginPath } from './sign-in-paths';

/**
 * Like apiHandler, for staff pages. The gateway lets these routes through unauthenticated (`public` in
 * the manifest) because the handler verifies the staff session itself, from its cookie, so it can
 * answer a person in Vietnamese: without a live session a GET goes to /login?next=<this page>, with the
 * wrong role the page says so (403). A POST must come from this site (page-handler.ts) and carry the
 * session's CSRF token in its field `csrf`, or nothing happens and a 403 page says why. Whatever the
 * page throws becomes a Vietnamese error page inside the frame.
 */
export interface StaffSpec<P, Q, U extends Dependency<DependencyName>> extends PageSpec<P, Q, U> {
  readonly roles: readonly Role[];
}

/** A page request (page-handler.ts) with the signed-in person instead of the raw cookies and event. */
export interface StaffRequest<P, Q> extends Omit<PageRequest<P, Q>, 'cookies' | 'event'> {
  /** The signed-in person: subject, roles, agencies, display name. */
  readonly principal: StaffPrincipal;
  /** Put in every POST form with csrfField(). */
  readonly csrfToken: string;
  /** The session's cookie value: only the sign-out page needs it, to end the session. */
  readonly sessionId: string;
}

export function staffHandler<P = undefined, Q = undefined, U extends Dependency<DependencyName> = never>(
  spec: StaffSpec<P, Q, U>,
  fn: (request: StaffRequest<P, Q>, deps: DependenciesOf<U>) => Promise<ApiResponse>,
) {
  const uses = [...(spec.uses ?? []), staffSessions, clock] as readonly Dependency<DependencyName>[];
  return pageHandler({ ...spec, uses }, async (request: PageRequest<P, Q>, deps) => {
    const { staffSessions: sessions, clock: now } = deps as DependenciesOf<typeof staffSessions | typeof clock>;
    const sessionId = sessionIdFromCookies(request.cookies);
    const session = sessionId ? await sessions.get(sessionId, now.now()) : undefined;
    if (!sessionId || !session) {
      // A POST's form is lost either way; after signing in the person comes back to the page it came from.
      const expired = hasSessionCookie(request.cookies);
      return seeOther(loginPath({ next: request.method === 'GET' ? request.path : request.event.rawPath, expired }));
    }
    const { principal, csrfToken } = session;
    if (!hasAnyRole(principal, spec.roles)) return staffErrorPage(403, request.requestId, { principal, csrfToken });
    if (request.method === 'POST' && !csrfTokenMatches(csrfToken, request.form.get('csrf') ?? undefined)) {
      throw new StaffPageError(403, 'Biểu mẫu đã cũ hoặc không được gửi từ trang của hệ thống nên đã bị từ chối; không có gì thay đổi. Hãy tải lại trang và gửi lại.');
    }
    const staffRequest: StaffRequest<P, Q> = {
      params: request.params,
      query: request.query,
      form: request.form,
      files: request.files,
      rawBody: request.rawBody,
      headers: request.headers,
      principal,
      csrfToken,
      method: request.method,
      path: request.path,
      requestId: request.requestId,
      sessionId,
    };
    try {
      return await fn(staffRequest, deps as unknown as DependenciesOf<U>);
    } catch (error) {
      // Inside the frame, with the person's navigation; the envelope logs and answers anything else.
      if (error instanceof StaffPageError) return staffErrorPage(error.statusCode, request.requestId, { principal, csrfToken, ...(error.advice ? { advice: error.advice } : {}) });
      throw error;
    }
  });
}
